"""`peerinspect serve` in Chromium: the page fetches nothing from anywhere but the server, each tab opens on the
sign-in screen and is its own session, and two people signed in side by side each see their own dashboard."""

from __future__ import annotations

import re
import time
import urllib.request
from urllib.parse import urlsplit

from peerinspect.engine.core import Engine

from .conftest import DIRECTOR, DIRECTOR_PASSWORD, INSPECTOR, INSPECTOR_PASSWORD, PATIENCE_SECONDS


def test_the_page_names_no_address_but_the_servers_own(server):
    page = urllib.request.urlopen(server + "/", timeout=10).read().decode()
    addresses = re.findall(r"(?:https?|wss?)://[^\s\"'<>)]+", page)
    elsewhere = [a for a in addresses if urlsplit(a).netloc != urlsplit(server).netloc]
    assert elsewhere == []
    assert "static/js/textual.js" in page  # the page served is ours, and the terminal is on it


def test_a_tab_opens_on_sign_in_and_asks_nothing_of_another_host(open_tab, server):
    tab = open_tab()
    tab.wait_for("Sign in", "Name", "Password")
    assert tab.requested, "the browser made no request at all"
    assert {urlsplit(url).netloc for url in tab.requested} == {urlsplit(server).netloc}


def test_two_tabs_are_two_people_each_on_their_own_dashboard(open_tab, served_workspace):
    # Other journeys on this workspace may have ended sessions of these two before: only this test's count.
    ended_before = {name: len(ended_sessions(served_workspace, name)) for name in (DIRECTOR, INSPECTOR)}
    director, inspector = open_tab(), open_tab()
    director.sign_in(DIRECTOR, "not-her-password")
    director.wait_for("do not match")
    director.page.keyboard.press("Escape")  # clears the password, keeps the name
    director.page.keyboard.type(DIRECTOR_PASSWORD)
    director.wait_for("•" * len(DIRECTOR_PASSWORD))
    director.page.keyboard.press("Enter")
    inspector.sign_in(INSPECTOR, INSPECTOR_PASSWORD)

    director.wait_for(f"{DIRECTOR} · area director")
    inspector.wait_for(f"{INSPECTOR} · inspector")
    assert INSPECTOR not in director.text.splitlines()[0]
    assert DIRECTOR not in inspector.text.splitlines()[0]

    # Closing the tab ends the session, and the workspace's trail says so.
    director.close()
    deadline = time.monotonic() + PATIENCE_SECONDS
    while len(ended_sessions(served_workspace, DIRECTOR)) == ended_before[DIRECTOR]:
        assert time.monotonic() < deadline, "closing the tab left no sign-out in the trail"
        time.sleep(0.2)
    # the other tab's session goes on
    assert len(ended_sessions(served_workspace, INSPECTOR)) == ended_before[INSPECTOR]


def ended_sessions(root, name: str) -> list:
    engine = Engine.open(root)
    person = engine.person(name)
    return [e for e in engine.workspace.audit_entries() if e.actor_id == person.id and e.action == "sign out (tab closed)"]

"""A real `peerinspect serve` on a free port of 127.0.0.1, over a demo workspace that requires sign-in, and Debian's
Chromium (driven by Playwright) opening it. What a tab shows is read from the bytes its terminal receives, through
a terminal emulator (pyte) the size the page asked for: xterm.js paints on a canvas, which has no text to read.

Without Chromium these tests skip naming the package; with CI=true they fail (tests/reports/conftest.py).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from peerinspect.engine import accounts, authority
from peerinspect.sample import build_demo
from tests.reports.conftest import CHROMIUM_ARGS, installed

DIRECTOR, DIRECTOR_PASSWORD = "Morwenna Tallis", "copper-meadow-falcon"
INSPECTOR, INSPECTOR_PASSWORD = "Nia Fairholme", "silver-canal-thistle"
AMBASSADOR, AMBASSADOR_PASSWORD = "Jay Pembury-Cole", "amber-lighthouse-kettle"
# An inspection in fieldwork this week, whatever the day the tests run: the served processes read the real clock.
THIS_WEEK = "Kestrel Vale"
# Generous: the machine is shared, and each tab starts a Python process of its own.
PATIENCE_SECONDS = 30


def give_password(engine, person: str, password: str) -> None:
    first = "violet-harbour-lantern"
    accounts.set_password(engine, as_person=DIRECTOR, person=person, password=first)
    accounts.change_password(engine, person=person, current=first, new=password)


# One workspace and one server for every test here: what one test saves, the others do not look for.
@pytest.fixture(scope="session")
def served_workspace(tmp_path_factory) -> Path:
    """The demo inspections on today's clock (the server's processes read the real one), with two people able to
    sign in, and sign-in required."""
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from peerinspect.signin import passwords

    root = tmp_path_factory.mktemp("served") / "workspace"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", PasswordHasher.from_parameters(CHEAPEST))
        engine = build_demo(root, clock=datetime.now)
        give_password(engine, DIRECTOR, DIRECTOR_PASSWORD)
        give_password(engine, INSPECTOR, INSPECTOR_PASSWORD)
        give_password(engine, AMBASSADOR, AMBASSADOR_PASSWORD)
        in_fieldwork_this_week(engine)
        authority.update_settings(engine, {"sign_in_required": True}, as_person=DIRECTOR)
    return root


def in_fieldwork_this_week(engine) -> str:
    from peerinspect.engine import planning, workflow
    from peerinspect.sample import FULL

    today = date.today()
    start = today - timedelta(days=today.weekday())  # this Monday: five working days to Friday
    authority.add_district(engine, THIS_WEEK, "North", ("Assessment",), as_person=DIRECTOR)
    framework = engine.framework(FULL)
    inspection = planning.plan_inspection(
        engine, as_person=DIRECTOR, district=THIS_WEEK, framework_id=FULL, fieldwork_start=start,
        fieldwork_end=start + timedelta(days=4), notice_date=start - timedelta(days=7), lead=DIRECTOR,
        theme_leads={t.id: "Priya Castellane" for t in framework.themes},
        team=[(INSPECTOR, "inspector"), (AMBASSADOR, "care_ambassador")],
    ).id
    workflow.advance(engine, as_person=DIRECTOR, inspection=inspection, event="notify", on=start - timedelta(days=7))
    workflow.advance(engine, as_person=DIRECTOR, inspection=inspection, event="start_fieldwork", on=start)
    return inspection


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def started(command: list[str], port: int):
    """A server process as a user starts it, once it answers on its port; stopped at the end."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + PATIENCE_SECONDS
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the server did not start: {process.communicate()[0]}")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server(served_workspace):
    """`peerinspect serve` on the served workspace; its address."""
    port = free_port()
    yield from started([sys.executable, "-m", "peerinspect", "--workspace", str(served_workspace), "serve",
                        "--port", str(port)], port)


# Per module, as tests/reports/conftest.py explains: Playwright's own event loop must be gone before the
# terminal UI's tests run theirs.
@pytest.fixture(scope="module")
def browser():
    chromium = installed("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class ServedTab:
    """One browser tab on the server, and the screen its terminal shows."""

    def __init__(self, browser, origin: str) -> None:
        import pyte

        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.requested: list[str] = []
        self.screen = pyte.Screen(80, 24)
        self._stream = pyte.ByteStream(self.screen)
        self.page.on("request", lambda request: self.requested.append(request.url))
        self.page.on("websocket", self._follow)
        self.page.goto(origin + "/")

    def _follow(self, websocket) -> None:
        def received(payload) -> None:
            if isinstance(payload, bytes):
                self._stream.feed(payload)

        def sent(payload) -> None:
            if isinstance(payload, str):
                message = json.loads(payload)
                if message[0] == "resize":
                    self.screen.resize(message[1]["height"], message[1]["width"])

        websocket.on("framereceived", received)
        websocket.on("framesent", sent)

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, *wanted: str) -> str:
        """The screen once it shows every one of `wanted`; fails with the screen as it was if it never does."""
        deadline = time.monotonic() + PATIENCE_SECONDS
        while not all(w in self.text for w in wanted):
            if time.monotonic() > deadline:
                pytest.fail(f"the tab never showed {wanted!r}; it shows:\n{self.text}")
            self.page.wait_for_timeout(100)  # lets Playwright deliver the frames meanwhile
        return self.text

    def sign_in(self, name: str, password: str) -> None:
        self.wait_for("Sign in", "Name", "Password")
        self.page.locator(".xterm-helper-textarea").focus()
        self.page.keyboard.type(name)
        self.wait_for(name)
        self.page.keyboard.press("Tab")
        # Textual moves the focus after the key is handled: keys typed at once could still reach the name.
        self.page.wait_for_timeout(300)
        self.page.keyboard.type(password)
        self.wait_for("•" * len(password))
        self.page.keyboard.press("Enter")

    def click(self, text: str, *, below: int = 0) -> None:
        """Click the middle of the first place the screen shows `text` (or `below` rows under it), as a person would."""
        lines = self.wait_for(text).splitlines()
        row = next(n for n, line in enumerate(lines) if text in line)
        column = lines[row].index(text) + len(text) // 2
        row += below
        box = self.page.locator(".xterm-screen").bounding_box()
        width, height = box["width"] / self.screen.columns, box["height"] / self.screen.lines
        self.page.mouse.click(box["x"] + (column + 0.5) * width, box["y"] + (row + 0.5) * height)

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_tab(browser, server):
    tabs: list[ServedTab] = []

    def opened() -> ServedTab:
        tabs.append(ServedTab(browser, server))
        return tabs[-1]

    yield opened
    for tab in tabs:
        tab.close()

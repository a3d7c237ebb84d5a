"""Whole journeys through `peerinspect serve` in Chromium, as the team would make them: a name locked after five
wrong passwords, a care ambassador's conversation, a report downloaded to the browser, two people recording on
one inspection at once, and a session left idle ending."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from peerinspect.domain.accounts import REFUSED
from peerinspect.engine import accounts, authority
from peerinspect.engine.core import Engine
from peerinspect.tui.signing_in import IDLE_CHECK_SECONDS

from .conftest import (
    AMBASSADOR, AMBASSADOR_PASSWORD, DIRECTOR, DIRECTOR_PASSWORD, INSPECTOR, INSPECTOR_PASSWORD, PATIENCE_SECONDS,
    THIS_WEEK, ServedTab, free_port, give_password, started,
)

LOCKED, LOCKED_PASSWORD = "Owen Haverleigh", "bramble-quarry-lantern"


def this_week(engine: Engine) -> str:
    [summary] = [s for s in engine.summaries() if s.inspection.district_id == engine.district(THIS_WEEK).id]
    return summary.inspection.id


def conversations(root: Path) -> dict[str, tuple[str, str]]:
    """Each conversation on this week's inspection, by id: who recorded it and its notes, as the store holds them."""
    engine = Engine.open(root)
    dossier = engine.workspace.dossier(this_week(engine))
    names = {p.id: p.name for p in engine.people()}
    return {c.id: (names[c.author_id], c.notes) for c in dossier.conversations}


def signed_in(tab: ServedTab, name: str, password: str, role: str) -> ServedTab:
    tab.sign_in(name, password)
    tab.wait_for(f"{name} · {role}")
    return tab


def open_this_week(tab: ServedTab) -> None:
    tab.click(THIS_WEEK)
    tab.press("Enter")
    tab.wait_for("Fieldwork Mon")


def to_fieldwork(tab: ServedTab) -> None:
    open_this_week(tab)
    tab.press("f")
    tab.wait_for("Conversations", "n New")


# A session left idle ---------------------------------------------------------------------------------------------
# The shortest idle time a workspace can set is a minute, and the tab looks for idleness every few seconds: so the
# idle tab signs in before this module's other journeys run, and its minute passes while they do.
IDLE_MINUTES = 1


@pytest.fixture(scope="module")
def idle_workspace(served_workspace, tmp_path_factory) -> Path:
    """A copy of the served workspace whose sessions end after a minute unused."""
    root = tmp_path_factory.mktemp("idle") / "workspace"
    shutil.copytree(served_workspace, root)
    authority.update_settings(Engine.open(root), {"idle_minutes": IDLE_MINUTES}, as_person=DIRECTOR)
    return root


@pytest.fixture(scope="module")
def idle_server(idle_workspace):
    port = free_port()
    yield from started([sys.executable, "-m", "peerinspect", "--workspace", str(idle_workspace), "serve",
                        "--port", str(port)], port)


@pytest.fixture(scope="module", autouse=True)
def tab_left_idle(browser, idle_server):
    tab = signed_in(ServedTab(browser, idle_server), INSPECTOR, INSPECTOR_PASSWORD, "inspector")
    open_this_week(tab)
    yield tab
    tab.close()


# Five wrong passwords ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lockable(served_workspace) -> str:
    """Someone with a password of their own whom no other test signs in as."""
    from argon2 import PasswordHasher
    from argon2.profiles import CHEAPEST

    from peerinspect.signin import passwords

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", PasswordHasher.from_parameters(CHEAPEST))
        give_password(Engine.open(served_workspace), LOCKED, LOCKED_PASSWORD)
    return LOCKED


def until(tab: ServedTab, shown, what: str, patience: float = PATIENCE_SECONDS) -> str:
    """The screen once `shown(text)` holds; fails naming `what` with the screen as it was if it never does."""
    deadline = time.monotonic() + patience
    while not shown(tab.text):
        if time.monotonic() > deadline:
            pytest.fail(f"the tab never showed {what}; it shows:\n{tab.text}")
        tab.page.wait_for_timeout(100)  # lets Playwright deliver the frames meanwhile
    return tab.text


def refused(tab: ServedTab, password: str) -> str:
    """Type `password` and press Enter on the sign-in screen; the words of the refusal that comes back."""
    tab.page.keyboard.type(password)
    tab.wait_for("•" * len(password))
    tab.press("Enter")
    # The refusal is answered by emptying the password: until then, an earlier refusal may still be showing.
    text = until(tab, lambda text: "•" not in text and "do not match" in text, "a refusal")
    words = " ".join(line.strip(" │") for line in text.splitlines())
    return " ".join(words[words.index("Not signed in"):words.index("new password.") + len("new password.")].split())


def test_five_wrong_passwords_lock_the_name_and_the_right_one_is_then_refused_alike(open_tab, lockable,
                                                                                   served_workspace):
    engine = Engine.open(served_workspace)
    person = engine.person(lockable)
    trail_before = len(engine.workspace.audit_entries())
    tab = open_tab()
    tab.wait_for("Sign in", "Name", "Password")
    tab.page.locator(".xterm-helper-textarea").focus()
    tab.page.keyboard.type(lockable)
    tab.wait_for(lockable)
    tab.press("Tab")
    tab.page.wait_for_timeout(300)  # Textual moves the focus after the key is handled
    wrong = {refused(tab, f"not-his-password-{attempt}") for attempt in range(1, 6)}
    assert wrong == {" ".join(REFUSED.split())}  # said plainly, and the same each time
    assert refused(tab, LOCKED_PASSWORD) in wrong  # the right password, refused in the same words
    assert f"{lockable} ·" not in tab.text

    later = Engine.open(served_workspace)
    about_him = [e.action for e in later.workspace.audit_entries()[trail_before:] if e.record_id == person.id]
    # Four failures, the fifth locks, and the right password while locked is one more failure.
    assert about_him == ["failed sign-in"] * 4 + ["lock sign-in", "failed sign-in"]
    assert accounts.statuses(later)[person.id].locked_until is not None


def choose(tab: ServedTab, label: str, option: str) -> None:
    """Open the list under `label` with a click, and click `option` in it, as a person would."""
    tab.click(label, below=1)
    lines = tab.wait_for("Dismiss menu").splitlines()
    row = next(n for n, line in enumerate(lines) if label in line)
    # The list opens under the choice it belongs to; the label itself may hold the option's words.
    offset = next(n for n, line in enumerate(lines[row + 2:], start=2) if option in line)
    tab.click(label, below=offset)
    until(tab, lambda text: "Dismiss menu" not in text, "the list closed")
    current = tab.text.splitlines()[row + 1]
    assert option in current, f"{label!r} shows {current.strip()!r}, not {option!r}"


# A care ambassador's conversation --------------------------------------------------------------------------------
def test_a_care_ambassador_records_a_conversation_and_is_offered_no_file_reviews(open_tab, served_workspace):
    before = conversations(served_workspace)
    tab = signed_in(open_tab(), AMBASSADOR, AMBASSADOR_PASSWORD, "care ambassador")
    to_fieldwork(tab)
    tabs_row = next(line for line in tab.text.splitlines() if "Conversations" in line)
    assert "File reviews" not in tab.text and "Observations" not in tabs_row  # only what the rulebook lets her add
    tab.press("n")
    tab.wait_for("Who did you speak with?")
    choose(tab, "Who did you speak with?", "Parent or carer")
    choose(tab, "Individual or group", "Individual")
    choose(tab, "In person or by telephone", "Telephone")
    tab.click("What did they tell you?", below=2)
    tab.page.keyboard.type("Worried nobody explained the plan")
    tab.wait_for("Worried nobody explained the plan")
    tab.click("Are you given a chance to have your say?", below=1)
    tab.page.keyboard.type("Only at the review")
    tab.wait_for("Only at the review")
    tab.press("Control+s")
    tab.wait_for("Conversations", "parent or carer: Worried nobody")  # saved, back on the list

    engine = Engine.open(served_workspace)
    [added] = [c for c in engine.workspace.dossier(this_week(engine)).conversations
               if c.id not in before and c.notes == "Worried nobody explained the plan"]
    assert engine.person(AMBASSADOR).id == added.author_id
    assert (added.with_group.value, added.format.value, added.mode.value) == ("parent_or_carer", "individual",
                                                                              "telephone")
    assert added.family_answers == {"2": "Only at the review"}


# A report downloaded ---------------------------------------------------------------------------------------------
def the_command_lines_report(root: Path, inspection: str, home: Path) -> bytes:
    """`peerinspect report INSPECTION --format html` as the director runs it in her own terminal, signed in."""
    environment = {**os.environ, "XDG_CONFIG_HOME": str(home / "config")}
    command = [sys.executable, "-m", "peerinspect", "--workspace", str(root)]
    subprocess.run([*command, "login", DIRECTOR, "--password-stdin"], input=DIRECTOR_PASSWORD.encode() + b"\n",
                   env=environment, capture_output=True, check=True, timeout=60)
    done = subprocess.run([*command, "report", inspection, "--format", "html"], env=environment, capture_output=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def test_the_report_downloads_to_the_browser_as_the_command_line_renders_it(open_tab, served_workspace, tmp_path):
    tab = signed_in(open_tab(), DIRECTOR, DIRECTOR_PASSWORD, "area director")
    open_this_week(tab)
    tab.press("r")
    tab.wait_for("w Save as…")
    tab.press("w")
    tab.wait_for("Report (HTML)", "Your browser downloads it as")
    started_at = time.time()
    with tab.page.expect_download() as downloading:
        tab.click("Download")
    download = downloading.value
    received = Path(download.path()).read_bytes()
    engine = Engine.open(served_workspace)
    assert received == the_command_lines_report(served_workspace, this_week(engine), tmp_path)
    assert b"Peer inspection of Kestrel Vale" in received
    assert download.suggested_filename == f"kestrel-vale-report-{engine.today().isoformat()}.html"
    tab.wait_for("Sent to your browser")

    # Nothing of it stays on the server: its address is used up, and no file holds it.
    assert "/download/" in download.url
    assert tab.page.request.get(download.url).status == 404
    assert written_since(started_at, received, download.suggested_filename,
                         [served_workspace, Path(tempfile.gettempdir())],
                         besides=Path(download.path())) == []


def written_since(started_at: float, content: bytes, name: str, roots: list[Path], *, besides: Path) -> list[Path]:
    """Files under `roots` written since `started_at` that are named `name` or hold `content` (`besides` aside)."""
    found = []
    for root in roots:
        for folder, _, names in os.walk(root):
            for each in names:
                path = Path(folder, each)
                try:
                    stat = path.stat()
                    if path == besides or stat.st_mtime < started_at:
                        continue
                    if each == name or (stat.st_size == len(content) and path.read_bytes() == content):
                        found.append(path)
                except OSError:
                    continue  # gone, or not ours to read: not written by this server
    return found


def show_tab(tab: ServedTab, title: str) -> None:
    """Click the tab called `title`, and wait until the bar under the tabs marks it as the one shown."""
    tab.click(title)

    def marked(text: str) -> bool:
        lines = text.splitlines()
        row = next((n for n, line in enumerate(lines) if title in line), None)
        if row is None or row + 1 >= len(lines):
            return False
        bar, middle = lines[row + 1], lines[row].index(title) + len(title) // 2
        return "╸" in bar[:middle] and "╺" in bar[middle:] and "╺" not in bar[bar[:middle].rindex("╸"):middle]

    until(tab, marked, f"the {title} tab shown")


# Two people on one inspection at once ----------------------------------------------------------------------------
def test_two_people_recording_on_one_inspection_at_once_both_keep_their_record(open_tab, served_workspace):
    before = conversations(served_workspace)
    inspector = signed_in(open_tab(), INSPECTOR, INSPECTOR_PASSWORD, "inspector")
    director = signed_in(open_tab(), DIRECTOR, DIRECTOR_PASSWORD, "area director")
    typed = {INSPECTOR: "Supervision happens monthly now", DIRECTOR: "Partners say referrals are clearer"}
    for tab, name in ((inspector, INSPECTOR), (director, DIRECTOR)):
        to_fieldwork(tab)
        assert "File reviews" in tab.text  # offered to those who review files, unlike a care ambassador
        show_tab(tab, "Conversations")
        tab.press("n")
        tab.wait_for("New conversation", "Notes")
        choose(tab, "With", "Partner agency" if name == DIRECTOR else "Worker")
        tab.click("Notes", below=2)
        tab.page.keyboard.type(typed[name])
        tab.wait_for(typed[name])
    # Both forms are open and typed in; both are saved together.
    inspector.press("Control+s")
    director.press("Control+s")
    inspector.wait_for("Conversations", "worker: Supervision happens")
    director.wait_for("Conversations", "partner agency: Partners say")

    added = {by_notes for id_, by_notes in conversations(served_workspace).items() if id_ not in before}
    assert added == {(INSPECTOR, typed[INSPECTOR]), (DIRECTOR, typed[DIRECTOR])}


# A session left idle (its tab signed in when this module began) -------------------------------------------------
def test_a_session_left_idle_returns_to_sign_in(tab_left_idle, idle_workspace):
    tab = tab_left_idle
    # A minute unused, then the tab's next look for idleness: a few seconds more.
    patience = IDLE_MINUTES * 60 + IDLE_CHECK_SECONDS + PATIENCE_SECONDS
    until(tab, lambda text: f"{INSPECTOR}'s session ended after" in text, "the session ended", patience)
    assert tab.text.splitlines()[0].strip(" ⭘").startswith("Sign in") and "Password" in tab.text
    assert "Fieldwork Mon" not in tab.text  # what was open is hidden until someone signs in

    engine = Engine.open(idle_workspace)
    person = engine.person(INSPECTOR)
    assert [e.action for e in engine.workspace.audit_entries() if e.actor_id == person.id][-1] == "sign out (idle)"

"""The whole team at once, through the server: a care ambassador's tab and an inspector's terminal save to one
inspection together and both saves are kept; when the lead changes a record the tab has open, the tab's save is
refused naming her, and what the ambassador typed stays in the form."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from peerinspect.engine.core import Engine

from .conftest import (
    AMBASSADOR, AMBASSADOR_PASSWORD, DIRECTOR, DIRECTOR_PASSWORD, INSPECTOR, INSPECTOR_PASSWORD, THIS_WEEK,
)


@pytest.fixture
def terminal(served_workspace, tmp_path):
    """`peerinspect` in a terminal of its own for each person: signed in once, then used as a script would."""

    def run(person: str, password: str, *arguments: str) -> str:
        environment = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / person.split()[0])}
        command = [sys.executable, "-m", "peerinspect", "--workspace", str(served_workspace)]
        subprocess.run([*command, "login", person, "--password-stdin"], input=password + "\n", env=environment,
                       capture_output=True, text=True, check=True, timeout=60)
        done = subprocess.run([*command, *arguments], env=environment, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    return run


def conversations(root) -> tuple[dict[str, str], str]:
    """The notes of each conversation on this week's inspection, by id, as the store holds them; and its id."""
    engine = Engine.open(root)
    [summary] = [s for s in engine.summaries() if s.inspection.district_id == engine.district(THIS_WEEK).id]
    return {c.id: c.notes for c in engine.workspace.dossier(summary.inspection.id).conversations}, summary.inspection.id


def open_new_conversation(tab) -> None:
    tab.sign_in(AMBASSADOR, AMBASSADOR_PASSWORD)
    tab.wait_for(f"{AMBASSADOR} · care ambassador")
    tab.click(THIS_WEEK)
    tab.press("Enter")
    tab.wait_for("Fieldwork Mon")
    tab.press("f")
    tab.wait_for("Conversations", "n New")
    tab.press("n")
    tab.click("choose…")
    tab.click("Child or young person")
    tab.wait_for("What did they tell you?")


def test_a_tab_and_a_terminal_saving_to_one_inspection_both_keep_their_work(open_tab, terminal, served_workspace):
    before, inspection = conversations(served_workspace)
    tab = open_tab()
    open_new_conversation(tab)
    tab.click("What did they tell you?", below=2)
    tab.page.keyboard.type("Likes the new worker")
    tab.wait_for("Likes the new worker")
    # While the form is open, the inspector records a conversation from her terminal.
    made = terminal(INSPECTOR, INSPECTOR_PASSWORD, "evidence", "add", inspection, "conversation",
                    "--set", "with_group=worker", "--set", "notes=Caseloads are down to eighteen", "--id-only")
    tab.press("Control+s")
    tab.wait_for("Conversations", "child or young person: Likes the new worker")  # saved, back on the list
    after, _ = conversations(served_workspace)
    added = {notes for id_, notes in after.items() if id_ not in before}
    assert added == {"Likes the new worker", "Caseloads are down to eighteen"}
    assert after[made] == "Caseloads are down to eighteen"


def test_a_stale_save_in_a_tab_names_who_changed_the_record_and_keeps_what_was_typed(
    open_tab, terminal, served_workspace
):
    tab = open_tab()
    open_new_conversation(tab)
    tab.click("What did they tell you?", below=2)
    tab.page.keyboard.type("Misses her brother")
    tab.wait_for("Misses her brother")
    tab.press("Control+s")
    tab.wait_for("Conversations", "Misses her brother")
    after, inspection = conversations(served_workspace)
    [mine] = [id_ for id_, notes in after.items() if notes == "Misses her brother"]

    tab.click("Misses her brother")
    tab.press("Enter")
    tab.wait_for("Edit conversation")
    tab.click("Misses her brother")
    tab.page.keyboard.type(" (and her school)")
    typed = next(line for line in tab.wait_for("(and her school)").splitlines() if "(and her school)" in line)
    # The lead corrects the same record from her terminal while the form is open.
    terminal(DIRECTOR, DIRECTOR_PASSWORD, "evidence", "edit", inspection, mine, "--set", "format=individual")
    tab.press("Control+s")
    tab.wait_for(f"Not saved. This conversation was changed by {DIRECTOR} (at")
    assert "Edit conversation" in tab.text and typed in tab.text.splitlines()  # what she typed is still there
    final, _ = conversations(served_workspace)
    assert final[mine] == "Misses her brother"  # nothing of the refused save reached the store

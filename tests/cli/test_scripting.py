"""A script can drive the whole workflow: ids printed for everything made, ids in every list, a --date on every
dated fact, an unknown --as refused everywhere, and refusals that leave nothing behind."""

from __future__ import annotations

import json
import re

import pytest

from peerinspect.cli import main
from peerinspect.domain.errors import InvalidInput, Problem
from peerinspect.engine import authority

LEAD = ("--as", "Alex Director")
DM = ("--as", "Dana District")
ID = re.compile(r"^[0-9a-f]{32}$")
THEMES = ("help-and-protection", "looked-after-and-permanence", "leadership-management-governance")


def made_id(cli, *args: str) -> str:
    printed = cli(*args, "--id-only")
    assert ID.match(printed.strip()) and printed.count("\n") == 1, printed
    return printed.strip()


@pytest.fixture
def issued(cli):
    """An inspection whose report is issued, with one recommendation; returns (inspection, recommendation)."""
    inspection = made_id(cli, "inspection", "plan", "--district", "Basingstoke", "--start", "2026-03-09", "--end",
                         "2026-03-12", "--lead", "Alex Director", "--member", "Ivy Inspector=inspector", *LEAD)
    for event, day in (("notify", "2026-03-05"), ("start_fieldwork", "2026-03-09"), ("give_feedback", "2026-03-12")):
        cli("advance", inspection, event, "--date", day, *LEAD)
    for theme in THEMES:
        cli("judgement", "propose", inspection, "--theme", theme, "--grade", "good", "--reasons", "Seen", *LEAD)
        cli("judgement", "sign-off", inspection, "--theme", theme, *LEAD)
    recommendation = made_id(cli, "recommendation", "add", inspection, "--theme", THEMES[0], "--text", "Audit", *LEAD)
    cli("advance", inspection, "draft_report", "--date", "2026-03-16", *LEAD)
    cli("advance", inspection, "issue_report", "--date", "2026-03-20", *LEAD)
    return inspection, recommendation


def test_every_verb_that_makes_something_prints_its_id_alone_or_as_json(cli):
    district = made_id(cli, "district", "add", "Alton", "--area", "North", *LEAD)
    assert cli.json("district", "add", "Hook", "--area", "North", *LEAD)["name"] == "Hook"
    person = made_id(cli, "person", "add", "Ian Two", "--role", "inspector", *LEAD)
    inspection = made_id(cli, "inspection", "plan", "--district", district, "--start", "2026-03-09", "--end", "2026-03-12",
                         "--lead", "Alex Director", "--theme-lead", "help-and-protection=Sam Help", "--member",
                         f"{person}=inspector", *LEAD)
    cli("advance", inspection, "notify", "--date", "2026-03-05", *LEAD)
    cli("advance", inspection, "start_fieldwork", "--date", "2026-03-09", *LEAD)
    evidence = made_id(cli, "evidence", "add", inspection, "observation", "--as", person, "--set", "setting=home_visit",
                       "--set", "practitioner=P", "--set", "grade=good", "--date", "2026-03-10")
    finding = cli.json("finding", "add", inspection, "--theme", "help-and-protection", "--kind", "strength", "--text",
                       "Warm practice", "--evidence", evidence, "--date", "2026-03-11", "--as", "Sam Help")
    assert finding["recorded_on"] == "2026-03-11" and finding["evidence_ids"] == [evidence]
    concern = made_id(cli, "concern", "raise", inspection, "--description", "Left alone", "--date", "2026-03-10", "--as", person)
    plan = cli.json("concern", "plan", inspection, concern, "--owner", "Dana District", "--action", "Visit",
                    "--date", "2026-03-10", *LEAD)
    assert plan["id"] == concern and plan["plan"]["made_on"] == "2026-03-10"
    judgement = cli.json("judgement", "propose", inspection, "--theme", THEMES[1], "--grade", "good", "--reasons", "Seen",
                         "--date", "2026-03-13", *LEAD)
    assert judgement["proposed_on"] == "2026-03-13" and ID.match(judgement["id"])
    signed = cli.json("judgement", "sign-off", inspection, "--theme", THEMES[1], "--date", "2026-03-16", *LEAD)
    assert signed["signed_off_on"] == "2026-03-16"
    recommendation = cli.json("recommendation", "add", inspection, "--theme", THEMES[1], "--text", "Audit",
                              "--date", "2026-03-16", *LEAD)
    assert recommendation["written_on"] == "2026-03-16"


def test_actions_are_added_with_a_date_listed_with_their_ids_and_updated_by_id(cli, issued):
    inspection, recommendation = issued
    action = cli.json("action", "add", inspection, "--recommendation", recommendation, "--what", "Monthly audit",
                      "--date", "2026-03-23", *DM)
    assert action["added_on"] == "2026-03-23"
    listed = cli("action", "list", inspection, *DM)
    assert action["id"][:8] in listed and listed.splitlines()[0].split()[0] == "id"
    assert cli.json("action", "list", inspection, *DM)[0]["id"] == action["id"]
    updated = cli.json("action", "update", inspection, action["id"][:8], "--note", "Started", "--date", "2026-03-24", *DM)
    assert updated["status"] == "in_progress" and updated["notes"][0]["on"] == "2026-03-24"


@pytest.mark.parametrize("args, message", [
    (("ACTION", *DM), "action: nothing to change: give --what, --owner, --due, --note or --done"),
    (("zzzz9999", "--note", "Done it", *DM), "No action 'zzzz9999' in this inspection"),
    (("zzzz9999", *DM), "No action 'zzzz9999' in this inspection"),
])
def test_an_action_update_that_changes_nothing_or_names_no_action_is_refused(cli, issued, args, message):
    inspection, recommendation = issued
    action = made_id(cli, "action", "add", inspection, "--recommendation", recommendation, "--what", "Audit", *DM)
    before = cli.snapshot()
    out = cli("action", "update", inspection, *[action if a == "ACTION" else a for a in args], expect=2)
    assert message in cli.err and "updated" not in out
    assert cli.snapshot() == before


LIST_AND_OTHER_VERBS = [
    ("district", "list"), ("person", "list"), ("inspection", "list"), ("frameworks", "list"), ("deadlines",),
    ("cycle",), ("settings",), ("export", "calendar"), ("workspace", "check"), ("district", "add", "Hook", "--area", "N"),
]


@pytest.mark.parametrize("verb", LIST_AND_OTHER_VERBS)
def test_an_unknown_person_is_refused_by_every_verb(cli, verb):
    before = cli.snapshot()
    cli(*verb, "--as", "Nobody Known", expect=2)
    assert "No person 'Nobody Known'" in cli.err
    assert cli.snapshot() == before


def test_a_refused_init_leaves_no_workspace_behind(tmp_path, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise InvalidInput(Problem("cycle_start", "outside the dates the workspace can hold"))

    monkeypatch.setattr(authority, "update_settings", refuse)
    root = tmp_path / "new"
    assert main(["--workspace", str(root), "init", "--cycle-start", "2025-01-01"]) == 2
    assert "cycle_start: outside the dates" in capsys.readouterr().err
    assert not root.exists()
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "notes.txt").write_text("mine")
    assert main(["--workspace", str(kept), "init", "--cycle-start", "2025-01-01"]) == 2
    assert [p.name for p in kept.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("cycle_start", ["2025-02-30", "01/04/2025"])
def test_init_with_a_date_that_is_not_one_leaves_nothing(tmp_path, capsys, cycle_start):
    root = tmp_path / "new"
    assert main(["--workspace", str(root), "init", "--cycle-start", cycle_start]) == 2
    assert not root.exists()


def test_init_takes_no_person(tmp_path, capsys):
    root = tmp_path / "new"
    assert main(["--workspace", str(root), "init", "--as", "Alex Director"]) == 2
    assert "--as: a new workspace has nobody in it yet" in capsys.readouterr().err
    assert not root.exists()


def test_the_lead_changes_and_cancels_an_inspection_from_the_command_line(cli):
    inspection = made_id(cli, "inspection", "plan", "--district", "Basingstoke", "--start", "2026-06-08", "--end",
                         "2026-06-11", "--lead", "Alex Director", "--member", "Ivy Inspector=inspector", *LEAD)
    changed = cli.json("inspection", "change", inspection, "--start", "2026-06-15", "--end", "2026-06-18",
                       "--notice", "2026-06-08", "--theme-lead", "help-and-protection=Sam Help",
                       "--remove-member", "Ivy Inspector", *LEAD)
    assert (changed["fieldwork_start"], changed["notice_date"]) == ("2026-06-15", "2026-06-08")
    assert [m["role"] for m in changed["team"]] == ["theme_lead"]
    before = cli.snapshot()
    cli("inspection", "change", inspection, "--notice", "2026-04-01", *LEAD, expect=2)
    assert "notice_date: notice on 2026-04-01 is 49 working days before fieldwork" in cli.err
    cli("inspection", "change", inspection, *LEAD, expect=2)
    assert "nothing to change" in cli.err
    cli("inspection", "cancel", inspection, "--reason", "Snow", "--as", "Ivy Inspector", expect=2)
    cli("inspection", "plan", "--district", "Basingstoke", "--start", "2026-06-16", "--end", "2026-06-19",
        "--lead", "Alex Director", *LEAD, expect=2)
    assert "already has an inspection with fieldwork from 2026-06-15 to 2026-06-18" in cli.err
    assert cli.snapshot() == before

    cancelled = cli.json("inspection", "cancel", inspection, "--reason", "The district is merging", "--date", "2026-06-01", *LEAD)
    assert cancelled["cancelled"] == {"on": "2026-06-01", "by": cancelled["cancelled"]["by"], "reason": "The district is merging"}
    assert "cancelled" in cli("inspection", "list")
    shown = cli("inspection", "show", inspection, *LEAD)
    assert "cancelled on 2026-06-01: The district is merging" in shown and "next:" not in shown
    assert json.loads(cli("cycle", "--json", "--today", "2026-06-01"))[0]["planned"] == []
    cli("advance", inspection, "notify", "--date", "2026-06-10", *LEAD, expect=2)
    assert "This inspection was cancelled on 2026-06-01 (The district is merging)" in cli.err


def test_the_cycle_and_deadline_lists_show_ids(cli, issued):
    inspection, _ = issued
    district = cli.json("district", "list")[0]["id"]
    assert district[:8] in cli("cycle", "--today", "2026-03-20").splitlines()[3]
    deadlines = cli("deadlines", "--today", "2026-03-20")
    assert deadlines.splitlines()[0].split()[-1] == "inspection" and inspection[:8] in deadlines

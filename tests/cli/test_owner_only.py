"""Every file and folder peerinspect writes is its owner's alone, whatever the umask, through every verb the
command line has; --shareable opens an output to others only where it carries no case reference."""

import argparse
import io
import json
import os
import stat
import tempfile
from pathlib import Path

import pytest

from peerinspect.cli.parser import build_parser
from peerinspect.field import sealing

from .conftest import Cli

LEAD = ("--as", "Alex Director")
DISTRICT_MANAGER = ("--as", "Dana District")
AREA_MANAGER = ("--as", "Avery Area")
THEMES = {"help-and-protection": "Sam Help", "looked-after-and-permanence": "Sue Care",
          "leadership-management-governance": "Sol Lead"}
FRAMEWORK_FILE = Path(__file__).resolve().parents[2] / "frameworks" / "hampshire-peer-inspection.toml"


def verbs(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every command the parser offers, as the words that name it (`("export", "calendar")`)."""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        return {path}
    return {verb for group in groups for name, sub in group.choices.items() for verb in verbs(sub, (*path, name))}


class Sweep:
    """Runs commands, remembering which verbs it ran."""

    def __init__(self, cli: Cli):
        self.cli, self.ran = cli, set()

    def __call__(self, *args: str, expect: int = 0) -> str:
        self.ran.add(next(v for v in sorted(ALL_VERBS, key=len, reverse=True) if args[: len(v)] == v))
        return self.cli(*args, expect=expect)

    def json(self, *args: str):
        return json.loads(self(*args, "--json"))


ALL_VERBS = verbs(build_parser())


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def permissive_umask(request):
    before = os.umask(request.param)
    yield request.param
    os.umask(before)


def exposed(folder: Path) -> list[str]:
    """What under `folder` someone other than its owner may read, change or enter."""
    return [f"{stat.S_IMODE(p.lstat().st_mode):o} {p.relative_to(folder)}"
            for p in sorted(folder.rglob("*")) if stat.S_IMODE(p.lstat().st_mode) & 0o077]


def test_every_verb_writes_only_what_its_owner_alone_can_read(tmp_path, capsys, monkeypatch, permissive_umask):
    # The demo workspace is made in the temporary folder: here, where it is checked with the rest.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    run = Sweep(Cli(tmp_path / "made" / "for" / "this" / "workspace", capsys, monkeypatch))
    out = lambda name: str(tmp_path / name)  # noqa: E731

    run("init", "--authority", "Test County")
    run("district", "add", "Basingstoke", "--area", "North", "--team", "Assessment")
    run("district", "list")
    run("person", "add", "Alex Director", "--role", "area director")
    for name, role, *extra in [
        *((lead, "senior manager") for lead in THEMES.values()), ("Ivy Inspector", "inspector"),
        ("Dana District", "district manager", "--district", "Basingstoke"),
        ("Avery Area", "area manager", "--area", "North"),
    ]:
        run("person", "add", name, "--role", role, *extra, *LEAD)
    run("person", "list")
    run("person", "change", "Ivy Inspector", "--email", "ivy@example.org", *LEAD)
    run("area", "add", "South", *LEAD)
    run("area", "change", "South", "--name", "Southern", *LEAD)
    run("area", "list")
    run("district", "add", "Hook", "--area", "Southern", *LEAD)
    run("district", "change", "Hook", "--name", "Hook Town", *LEAD)
    run("district", "retire", "Hook Town", *LEAD)
    run("settings", "--due-soon-days", "7", *LEAD)
    # Signing in writes the token in the config folder: here too, where it is checked with the rest.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr("sys.stdin", io.StringIO("violet-harbour-lantern\n"))
    run("account", "set", "Ivy Inspector", "--password-stdin", *LEAD)
    monkeypatch.setattr("sys.stdin", io.StringIO("violet-harbour-lantern\ncopper-meadow-falcon\n"))
    run("login", "Ivy Inspector", "--password-stdin")
    monkeypatch.setattr("sys.stdin", io.StringIO("copper-meadow-falcon\namber-thistle-compass\n"))
    run("account", "password", "--password-stdin", "--as", "Ivy Inspector")
    assert exposed(tmp_path / "config") == [] and list((tmp_path / "config").rglob("*.token"))
    run("logout")
    run("frameworks", "list")
    run("frameworks", "check", str(FRAMEWORK_FILE))

    inspection = run.json("inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17",
                          "--lead", "Alex Director", *[a for t, p in THEMES.items() for a in ("--theme-lead", f"{t}={p}")],
                          *LEAD)["id"]
    run("inspection", "change", inspection, "--member", "Ivy Inspector=inspector", *LEAD)
    run("person", "retire", "Sol Lead", "--date", "2026-12-01", *LEAD)
    run("person", "duties", *LEAD)
    run("inspection", "reassign", inspection, "--theme", "leadership-management-governance", "--to", "Sue Care", *LEAD)
    run("advance", inspection, "notify", "--date", "2026-12-10", *LEAD)
    run("advance", inspection, "start_fieldwork", "--date", "2026-12-14", *LEAD)
    review = run.json("evidence", "add", inspection, "file_review", "--as", "Ivy Inspector",
                      "--set", "case_reference=BSK-0042", "--set", "team=Assessment", "--set", "age_band=under_1",
                      "--set", "legal_status=child_protection_plan", "--set", "difference_made=None yet",
                      "--grade", "hp-assessment=requires-improvement")
    concern = run.json("concern", "raise", inspection, "--description", "Left alone at night", "--date", "2026-12-14",
                       "--as", "Ivy Inspector")["id"]
    run("concern", "plan", inspection, concern, "--owner", "Dana District", "--action", "Visit today", *LEAD)
    run("concern", "amend", inspection, concern, "--reason", "A nearer worker", "--owner", "Dana District", *LEAD)
    # A field copy: written, opened, worked in, and brought home with a conflict to settle.
    monkeypatch.setenv("PEERINSPECT_FIELD_PASSPHRASE", "a long walk to the car park")
    monkeypatch.setattr(sealing, "SCRYPT_COST", min(sealing.COSTS_READ))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # where an opened copy is unsealed: checked with the rest
    copy, ivy = out("ivy.copy"), ("--as", "Ivy Inspector")
    run("field", "checkout", inspection, *ivy, "--output", copy)
    run("field", "open", copy)
    run("evidence", "edit", inspection, review["evidence"]["id"][:8], *ivy, "--set", "difference_made=Seen at the visit",
        "--workspace", copy)
    run("evidence", "edit", inspection, review["evidence"]["id"][:8], *LEAD, "--set", "difference_made=Seen in the audit")
    run("field", "return", copy, *ivy)
    run("field", "list", inspection, *LEAD)
    (conflict,) = run.json("field", "conflicts", inspection, *ivy)
    run("field", "resolve", inspection, conflict["conflict"]["id"][:8], *ivy, "--set", "difference_made=Seen at both")
    run("field", "refresh", copy, *ivy)
    run("finding", "add", inspection, "--theme", "help-and-protection", "--kind", "strength", "--text", "Visits are regular",
        "--evidence", review["evidence"]["id"], "--as", "Sam Help")
    run("inspection", "show", inspection, *LEAD)
    run("inspection", "list")
    run("advance", inspection, "give_feedback", "--date", "2026-12-17", *LEAD)
    for theme, lead in {**THEMES, "leadership-management-governance": "Sue Care"}.items():
        run("judgement", "propose", inspection, "--theme", theme, "--grade", "good", "--reasons", "Shown", "--as", lead)
        run("judgement", "sign-off", inspection, "--theme", theme, *LEAD)
    recommendation = run.json("recommendation", "add", inspection, "--theme", "help-and-protection",
                              "--text", "Date every action", *LEAD)["id"]
    run("advance", inspection, "draft_report", "--date", "2026-12-21", *LEAD)
    run("advance", inspection, "issue_report", "--date", "2026-12-22", "--note", "Issued on one kind of source", *LEAD)
    action = run.json("action", "add", inspection, "--recommendation", recommendation, "--what", "Date them",
                      "--owner", "Dana District", "--due", "2027-03-01", *DISTRICT_MANAGER)["id"]
    run("action", "update", inspection, action, "--note", "Started", "--done", "--date", "2027-01-04", *DISTRICT_MANAGER)
    run("action", "verify", inspection, action, "--date", "2027-01-05", *AREA_MANAGER)
    run("action", "list", inspection, *DISTRICT_MANAGER)
    run("deadlines")
    run("cycle")
    run("reminders", "--as", "Dana District")

    # Every output, with and without case references, over a file that was readable by all before.
    Path(out("old-report.md")).write_text("an older report")
    os.chmod(out("old-report.md"), 0o666)
    run("report", inspection, "--output", out("old-report.md"), *LEAD)
    run("report", inspection, "--internal", "--format", "html", "--output", out("internal.html"), *LEAD)
    run("export", "bundle", inspection, "--include-case-refs", "--output", out("bundle.json"), *LEAD)
    run("export", "actions", inspection, "--format", "xlsx", "--output", out("actions.xlsx"), *LEAD)
    run("export", "calendar", "--output", out("deadlines.ics"))
    run("audit", inspection, *LEAD)
    run("audit", "anchor", *LEAD)
    run("audit", "--verify", *LEAD)

    other = run.json("inspection", "plan", "--district", "Basingstoke", "--start", "2027-02-08", "--end", "2027-02-10",
                     "--lead", "Alex Director", *LEAD)["id"]
    run("inspection", "cancel", other, "--reason", "Merged into the spring visit", *LEAD)
    run("workspace", "check")
    run("where")
    run("serve", expect=2)  # refused: this workspace does not require sign-in; the served tabs have their own tests
    run("workspace", "repair")
    run("import", out("bundle.json"), "--yes", *LEAD)  # imports nothing new: every record is there
    assert "Demo workspace at" in run("demo")

    assert run.ran == ALL_VERBS, f"not swept: {sorted(ALL_VERBS - run.ran)}"
    written = list(tmp_path.rglob("*"))
    assert {".lock", ".bak", ".json", ".xlsx", ".ics", ".html"} <= {p.suffix for p in written}
    assert exposed(tmp_path) == []


def test_shareable_outputs_are_readable_by_others_and_case_references_never_are(cli, inspection, tmp_path):
    report, calendar = tmp_path / "report.html", tmp_path / "deadlines.ics"
    cli("report", inspection, "--format", "html", "--shareable", "--output", str(report), *LEAD)
    cli("export", "calendar", "--shareable", "--output", str(calendar))
    assert [stat.S_IMODE(p.stat().st_mode) for p in (report, calendar)] == [0o644, 0o644]

    internal = tmp_path / "internal.html"
    cli("report", inspection, "--internal", "--shareable", "--output", str(internal), *LEAD, expect=2)
    assert "--shareable: the internal report carries case references" in cli.err and not internal.exists()
    with pytest.raises(SystemExit):  # a bundle holds every note of every conversation: it is never shareable
        cli("export", "bundle", inspection, "--shareable", "--output", str(tmp_path / "bundle.json"), *LEAD)
    assert not (tmp_path / "bundle.json").exists()
    cli("export", "calendar", "--shareable", expect=2)
    assert "--shareable: applies to a file written with --output" in cli.err

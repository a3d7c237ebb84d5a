"""Deadlines, reminders and the calendar read the index: it never hides what the inspection files hold."""

import errno
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from ..by_hand import folded_index

KILLED = Path(__file__).with_name("killed_between_writes.py")
LEAD = ("--as", "Alex Director")
CONCERN_DAY = "2026-12-14"




def concern_args(inspection: str) -> list[str]:
    return ["evidence", "add", inspection, "file_review", "--as", "Ivy Inspector",
            "--set", "case_reference=BSK-0042", "--set", "team=Assessment", "--set", "age_band=under_1",
            "--set", "legal_status=child_protection_plan", "--set", f"recorded_on={CONCERN_DAY}",
            "--set", "safeguarding_concern=Baby left alone at night", "--set", "difference_made=None yet",
            "--grade", "hp-assessment=requires-improvement"]


def deadline_rules(cli) -> list[str]:
    return sorted(d["rule"] for d in cli.json("deadlines", "--today", CONCERN_DAY))


def test_a_save_killed_between_its_two_writes_still_shows_its_deadline(cli, inspection):
    killed = subprocess.run(
        [sys.executable, str(KILLED), "--workspace", str(cli.root), *concern_args(inspection)],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2]), "KILLED_ON": CONCERN_DAY},
        capture_output=True, text=True,
    )
    assert killed.returncode == -signal.SIGKILL

    assert deadline_rules(cli) == ["immediate_plan", "report"]
    assert "Repaired the index" in cli.err and "safeguarding concerns (index: 0, file: 1)" in cli.err
    assert deadline_rules(cli) == ["immediate_plan", "report"]
    assert "Repaired" not in cli.err  # said once, when it was put right


def test_a_full_disk_at_the_index_write_says_what_was_saved_and_loses_no_deadline(cli, inspection, monkeypatch):
    real_open = os.open

    def full_at_the_index(path, flags, *args, **kwargs):
        if Path(path).name == "workspace.journal":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full_at_the_index)
    cli(*concern_args(inspection), expect=3)
    assert f"Saved 'add FileReview' (concern, file review) in {cli.root / 'inspections' / inspection}.json" in cli.err
    assert "workspace.json was not updated (the disk is full)" in cli.err
    assert "internal fault" not in cli.err
    monkeypatch.setattr(os, "open", real_open)

    assert deadline_rules(cli) == ["immediate_plan", "report"]
    digest = cli.json("reminders", "--today", CONCERN_DAY, "--as", "Alex Director")
    assert "Immediate safeguarding action plan" in [d["title"] for d in digest]
    assert "Immediate safeguarding action plan" in cli("export", "calendar")
    assert not list(cli.root.rglob(".*.tmp"))


def test_a_stage_edited_by_hand_in_the_index_is_repaired_on_open(cli, inspection):
    cli(*concern_args(inspection))
    before = cli.json("deadlines", "--today", CONCERN_DAY)
    index = folded_index(cli.root)
    tables = json.loads(index.read_text())
    tables["summary"][inspection]["inspection"]["stage"] = "closed"
    index.write_text(json.dumps(tables))

    assert cli.json("deadlines", "--today", CONCERN_DAY) == before
    assert "stage (index: closed, file: fieldwork)" in cli.err


def test_an_emptied_index_is_refused_by_name_and_repaired_from_its_last_good_copy(cli, inspection):
    cli(*concern_args(inspection))
    before = deadline_rules(cli)
    index = cli.root / "workspace.json"
    index.write_bytes(b"")
    snapshot = cli.snapshot()

    cli("deadlines", expect=2)
    assert f"{index} cannot be read: it is empty" in cli.err and "peerinspect workspace repair" in cli.err
    cli("person", "add", "Mallory", "--role", "area director", expect=2)
    assert cli.snapshot() == snapshot

    out = cli("workspace", "check", expect=2)
    assert "it is empty" in out and "workspace.json.bak is a readable last-good copy" in out
    out = cli("workspace", "repair")
    assert "Restored workspace.json from its last-good copy" in out
    assert deadline_rules(cli) == before
    assert "Alex Director" in cli("person", "list")
    assert list(cli.root.glob("workspace.json.damaged-*"))
    cli("workspace", "check")


def test_with_no_last_good_copy_the_repair_says_what_is_lost(cli, inspection):
    (cli.root / "workspace.json").write_text("{not json")
    (cli.root / "workspace.json.bak").unlink()
    out = cli("workspace", "repair")
    assert "cannot be rebuilt from the inspection files" in out and "anyone may add one" in out
    assert [d["rule"] for d in cli.json("deadlines", "--today", CONCERN_DAY)] == ["report"]


def test_temporary_files_of_killed_saves_are_removed_on_the_next_open(cli, inspection):
    leftovers = [cli.root / "inspections" / f".{inspection}.json.4242.tmp", cli.root / ".workspace.json.4243.tmp",
                 cli.root / ".workspace.json.bak.4244.tmp"]
    for tmp in leftovers:
        tmp.write_bytes(b"x" * 1000)
    assert "temporary file left by an interrupted save" in cli("workspace", "check", expect=2)
    cli("deadlines")
    assert "Removed 3 temporary files" in cli.err
    assert not any(tmp.exists() for tmp in leftovers)


def test_a_full_disk_at_the_inspection_write_names_the_file_and_changes_nothing(cli, inspection, monkeypatch):
    snapshot = cli.snapshot()
    real_open = os.open

    def read_only_journal(path, flags, *args, **kwargs):
        if Path(path).suffix == ".journal":
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only_journal)
    cli(*concern_args(inspection), expect=3)
    assert f"Could not write {cli.root / 'inspections' / inspection}.journal: the disk is read-only. Nothing was changed." in cli.err
    monkeypatch.setattr(os, "open", real_open)
    assert cli.snapshot() == snapshot


def test_audit_verify_checks_the_index_against_the_inspection_file(cli, inspection):
    from peerinspect.store.index_check import summary_digest

    assert "audit trail intact" in cli("audit", inspection, "--verify", *LEAD)
    index = folded_index(cli.root)
    tables = json.loads(index.read_text())
    tables["summary"][inspection]["inspection"]["stage"] = "closed"
    # Covering its tracks: the stamp's digest made to fit, so opening does not notice.
    tables["stamp"][inspection]["summary"] = summary_digest(tables["summary"][inspection])
    index.write_text(json.dumps(tables))
    out = cli("audit", inspection, "--verify", *LEAD, expect=2)
    assert "disagrees with" in out and "stage (index: closed, file: fieldwork)" in out


def test_audit_times_are_stored_in_utc_with_their_offset(cli, inspection):
    entries = cli.json("audit", inspection, *LEAD)
    assert entries and all(e["at"].endswith("+00:00") for e in entries)


def test_a_missing_index_beside_inspections_offers_the_repair(cli, inspection):
    (cli.root / "workspace.json").unlink()
    cli("deadlines", expect=2)
    assert "workspace.json is missing" in cli.err and "peerinspect workspace repair" in cli.err
    assert "Restored workspace.json from its last-good copy" in cli("workspace", "repair")
    assert "Alex Director" in cli("person", "list")

"""Acknowledged saves survive a killed process, and two processes never lose each other's saves."""

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from peerinspect.domain.audit import chain_problems
from peerinspect.domain.errors import StaleRecord
from peerinspect.domain.evidence import Observation
from peerinspect.store.journal import journal_path
from peerinspect.store.workspace import Workspace

from .conftest import WHEN

SAVER = Path(__file__).with_name("saver.py")
CONCERN_SAVER = Path(__file__).with_name("concern_saver.py")


def _start(script: Path, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(script), *map(str, args)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )


def start_saver(root: Path, inspection_id: str, count: int, tag: str, *fold_at_bytes: int) -> subprocess.Popen:
    return _start(SAVER, root, inspection_id, count, tag, *fold_at_bytes)


def start_concern_saver(root: Path, inspection_id: str, *count_and_fold_at_bytes: int) -> subprocess.Popen:
    return _start(CONCERN_SAVER, root, inspection_id, *count_and_fold_at_bytes)


def test_a_killed_process_loses_no_acknowledged_save(workspace, planned):
    saver = start_saver(workspace.root, planned.id, 100_000, "killed")
    acknowledged = [saver.stdout.readline().strip() for _ in range(60)]
    saver.send_signal(signal.SIGKILL)  # mid-stream: it is saving the next ones as it dies
    saver.wait()

    reopened = Workspace.open(workspace.root)
    saved_ids = {o.id for o in reopened.dossier(planned.id).observations}
    assert set(acknowledged) <= saved_ids
    assert chain_problems(reopened.audit_entries(planned.id)) == []
    leftovers = [p.name for p in (workspace.root / "inspections").iterdir() if p.name.endswith(".tmp")]
    with reopened.inspection(planned.id) as tx:  # still writable after the crash
        tx.attribute(at=WHEN, actor_id="after", action="add observation")
        tx.put(attrs.evolve(reopened.dossier(planned.id).observations[0], id="after-crash", revision=0))
    assert len(reopened.dossier(planned.id).observations) == len(saved_ids) + 1
    assert len(leftovers) <= 1  # at most the temporary file the killed process was writing


def test_two_processes_saving_to_one_inspection_lose_nothing(workspace, planned):
    savers = [start_saver(workspace.root, planned.id, 40, tag) for tag in ("first", "second")]
    outputs = [saver.communicate(timeout=120)[0].split() for saver in savers]
    assert all(saver.returncode == 0 for saver in savers)

    stored = Workspace.open(workspace.root).dossier(planned.id).observations
    assert {o.id for o in stored} == set(outputs[0]) | set(outputs[1])
    assert len(stored) == 80
    entries = workspace.audit_entries(planned.id)
    assert len(entries) == 81 and chain_problems(entries) == []


def test_saving_over_a_record_someone_else_changed_is_refused(workspace, planned):
    with workspace.inspection(planned.id) as tx:
        tx.attribute(at=WHEN, actor_id="a", action="add")
        first = tx.put(_observation(planned.id))
    theirs = attrs.evolve(first, notes="their change")
    mine = attrs.evolve(first, notes="my change")
    with workspace.inspection(planned.id) as tx:
        tx.attribute(at=WHEN, actor_id="b", action="edit")
        tx.put(theirs)
    before = _file_bytes(workspace)
    with pytest.raises(StaleRecord, match="changed by someone else"):
        with workspace.inspection(planned.id) as tx:
            tx.attribute(at=WHEN, actor_id="c", action="edit")
            tx.put(mine)
    assert _file_bytes(workspace) == before
    assert workspace.dossier(planned.id).observations[0].notes == "their change"


def test_a_failed_use_case_writes_nothing(workspace, planned):
    before = _file_bytes(workspace)
    with pytest.raises(RuntimeError):
        with workspace.inspection(planned.id) as tx:
            tx.attribute(at=WHEN, actor_id="a", action="add")
            tx.put(_observation(planned.id))
            raise RuntimeError("the use case failed after its first save")
    assert _file_bytes(workspace) == before
    assert workspace.dossier(planned.id).observations == ()


def test_workspace_files_are_readable_by_their_owner_only(workspace, planned):
    with workspace.inspection(planned.id) as tx:
        tx.attribute(at=WHEN, actor_id="a", action="add")
        tx.put(_observation(planned.id))
    journal = journal_path(workspace.inspection_path(planned.id))
    lock = workspace.root / "workspace.json.lock"
    for path in [workspace.root, workspace.index_path, workspace.inspection_path(planned.id), journal, lock]:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
    assert workspace.exposed_paths() == []
    # Left so by an older version, or by hand: each is named, locks and last-good copies as much as the data.
    for path, mode in [(workspace.index_path, 0o644), (journal, 0o640), (lock, 0o644), (workspace.root / "workspace.json.bak", 0o604)]:
        os.chmod(path, mode)
    assert sorted(workspace.exposed_paths()) == sorted([workspace.index_path, journal, lock, workspace.root / "workspace.json.bak"])


def test_a_save_appends_its_change_to_the_journal_and_leaves_the_inspection_file_as_it_was(workspace, planned):
    path = workspace.inspection_path(planned.id)
    before = path.read_bytes()
    with workspace.inspection(planned.id) as tx:
        tx.attribute(at=WHEN, actor_id="a", action="add")
        added = tx.put(_observation(planned.id))
    assert path.read_bytes() == before
    [line] = journal_path(path).read_bytes().splitlines()
    change = json.loads(line)
    # The record and its audit entry, in one line.
    assert change["documents"]["observation"][added.id]["practitioner"] == "P1"
    assert [entry["seq"] for entry in change["documents"]["audit"].values()] == [2]
    assert set(change["documents"]) == {"observation", "audit"}
    assert Workspace.open(workspace.root).dossier(planned.id).observations == (added,)


def _observation(inspection_id: str) -> Observation:
    from datetime import date

    from peerinspect.domain.vocabulary import ObservationSetting

    return Observation(
        inspection_id=inspection_id, author_id="a", recorded_on=date(2026, 3, 9),
        setting=ObservationSetting.SUPERVISION, practitioner="P1", grade="good", notes="notes",
    )


def _file_bytes(workspace: Workspace) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(workspace.root.rglob("*")) if p.suffix in (".json", ".journal")}

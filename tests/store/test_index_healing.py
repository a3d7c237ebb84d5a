"""The index's summaries follow the inspection files, cheaply: only a file whose stamp no longer fits is read."""

import errno
import os
from datetime import date, datetime, timezone
from pathlib import Path

import attrs
import pytest
from filelock import FileLock

from peerinspect.domain.audit import chain_problems
from peerinspect.domain.inspection import Stage
from peerinspect.domain.safeguarding import SafeguardingConcern
from peerinspect.store import lock_wait, transaction
from peerinspect.store.faults import PartlySaved
from peerinspect.store.workspace import Workspace

from .conftest import WHEN, plan_one
from .test_durability import _observation, start_concern_saver


def raise_concern(workspace, inspection_id):
    with workspace.inspection(inspection_id) as tx:
        tx.attribute(at=WHEN, actor_id="p1", action="raise concern")
        tx.put(SafeguardingConcern(inspection_id=inspection_id, raised_by="p1", raised_on=date(2026, 3, 9), description="left alone"))


def test_opening_reads_no_inspection_file_when_every_stamp_fits(workspace, planned, monkeypatch):
    for _ in range(3):
        plan_one(workspace)
    monkeypatch.setattr(Workspace, "file_summary", lambda self, i: pytest.fail(f"opening read inspection {i}"))
    assert Workspace.open(workspace.root).repairs == []


def test_evidence_saved_since_the_summary_leaves_a_stamp_that_fits_and_opening_changes_nothing(
    workspace, planned, monkeypatch
):
    with workspace.inspection(planned.id) as tx:
        tx.attribute(at=WHEN, actor_id="a", action="add")
        tx.put(_observation(planned.id))
    index = workspace.index_path.read_bytes()
    monkeypatch.setattr(Workspace, "file_summary", lambda self, i: pytest.fail(f"opening read inspection {i}"))
    reopened = Workspace.open(workspace.root)
    assert reopened.repairs == [] and not reopened.fresh_stamps
    assert workspace.index_path.read_bytes() == index  # reading a workspace never changes it


def test_a_session_whose_index_write_failed_catches_up_once_the_disk_takes_writes(workspace, planned, monkeypatch):
    real_open = os.open

    def full_at_the_index(path, flags, *args, **kwargs):
        if Path(path).name == "workspace.journal":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full_at_the_index)
    with pytest.raises(PartlySaved, match="the disk is full"):
        raise_concern(workspace, planned.id)
    assert workspace.summaries()[0].concerns == ()  # still full: the index as it was, and no fault
    monkeypatch.setattr(os, "open", real_open)

    assert len(workspace.summaries()[0].concerns) == 1
    assert any("safeguarding concerns" in r for r in workspace.repairs)


def test_a_summary_whose_inspection_file_is_gone_stays_listed_until_an_explicit_repair(workspace, planned):
    """A lost file is not something opening can mend: the line in lists is what tells people, until they choose."""
    workspace.inspection_path(planned.id).unlink()
    reopened = Workspace.open(workspace.root)
    assert [s.id for s in reopened.summaries()] == [planned.id]
    assert "is missing: restore it from a backup" in reopened.repairs[0]
    assert any("has no inspection file" in note for note in reopened.repair_index())
    assert Workspace.open(workspace.root).summaries() == []


def test_an_unreadable_inspection_file_is_named_and_the_rest_still_open(workspace, planned):
    other = plan_one(workspace)
    raise_concern(workspace, other.id)
    workspace.inspection_path(planned.id).write_text("")
    reopened = Workspace.open(workspace.root)
    assert any(str(workspace.inspection_path(planned.id)) in r and "it is empty" in r for r in reopened.repairs)
    assert {s.id for s in reopened.summaries()} == {planned.id, other.id}


def test_a_temporary_file_being_written_now_is_left_alone(workspace, planned):
    path = workspace.inspection_path(planned.id)
    tmp = path.with_name(f".{path.name}.4242.tmp")
    tmp.write_bytes(b"half")
    with FileLock(str(path) + ".lock"):
        assert Workspace.open(workspace.root).repairs == []
        assert tmp.exists()
    assert "Removed 1 temporary file" in Workspace.open(workspace.root).repairs[0]
    assert not tmp.exists()


def test_audit_times_are_utc_and_entries_written_in_local_time_before_still_verify(workspace, planned, monkeypatch):
    monkeypatch.setattr(transaction, "in_utc", lambda moment: moment)  # as earlier versions wrote them
    with workspace.inspection(planned.id) as tx:
        tx.attribute(at=datetime(2026, 3, 9, 11), actor_id="a", action="notify")
        tx.put(attrs.evolve(planned, stage=Stage.NOTIFIED))
    monkeypatch.undo()
    with workspace.inspection(planned.id) as tx:
        tx.attribute(at=datetime(2026, 3, 9, 12, tzinfo=timezone.utc), actor_id="a", action="add")
        tx.put(_observation(planned.id))

    entries = Workspace.open(workspace.root).audit_entries(planned.id)
    assert [e.at.tzinfo for e in entries[1:]] == [None, timezone.utc]
    assert entries[0].at.utcoffset().total_seconds() == 0
    assert chain_problems(entries) == []


def test_a_read_only_disk_at_the_lock_names_the_file_and_changes_nothing(workspace, planned, monkeypatch):
    from peerinspect.store.faults import DiskRefused

    def read_only(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    before = {p: p.read_bytes() for p in workspace.root.rglob("*.json")}
    monkeypatch.setattr(lock_wait.FileLock, "try_acquire", read_only)
    with pytest.raises(DiskRefused, match=f"{workspace.inspection_path(planned.id)}: the disk is read-only. Nothing was changed"):
        raise_concern(workspace, planned.id)
    assert {p: p.read_bytes() for p in workspace.root.rglob("*.json")} == before


def test_a_workspace_copied_without_its_file_times_is_read_in_full_once(workspace, planned, tmp_path, monkeypatch):
    import shutil

    for _ in range(9):
        plan_one(workspace)
    copied = tmp_path / "copied"
    shutil.copytree(workspace.root, copied, copy_function=shutil.copy)  # new modification times
    assert Workspace.open(copied).repairs == []
    monkeypatch.setattr(Workspace, "file_summary", lambda self, i: pytest.fail(f"opening read inspection {i} again"))
    assert Workspace.open(copied).repairs == []


def test_a_process_killed_while_raising_concerns_leaves_an_index_that_agrees_once_reopened(workspace, planned):
    import signal

    saver = start_concern_saver(workspace.root, planned.id)
    acknowledged = [saver.stdout.readline().strip() for _ in range(30)]
    saver.send_signal(signal.SIGKILL)
    saver.wait()

    reopened = Workspace.open(workspace.root)
    assert reopened.index_problems() == []
    assert set(acknowledged) <= {c.id for c in reopened.summaries()[0].concerns}
    assert not list(workspace.root.rglob(".*.tmp"))

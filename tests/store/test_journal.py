"""The inspection journal: a save costs its change, a cut-off last line was never acknowledged, folding loses nothing."""

import errno
import json
import os
import signal
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerinspect.domain.audit import chain_problems
from peerinspect.domain.evidence import Observation
from peerinspect.domain.vocabulary import ObservationSetting
from peerinspect.store import journal
from peerinspect.store.faults import DiskRefused, UnreadableFile
from peerinspect.store.journal import journal_path
from peerinspect.store.workspace import Workspace

from .conftest import WHEN
from .test_durability import _file_bytes, start_saver


def save(workspace: Workspace, inspection_id: str, practitioner: str = "P1") -> Observation:
    with workspace.inspection(inspection_id) as tx:
        tx.attribute(at=WHEN, actor_id="a", action="add observation")
        return tx.put(Observation(
            inspection_id=inspection_id, author_id="a", recorded_on=date(2026, 3, 9),
            setting=ObservationSetting.SUPERVISION, practitioner=practitioner, grade="good", notes="notes " * 50,
        ))


def observation_ids(root: Path, inspection_id: str) -> set[str]:
    return {o.id for o in Workspace.open(root).dossier(inspection_id).observations}


def whole_state(root: Path, inspection_id: str) -> tuple:
    """Everything a fresh session reads of one inspection: its records as stored, and its trail."""
    fresh = Workspace.open(root)
    return fresh.stored_documents(inspection_id), fresh.audit_entries(inspection_id)


@pytest.fixture
def fold_at(monkeypatch):
    def fold_beyond(size: int) -> None:
        monkeypatch.setattr(journal, "FOLD_AT_LEAST_BYTES", size)
        monkeypatch.setattr(journal, "FOLD_SHARE_OF_FILE", 0)

    return fold_beyond


# a save cut off -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cut_off", [b'{"seq":4,"documents":{"observation":{"0a1', b"\x00" * 300, b'{"seq":4}garbage\n'],
                         ids=["half a line", "zeros from a lost write", "a whole line of garbage"])
def test_a_last_line_cut_off_is_ignored_and_the_next_save_cuts_it_away(workspace, planned, cut_off):
    kept = {save(workspace, planned.id).id, save(workspace, planned.id).id}
    path = journal_path(workspace.inspection_path(planned.id))
    acknowledged = path.read_bytes()
    with path.open("ab") as handle:
        handle.write(cut_off)  # the process was killed while writing its line: the save was never acknowledged

    reopened = Workspace.open(workspace.root)
    assert observation_ids(workspace.root, planned.id) == kept
    assert chain_problems(reopened.audit_entries(planned.id)) == []
    kept.add(save(reopened, planned.id).id)
    assert path.read_bytes().startswith(acknowledged)
    assert [json.loads(line)["seq"] for line in path.read_bytes().splitlines()] == [1, 2, 3]
    assert observation_ids(workspace.root, planned.id) == kept


def test_a_process_killed_while_it_folds_loses_no_acknowledged_save(workspace, planned):
    saver = start_saver(workspace.root, planned.id, 100_000, "killed", 4000)  # a fold every few saves
    acknowledged = [saver.stdout.readline().strip() for _ in range(60)]
    saver.send_signal(signal.SIGKILL)
    saver.wait()

    reopened = Workspace.open(workspace.root)
    assert set(acknowledged) <= {o.id for o in reopened.dossier(planned.id).observations}
    assert chain_problems(reopened.audit_entries(planned.id)) == []
    assert reopened.index_problems() == []


# damage ---------------------------------------------------------------------------------------------------------------

def test_a_damaged_line_before_the_last_is_named_with_its_file_and_number(workspace, planned):
    for n in range(3):
        save(workspace, planned.id, f"P{n}")
    path = journal_path(workspace.inspection_path(planned.id))
    lines = path.read_bytes().splitlines(keepends=True)
    lines[1] = b'{"seq": 3, "documents": {"observation": \n'
    path.write_bytes(b"".join(lines))

    with pytest.raises(UnreadableFile, match=f"{path} cannot be read: line 2 is not a saved change"):
        Workspace.open(workspace.root).dossier(planned.id)
    assert any(f"{path} cannot be read: line 2" in problem for problem in Workspace.open(workspace.root).index_problems())


def test_a_file_put_back_from_an_older_copy_beside_a_newer_journal_is_named(workspace, planned):
    path = workspace.inspection_path(planned.id)
    older = path.read_bytes()
    save(workspace, planned.id)
    workspace.fold(planned.id)
    save(workspace, planned.id)
    path.write_bytes(older)  # restored without the journal it goes with

    with pytest.raises(UnreadableFile, match="line 1 holds save 2 where save 1 was due"):
        Workspace.open(workspace.root).dossier(planned.id)


def test_a_disk_that_refuses_the_journal_names_it_and_changes_nothing(workspace, planned, monkeypatch):
    save(workspace, planned.id)
    before = _file_bytes(workspace)

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(DiskRefused, match=f"Could not write {journal_path(workspace.inspection_path(planned.id))}: "
                                          "the disk is full. Nothing was changed."):
        save(workspace, planned.id)
    monkeypatch.undo()
    assert _file_bytes(workspace) == before
    assert len(workspace.dossier(planned.id).observations) == 1


# folding --------------------------------------------------------------------------------------------------------------

def test_folding_keeps_exactly_what_the_journal_held_and_empties_it(workspace, planned):
    for n in range(5):
        save(workspace, planned.id, f"P{n}")
    path = workspace.inspection_path(planned.id)
    unfolded = whole_state(workspace.root, planned.id)

    workspace.fold(planned.id)
    assert journal_path(path).read_bytes() == b""
    assert json.loads(path.read_bytes())["_folded"] == 5
    assert whole_state(workspace.root, planned.id) == unfolded


def test_a_journal_grown_past_its_limit_is_folded_by_the_save_that_grew_it(workspace, planned, fold_at):
    fold_at(4000)
    path = workspace.inspection_path(planned.id)
    first = path.read_bytes()
    saved = [save(workspace, planned.id).id]
    while path.read_bytes() == first:
        assert 0 < journal_path(path).stat().st_size <= 4000 and len(saved) < 10
        saved.append(save(workspace, planned.id).id)
    assert journal_path(path).read_bytes() == b""
    assert set(json.loads(path.read_bytes())["observation"]) == set(saved)
    assert Workspace.open(workspace.root).index_problems() == []


def test_a_fold_the_disk_refuses_leaves_the_save_acknowledged_and_the_next_save_folds(workspace, planned, fold_at,
                                                                                      monkeypatch):
    fold_at(1)  # every save folds
    path = workspace.inspection_path(planned.id)
    before = path.read_bytes()

    def full(target, payload):
        raise DiskRefused(target, "the disk is full")

    with monkeypatch.context() as patched:
        patched.setattr(journal, "write_atomically", full)
        kept = save(workspace, planned.id)
    assert path.read_bytes() == before and journal_path(path).stat().st_size > 0
    assert observation_ids(workspace.root, planned.id) == {kept.id}

    later = save(workspace, planned.id)
    assert journal_path(path).read_bytes() == b""
    assert set(json.loads(path.read_bytes())["observation"]) == {kept.id, later.id}


def test_a_crash_between_the_fold_and_emptying_the_journal_applies_nothing_twice(workspace, planned, monkeypatch):
    for n in range(3):
        save(workspace, planned.id, f"P{n}")
    unfolded = whole_state(workspace.root, planned.id)
    with monkeypatch.context() as patched:
        patched.setattr(os, "truncate", lambda path, size: None)  # the process died before emptying the journal
        workspace.fold(planned.id)
    assert len(journal_path(workspace.inspection_path(planned.id)).read_bytes().splitlines()) == 3
    assert whole_state(workspace.root, planned.id) == unfolded

    later = save(Workspace.open(workspace.root), planned.id, "later")
    records, trail = whole_state(workspace.root, planned.id)
    assert f"observation:{later.id}" in records and len(records) == len(unfolded[0]) + 1
    assert [e.seq for e in trail] == [1, 2, 3, 4, 5] and chain_problems(trail) == []


# several sessions -----------------------------------------------------------------------------------------------------

def test_two_sessions_saving_in_turn_each_see_the_others_saves_across_folds(workspace, planned, fold_at):
    fold_at(5000)
    sessions = [Workspace.open(workspace.root), Workspace.open(workspace.root)]
    saved = []
    for n in range(12):
        saver, other = sessions[n % 2], sessions[1 - n % 2]
        saved.append(save(saver, planned.id, f"P{n}").id)
        assert [o.id for o in other.dossier(planned.id).observations] == [o.id for o in saver.dossier(planned.id).observations]
        assert {o.id for o in other.dossier(planned.id).observations} == set(saved)
    assert json.loads(workspace.inspection_path(planned.id).read_bytes())["_folded"] > 1, "no fold happened"
    assert chain_problems(sessions[0].audit_entries(planned.id)) == []


def test_a_session_left_open_sees_another_process_s_saves_by_reading_only_what_they_added(workspace, planned, monkeypatch):
    session = Workspace.open(workspace.root)
    mine = {save(session, planned.id).id}
    path = workspace.inspection_path(planned.id)
    read_whole = []
    real_read = journal._read_file
    monkeypatch.setattr(journal, "_read_file", lambda read, key: read_whole.append(read == path) or real_read(read, key))

    theirs = start_saver(workspace.root, planned.id, 5, "theirs").communicate(timeout=60)[0].split()
    assert {o.id for o in session.dossier(planned.id).observations} == mine | set(theirs)
    assert not any(read_whole)
    mine.add(save(session, planned.id).id)

    folding = start_saver(workspace.root, planned.id, 5, "folding", 1).communicate(timeout=60)[0].split()
    assert {o.id for o in session.dossier(planned.id).observations} == mine | set(theirs) | set(folding)
    assert sum(read_whole) == 1, "a folded file is read again, once"


def test_a_read_with_nothing_appended_since_does_not_open_the_journal(workspace, planned, monkeypatch):
    session = Workspace.open(workspace.root)
    save(session, planned.id)
    session.dossier(planned.id)
    opened = []
    monkeypatch.setattr(journal, "open", lambda path, mode: opened.append(path) or open(path, mode), raising=False)
    session.dossier(planned.id)
    assert opened == []

    monkeypatch.undo()
    other = save(Workspace.open(workspace.root), planned.id, "P2")
    monkeypatch.setattr(journal, "open", lambda path, mode: opened.append(path) or open(path, mode), raising=False)
    assert other.id in {o.id for o in session.dossier(planned.id).observations}
    assert opened == [journal_path(workspace.inspection_path(planned.id))]


def test_a_line_cut_off_after_a_read_is_still_ignored_by_the_next(workspace, planned):
    session = Workspace.open(workspace.root)
    kept = save(session, planned.id)
    before = session.stored_documents(planned.id)
    with open(journal_path(workspace.inspection_path(planned.id)), "ab") as handle:
        handle.write(b'{"seq":9,"documents":{"observation":{"0a1')  # a save killed as it wrote
    assert session.stored_documents(planned.id) == before
    assert kept.id in observation_ids(workspace.root, planned.id)
    save(session, planned.id, "P2")
    assert session.stored_documents(planned.id) == whole_state(workspace.root, planned.id)[0]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(turns=st.lists(st.sampled_from(["mine", "theirs", "read", "fold"]), min_size=1, max_size=12))
def test_a_session_reading_only_what_was_appended_reads_what_a_fresh_session_reads(workspace, planned, turns):
    mine, theirs = Workspace.open(workspace.root), Workspace.open(workspace.root)
    for turn in turns:
        if turn == "mine":
            save(mine, planned.id)
        elif turn == "theirs":
            save(theirs, planned.id, "P2")
        elif turn == "fold":
            theirs.fold(planned.id)
        assert (mine.stored_documents(planned.id), mine.audit_entries(planned.id)) == whole_state(workspace.root, planned.id)

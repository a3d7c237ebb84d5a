"""The index's journal: a save's summary, stamp and head cost one appended line, what a power cut can take from it
opening rebuilds, and what only the index holds keeps its last-good copy."""

import json
import os
import signal
from pathlib import Path

import attrs
import pytest

from peerinspect.domain.anchors import extends, head_problems, link_problems, links_by_subject
from peerinspect.domain.authority import Area, Person
from peerinspect.domain.vocabulary import Role
from peerinspect.store import journal
from peerinspect.store.durable import backup_path
from peerinspect.store.index_repair import repair
from peerinspect.store.journal import journal_path
from peerinspect.store.workspace import Workspace

from ..fsyncs import synced_paths
from .conftest import WHEN
from .test_durability import start_concern_saver
from .test_index_healing import raise_concern


def index_journal(workspace: Workspace) -> Path:
    return journal_path(workspace.index_path)


def concerns_listed(root: Path, inspection_id: str) -> set[str]:
    return {c.id for c in Workspace.open(root).summary(inspection_id).concerns}


def heads_agree(workspace: Workspace, inspection_id: str) -> bool:
    links = workspace.anchor_links()
    own = links_by_subject(links)[inspection_id]
    return link_problems(links) == [] and head_problems("trail", own, workspace.audit_entries(inspection_id)) == []


# a save ---------------------------------------------------------------------------------------------------------------

def test_a_save_appends_its_summary_stamp_and_head_to_the_index_journal_and_leaves_the_index_as_it_was(workspace, planned):
    index, copy = workspace.index_path.read_bytes(), backup_path(workspace.index_path).read_bytes()
    earlier = index_journal(workspace).read_bytes()
    raise_concern(workspace, planned.id)

    assert workspace.index_path.read_bytes() == index
    assert backup_path(workspace.index_path).read_bytes() == copy
    written = index_journal(workspace).read_bytes()
    assert written.startswith(earlier)
    [line] = written[len(earlier):].splitlines()
    change = json.loads(line)
    assert set(change["documents"]) == {"summary", "stamp", "anchor"}
    assert len(change["documents"]["summary"][planned.id]["concerns"]) == 1
    assert len(concerns_listed(workspace.root, planned.id)) == 1


def test_a_save_fsyncs_its_inspection_s_journal_and_nothing_else(workspace, planned, monkeypatch):
    raise_concern(workspace, planned.id)  # both journals exist from here on
    synced = synced_paths(monkeypatch)
    raise_concern(workspace, planned.id)
    assert synced == [journal_path(workspace.inspection_path(planned.id)).resolve()]


def test_a_change_to_what_only_the_index_holds_is_written_whole_with_its_last_good_copy(workspace, planned):
    raise_concern(workspace, planned.id)
    assert index_journal(workspace).stat().st_size > 0
    with workspace.index() as tx:
        tx.attribute(at=WHEN, actor_id="setup", action="add area")
        tx.put(Area(name="South"))

    assert index_journal(workspace).read_bytes() == b""
    assert backup_path(workspace.index_path).read_bytes() == workspace.index_path.read_bytes()
    stored = json.loads(workspace.index_path.read_bytes())
    assert "South" in [a["name"] for a in stored["area"].values()]
    assert len(stored["summary"][planned.id]["concerns"]) == 1


def test_a_journal_grown_past_its_limit_is_folded_into_the_index_and_its_copy(workspace, planned, monkeypatch):
    monkeypatch.setattr(journal, "FOLD_AT_LEAST_BYTES", 6000)
    monkeypatch.setattr(journal, "FOLD_SHARE_OF_FILE", 0)
    index = workspace.index_path.read_bytes()
    raised = 0
    while workspace.index_path.read_bytes() == index:
        raise_concern(workspace, planned.id)
        raised += 1
        assert raised < 20, "the index was never folded"
    assert index_journal(workspace).read_bytes() == b""
    assert backup_path(workspace.index_path).read_bytes() == workspace.index_path.read_bytes()
    assert len(json.loads(workspace.index_path.read_bytes())["summary"][planned.id]["concerns"]) == raised


# what a crash leaves --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cut_off", [b'{"seq":9,"documents":{"summary":{"0a1', b"\x00" * 300, b'{"seq":9}garbage\n'],
                         ids=["half a line", "zeros from a lost write", "a whole line of garbage"])
def test_a_last_index_line_cut_off_is_ignored_and_the_next_save_cuts_it_away(workspace, planned, cut_off):
    raise_concern(workspace, planned.id)
    path = index_journal(workspace)
    written = path.read_bytes()
    with path.open("ab") as handle:
        handle.write(cut_off)

    reopened = Workspace.open(workspace.root)
    assert reopened.repairs == [] and reopened.index_problems() == []
    raise_concern(reopened, planned.id)
    assert path.read_bytes().startswith(written)
    assert all(json.loads(line) for line in path.read_bytes().splitlines())
    assert len(concerns_listed(workspace.root, planned.id)) == 2
    assert heads_agree(Workspace.open(workspace.root), planned.id)


def test_index_lines_a_power_cut_took_are_rebuilt_on_opening_and_their_heads_read_as_growth(workspace, planned):
    raise_concern(workspace, planned.id)
    path = index_journal(workspace)
    reached_the_disk = path.stat().st_size
    raise_concern(workspace, planned.id)
    raise_concern(workspace, planned.id)
    os.truncate(path, reached_the_disk)  # the last two lines were still in the system's cache

    reopened = Workspace.open(workspace.root)
    assert any("safeguarding concerns (index: 1, file: 3)" in note for note in reopened.repairs)
    assert len(reopened.summary(planned.id).concerns) == 3 and reopened.index_problems() == []
    # The heads those lines recorded are gone: the trail only grew, which is not damage, and catching up records it.
    assert extends(links_by_subject(reopened.anchor_links())[planned.id], reopened.audit_entries(planned.id))
    assert reopened.catch_up_heads() == 1
    assert heads_agree(reopened, planned.id)


def test_a_garbled_stretch_inside_the_index_journal_ends_it_there_and_opening_rebuilds_the_rest(workspace, planned):
    for _ in range(4):
        raise_concern(workspace, planned.id)
    path = index_journal(workspace)
    lines = path.read_bytes().splitlines(keepends=True)
    # A page the power cut never wrote, inside lines that did reach the disk.
    path.write_bytes(b"".join([*lines[:-3], b"\x00" * len(lines[-3]), *lines[-2:]]))
    intact = b"".join(lines[:-3])

    reopened = Workspace.open(workspace.root)
    assert len(reopened.summary(planned.id).concerns) == 4 and reopened.index_problems() == []
    raise_concern(reopened, planned.id)
    assert path.read_bytes().startswith(intact)
    seqs = [json.loads(line)["seq"] for line in path.read_bytes().splitlines()]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    assert len(concerns_listed(workspace.root, planned.id)) == 5
    assert link_problems(reopened.anchor_links()) == []


def test_a_process_killed_while_the_index_folds_loses_nothing_and_its_copy_restores(workspace, planned):
    saver = start_concern_saver(workspace.root, planned.id, 100_000, 3000)  # both journals fold every few saves
    acknowledged = {saver.stdout.readline().strip() for _ in range(40)}
    saver.send_signal(signal.SIGKILL)
    saver.wait()

    reopened = Workspace.open(workspace.root)
    assert reopened.index_problems() == []
    assert acknowledged <= {c.id for c in reopened.summary(planned.id).concerns}
    people = reopened.people()
    workspace.index_path.write_bytes(b"")
    assert "Restored workspace.json from its last-good copy" in repair(workspace.root, WHEN)[0]
    restored = Workspace.open(workspace.root)
    assert restored.people() == people and restored.index_problems() == []
    assert acknowledged <= {c.id for c in restored.summary(planned.id).concerns}


# the last-good copy ---------------------------------------------------------------------------------------------------

def test_repair_restores_what_only_the_index_holds_and_the_journal_s_lines_apply_on_top(workspace, planned):
    with workspace.index() as tx:
        tx.attribute(at=WHEN, actor_id="setup", action="set up")
        area = tx.put(Area(name="South"))
        tx.put(Person(name="Sam South", role=Role.AREA_MANAGER, area_id=area.id))
        tx.put(attrs.evolve(workspace.settings(), due_soon_days=5))
    for _ in range(3):
        raise_concern(workspace, planned.id)
    before = workspace.areas(), workspace.districts(), workspace.people(), workspace.settings()
    workspace.index_path.write_text("{not json")

    assert "Restored workspace.json from its last-good copy" in repair(workspace.root, WHEN)[0]
    restored = Workspace.open(workspace.root)
    assert (restored.areas(), restored.districts(), restored.people(), restored.settings()) == before
    assert restored.repairs == [] and restored.index_problems() == []
    assert heads_agree(restored, planned.id)  # the heads the saves recorded came back with the journal


# several sessions -----------------------------------------------------------------------------------------------------

def test_a_session_left_open_sees_another_process_s_index_changes_by_reading_only_what_they_added(
    workspace, planned, monkeypatch
):
    session = Workspace.open(workspace.root)
    assert session.summary(planned.id).concerns == ()
    read_whole = []
    real_read = journal._read_file
    monkeypatch.setattr(journal, "_read_file", lambda read, key: read_whole.append(read) or real_read(read, key))

    theirs = start_concern_saver(workspace.root, planned.id, 3).communicate(timeout=60)[0].split()
    assert {c.id for c in session.summary(planned.id).concerns} == set(theirs)
    assert workspace.index_path not in read_whole

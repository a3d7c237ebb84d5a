"""Every trail's head is recorded in the index as it moves, in the same write as the index's own change."""

import json
import stat

import attrs
import pytest

from peerinspect.domain.anchors import WORKSPACE_TRAIL, head_problems, link_problems, links_by_subject
from peerinspect.domain.authority import Area
from peerinspect.store import anchors
from peerinspect.store.workspace import Workspace

from ..by_hand import folded_index
from .conftest import WHEN
from .test_durability import _observation, start_saver


def heads(workspace: Workspace) -> dict[str, tuple[int, str]]:
    return {subject: (links[-1].count, links[-1].head) for subject, links in links_by_subject(workspace.anchor_links()).items()}


def test_a_save_records_its_inspections_new_head_in_the_index(workspace, planned):
    with workspace.inspection(planned.id) as tx:
        tx.attribute(at=WHEN, actor_id="a", action="add observation")
        tx.put(_observation(planned.id))
    last = workspace.audit_entries(planned.id)[-1]
    assert heads(workspace)[planned.id] == (2, last.hash)
    assert link_problems(workspace.anchor_links()) == []


def test_a_change_to_the_index_records_the_index_trails_head_in_the_same_write(workspace, planned):
    with workspace.index() as tx:
        tx.attribute(at=WHEN, actor_id="a", action="add area")
        tx.put(Area(name="South"))
    stored = json.loads(workspace.index_path.read_text())
    last_entry = stored["audit"][max(stored["audit"])]
    last_link = stored["anchor"][max(stored["anchor"])]
    assert (last_link["subject"], last_link["head"], last_link["count"]) == (WORKSPACE_TRAIL, last_entry["hash"], last_entry["seq"])


def test_a_failed_or_empty_change_records_no_head(workspace, planned):
    before = workspace.anchor_links()
    with pytest.raises(RuntimeError):
        with workspace.index() as tx:
            tx.attribute(at=WHEN, actor_id="a", action="add area")
            tx.put(Area(name="South"))
            raise RuntimeError("the use case failed after its first save")
    with workspace.inspection(planned.id) as tx:
        tx.attribute(at=WHEN, actor_id="a", action="look")
    assert workspace.anchor_links() == before


def test_the_links_survive_summaries_rebuilt_from_the_inspection_files(workspace, planned):
    before = workspace.anchor_links()
    stored = json.loads(folded_index(workspace.root).read_text())
    stored.pop("summary")
    workspace.index_path.write_text(json.dumps(stored))
    reopened = Workspace.open(workspace.root)
    assert len(reopened.index_repairs) == 1  # opening rebuilds them
    assert reopened.anchor_links() == before
    assert reopened.summary(planned.id).inspection == planned


def test_two_processes_saving_at_once_leave_every_head_recorded_in_order(workspace, planned):
    savers = [start_saver(workspace.root, planned.id, 15, tag) for tag in ("first", "second")]
    for saver in savers:
        saver.communicate(timeout=120)
    assert all(saver.returncode == 0 for saver in savers)
    links = Workspace.open(workspace.root).anchor_links()
    own = links_by_subject(links)[planned.id]
    assert link_problems(links) == []
    assert [link.count for link in own] == list(range(1, 32))
    assert head_problems("trail", own, workspace.audit_entries(planned.id)) == []


def test_catching_up_records_only_trails_that_grew(workspace, planned):
    # A workspace written before anchors: no links at all. Catching up records each trail's head once.
    stored = json.loads(folded_index(workspace.root).read_text())
    stored.pop("anchor")
    workspace.index_path.write_text(json.dumps(stored))
    reopened = Workspace.open(workspace.root)
    assert reopened.catch_up_heads() == 2
    assert reopened.catch_up_heads() == 0
    assert set(heads(reopened)) == {WORKSPACE_TRAIL, planned.id}
    edited = attrs.evolve(reopened.dossier(planned.id).inspection, title="Renamed")
    with reopened.inspection(planned.id) as tx:
        tx.attribute(at=WHEN, actor_id="a", action="rename")
        tx.put(edited)
    assert reopened.catch_up_heads() == 0


def _save_observations(workspace: Workspace, inspection_id: str, count: int) -> None:
    for _ in range(count):
        with workspace.inspection(inspection_id) as tx:
            tx.attribute(at=WHEN, actor_id="a", action="add observation")
            tx.put(_observation(inspection_id))


def test_older_links_are_sealed_out_of_the_index_so_a_save_stays_small(workspace, planned, monkeypatch):
    monkeypatch.setattr(anchors, "SEAL_AFTER", 5)
    first_link = workspace.anchor_links()[0]
    _save_observations(workspace, planned.id, 12)

    assert 0 < len(workspace.index_tables()["anchor"]) <= 5
    sealed = sorted(workspace.anchors_path.iterdir())
    assert len(sealed) == 2
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in [workspace.anchors_path, *sealed])
    links = Workspace.open(workspace.root).anchor_links()
    assert [link.seq for link in links] == list(range(1, len(links) + 1))
    assert links[0] == first_link
    assert link_problems(links) == []
    assert head_problems("trail", links_by_subject(links)[planned.id], workspace.audit_entries(planned.id)) == []


def test_a_sealed_file_removed_leaves_a_gap_verify_reports(workspace, planned, monkeypatch):
    monkeypatch.setattr(anchors, "SEAL_AFTER", 3)
    _save_observations(workspace, planned.id, 6)
    sorted(workspace.anchors_path.iterdir())[0].unlink()
    problems = link_problems(Workspace.open(workspace.root).anchor_links())
    assert problems and problems[0].startswith("anchor link 4: expected link 1 here")

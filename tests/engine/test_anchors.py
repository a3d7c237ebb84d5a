"""Anchors: tampering that leaves a trail consistent with itself is still caught, by the index's heads or a kept digest."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from peerinspect.cli import main
from peerinspect.domain.anchors import next_link
from peerinspect.domain.audit import next_entry
from peerinspect.domain.findings import Recommendation
from peerinspect.domain.errors import InvalidInput, Refused
from peerinspect.engine import authority, history, planning
from peerinspect.store import anchors
from peerinspect.store.converter import from_document, to_document
from peerinspect.store.workspace import Workspace

from ..by_hand import folded_file, folded_index
from ..fsyncs import synced_paths
from .conftest import Cast, fingerprint, open_engine


def verify(root: Path, cast: Cast, capsys, *extra: str) -> tuple[int, str]:
    """`peerinspect audit --verify` over the whole workspace, as the lead."""
    code = main(["--workspace", str(root), "audit", "--verify", *extra, "--as", cast["lead"]])
    return code, capsys.readouterr().out


def verify_inspection(root: Path, cast: Cast, capsys, *extra: str) -> tuple[int, str]:
    code = main(["--workspace", str(root), "audit", cast.inspection, "--verify", *extra, "--as", cast["lead"]])
    return code, capsys.readouterr().out


def take_anchor(root: Path, cast: Cast, capsys) -> str:
    assert main(["--workspace", str(root), "audit", "anchor", "--as", cast["lead"]]) == 0
    out = capsys.readouterr().out
    return out.splitlines()[0].removeprefix("Anchor digest: ")


def inspection_file(root: Path, cast: Cast) -> Path:
    return folded_file(root, cast.inspection)


def edit_json(path: Path, change) -> None:
    stored = json.loads(path.read_text())
    change(stored)
    path.write_text(json.dumps(stored))


def recompute_trail(trail: dict) -> None:
    """What a careful forger does after editing entries: rebuild every hash so the trail follows itself again."""
    previous = None
    for key in sorted(trail):
        entry = from_document(trail[key])
        previous = next_entry(previous, at=entry.at, actor_id=entry.actor_id, action=entry.action,
                              record_kind=entry.record_kind, record_id=entry.record_id, changes=entry.changes)
        trail[key] = to_document(previous)


def recompute_links(index: dict, keep_first: int) -> None:
    """The forger's second step: re-record every head from the files as they now are, and rebuild the chain of links.

    The first `keep_first` links are kept as they were, as a forger who knows of a digest would.
    """
    root_trails = index["_trails"]
    links, previous = {}, None
    for key in sorted(index["anchor"]):
        link = from_document(index["anchor"][key])
        if link.seq <= keep_first:
            links[key], previous = index["anchor"][key], link
            continue
        trail = root_trails[link.subject]
        head = from_document(trail[f"{link.count:09d}"]) if f"{link.count:09d}" in trail else None
        if head is None:
            continue
        previous = next_link(previous, subject=link.subject, head=head)
        links[f"{previous.seq:09d}"] = to_document(previous)
    index["anchor"] = links


def rewrite_index_to_match(root: Path, keep_first: int = 0) -> None:
    index_path = folded_index(root)
    index = json.loads(index_path.read_text())
    trails = {"workspace": index.get("audit", {})}
    for path in (root / "inspections").glob("*.json"):
        text = folded_file(root, path.stem).read_text()
        trails[path.stem] = json.loads(text).get("audit", {}) if text.strip() else {}
    index["_trails"] = trails
    recompute_links(index, keep_first)
    del index["_trails"]
    for inspection_id, summary in index.get("summary", {}).items():
        summary["inspection"] = {
            key: value for key, value in json.loads((root / "inspections" / f"{inspection_id}.json").read_text())
            ["inspection"][inspection_id].items() if not key.startswith("_")
        }
    index_path.write_text(json.dumps(index))


# Tampering with one inspection's file -------------------------------------------------------------------------------

def _delete_file(root: Path, cast: Cast) -> None:
    inspection_file(root, cast).unlink()


def _empty_file(root: Path, cast: Cast) -> None:
    inspection_file(root, cast).write_text("")


def _swap_file(root: Path, cast: Cast) -> None:
    other = next(p for p in (root / "inspections").glob("*.json") if p.stem != cast.inspection)
    shutil.copyfile(other, inspection_file(root, cast))


def _remove_last_record_with_its_entry(root: Path, cast: Cast) -> None:
    def cut(stored: dict) -> None:
        last = max(stored["audit"])
        entry = stored["audit"].pop(last)
        kind, record_id = entry["record_kind"], entry["record_id"]
        assert entry["changes"] and all(change[0] is None for change in entry["changes"].values()), "not an addition"
        del stored[kind][record_id]

    edit_json(inspection_file(root, cast), cut)


FILE_TAMPERING = [
    pytest.param(_delete_file, "trail holds none", id="file deleted"),
    pytest.param(_empty_file, "trail holds none", id="file emptied"),
    pytest.param(_swap_file, "not the one anchored", id="file swapped for another inspection's"),
    pytest.param(_remove_last_record_with_its_entry, "the last entries were removed", id="last record removed with its entry"),
]


@pytest.fixture
def two_inspections(templates, tmp_path) -> tuple[Path, Cast]:
    """The walked inspection, closed, beside a second inspection planned in the same workspace."""
    root = templates.copy("closed", tmp_path)
    engine = open_engine(root)
    cast = templates.cast
    summary = engine.summary(cast.inspection)
    planning.plan_inspection(
        engine, as_person=cast["lead"], district="Basingstoke", framework_id=summary.inspection.framework_id,
        fieldwork_start="2027-05-10", fieldwork_end="2027-05-12", lead=cast["lead"], title="Second look",
    )
    return root, cast


def _last_added_is_a_record(root: Path, cast: Cast) -> bool:
    stored = json.loads(inspection_file(root, cast).read_text())
    last = stored["audit"][max(stored["audit"])]
    return all(change[0] is None for change in last["changes"].values())


@pytest.mark.parametrize(("tamper", "said"), FILE_TAMPERING)
def test_a_tampered_inspection_file_is_caught_by_verify_without_an_anchor(two_inspections, capsys, tamper, said):
    root, cast = two_inspections
    if tamper is _remove_last_record_with_its_entry:
        _add_a_recommendation(root, cast)
    assert verify(root, cast, capsys)[0] == 0
    tamper(root, cast)

    code, out = verify(root, cast, capsys)
    assert code == 2
    assert said in out
    assert cast.inspection[:8] in out
    assert "intact" not in out
    code, out = verify_inspection(root, cast, capsys)
    assert code == 2
    assert said in out


def _add_a_recommendation(root: Path, cast: Cast) -> None:
    # The closed walk ends with a stage change; a record added last is what someone would quietly take back.
    _add_a_recommendation_through(Workspace.open(root), root, cast)
    assert _last_added_is_a_record(root, cast)


# A hand edit with a recomputed chain ---------------------------------------------------------------------------------

def _edit_an_entry_and_its_record(stored: dict) -> None:
    # Change the notice date the second entry records, and the record to match, then make the trail consistent again.
    entry = stored["audit"]["000000002"]
    entry["changes"]["notice_date"][1] = "2026-02-01"
    stored["inspection"][entry["record_id"]]["notice_date"] = "2026-02-01"
    recompute_trail(stored["audit"])


def test_a_hand_edit_with_a_recomputed_trail_is_caught_by_the_heads_the_index_recorded(templates, tmp_path, capsys):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    edit_json(inspection_file(root, cast), _edit_an_entry_and_its_record)

    code, out = verify(root, cast, capsys)
    assert code == 2
    assert "is not the one anchored in link" in out


def test_a_hand_edit_that_rewrites_the_index_too_is_caught_only_by_a_digest_kept_before(templates, tmp_path, capsys):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    digest = take_anchor(root, cast, capsys)

    edit_json(inspection_file(root, cast), _edit_an_entry_and_its_record)
    rewrite_index_to_match(root)

    assert verify(root, cast, capsys)[0] == 0, "without a digest, a rewrite of both files cannot be told apart"
    code, out = verify(root, cast, capsys, "--anchor", digest)
    assert code == 2
    assert "no link in the index has this digest" in out
    code, out = verify_inspection(root, cast, capsys, "--anchor", digest)
    assert code == 2
    assert "no link in the index has this digest" in out


def test_rewriting_the_links_after_the_digest_still_breaks_a_head_recorded_before_it(templates, tmp_path, capsys):
    # The forger keeps every link up to the digest and rebuilds only the later ones: the earlier heads give them away.
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    digest = take_anchor(root, cast, capsys)
    anchored = len(json.loads(folded_index(root).read_text())["anchor"])
    authority.add_area(open_engine(root), "East", as_person=cast["lead"])

    edit_json(inspection_file(root, cast), _edit_an_entry_and_its_record)
    rewrite_index_to_match(root, keep_first=anchored)
    code, out = verify(root, cast, capsys, "--anchor", digest)
    assert code == 2
    assert "anchor found" not in out
    assert "is not the one anchored in link" in out
    assert "does not follow" not in out


def test_history_recorded_after_the_digest_still_verifies_against_it(templates, tmp_path, capsys):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    digest = take_anchor(root, cast, capsys)
    authority.add_area(open_engine(root), "East", as_person=cast["lead"])
    _add_a_recommendation(root, cast)

    code, out = verify(root, cast, capsys, "--anchor", digest.upper().replace("-", " "))
    assert code == 0, out
    assert "anchor found at link" in out
    code, out = verify(root, cast, capsys, "--anchor", digest, "--json")
    assert code == 0
    found = json.loads(out)
    assert (found["problems"], found["inspections"]) == ([], 1)
    assert found["anchored_at"]["hash"].startswith(digest.replace("-", ""))
    code, out = verify_inspection(root, cast, capsys, "--anchor", digest)
    assert code == 0, out
    assert "anchor found" in out


# The index's own records ---------------------------------------------------------------------------------------------

def _person_id(index: dict, name: str) -> str:
    return next(pid for pid, person in index["person"].items() if person["name"] == name)


def test_a_role_changed_by_hand_in_the_index_is_caught(templates, tmp_path, capsys):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast

    def promote(index: dict) -> None:
        index["person"][_person_id(index, "Ivy Inspector")]["role"] = "area_director"

    edit_json(folded_index(root), promote)
    code, out = verify(root, cast, capsys)
    assert code == 2
    assert "workspace trail" in out
    assert "role changed with no entry to say so" in out


def test_a_role_change_with_a_forged_entry_and_recomputed_trails_is_caught_by_the_digest(templates, tmp_path, capsys):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    digest = take_anchor(root, cast, capsys)

    def promote_and_cover_it_up(index: dict) -> None:
        person_id = _person_id(index, "Ivy Inspector")
        index["person"][person_id]["role"] = "area_director"
        added = next(e for e in index["audit"].values() if e["record_id"] == person_id)
        added["changes"]["role"][1] = "area_director"
        recompute_trail(index["audit"])

    edit_json(folded_index(root), promote_and_cover_it_up)
    assert "is not the one anchored" in verify(root, cast, capsys)[1]
    rewrite_index_to_match(root)
    assert verify(root, cast, capsys)[0] == 0
    code, out = verify(root, cast, capsys, "--anchor", digest)
    assert code == 2
    assert "no link in the index has this digest" in out


def test_a_summary_edited_in_the_index_is_caught_and_mended(templates, tmp_path, capsys):
    """Opening rebuilds the summary from its file, so nobody is misled; verify still says the index had been changed."""
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    edit_json(folded_index(root), lambda index: index["summary"][cast.inspection]["inspection"].update(stage="planned"))
    code, out = verify(root, cast, capsys)
    assert code == 2
    assert "found on opening and rebuilt from the files" in out and "stage (index: planned, file: closed)" in out
    assert verify(root, cast, capsys)[0] == 0, "once mended, the index agrees with the files"


# Honest use keeps verify intact --------------------------------------------------------------------------------------

@pytest.mark.parametrize("stage", ["planned", "fieldwork", "report_issued", "action_plan_approved", "closed"])
def test_every_stage_of_the_walk_verifies_intact_with_a_digest_from_the_one_before(templates, tmp_path, capsys, stage):
    stages = ["planned", "fieldwork", "report_issued", "action_plan_approved", "closed"]
    earlier = stages[max(stages.index(stage) - 1, 0)]
    digest = take_anchor(templates.copy(earlier, tmp_path / "earlier"), templates.cast, capsys)
    code, out = verify(templates.copy(stage, tmp_path), templates.cast, capsys, "--anchor", digest)
    assert code == 0, out
    assert "anchor found at link" in out


def test_the_walk_a_summary_rebuild_and_an_interrupted_save_keep_verify_intact(templates, tmp_path, capsys):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    code, out = verify(root, cast, capsys)
    assert code == 0, out
    assert "audit trail intact" in out

    # Summaries thrown away and rebuilt from the inspection files leave the anchor links as they were.
    edit_json(folded_index(root), lambda index: index.pop("summary"))
    assert len(Workspace.open(root).index_repairs) == 1  # opening rebuilds them
    code, out = verify(root, cast, capsys)
    assert code == 0, out

    # A save whose index write never happened: its head is caught up by the repair, and verify is intact again.
    _add_a_recommendation_through(_workspace_that_dies_before_the_index_follows(root), root, cast)
    code, out = verify(root, cast, capsys)
    assert code == 2
    assert "were added without the index recording them" in out
    take_anchor(root, cast, capsys)
    code, out = verify(root, cast, capsys)
    assert code == 0, out


def test_a_workspace_from_before_anchors_is_anchored_by_its_first_digest(templates, tmp_path, capsys):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    edit_json(folded_index(root), lambda index: index.pop("anchor"))
    code, out = verify(root, cast, capsys)
    assert code == 2
    assert "workspace trail: its" in out and "never recorded in the index" in out and "audit anchor" in out
    digest = take_anchor(root, cast, capsys)
    code, out = verify(root, cast, capsys, "--anchor", digest)
    assert code == 0, out


def _workspace_that_dies_before_the_index_follows(root: Path) -> Workspace:
    workspace = Workspace.open(root)
    workspace._follow_in_index = lambda tx: None  # the process dies between the two writes
    return workspace


def _add_a_recommendation_through(workspace: Workspace, root: Path, cast: Cast) -> None:
    with workspace.inspection(cast.inspection) as tx:
        tx.attribute(at=open_engine(root).now(), actor_id=cast["lead"], action="write recommendation")
        tx.put(Recommendation(inspection_id=cast.inspection, theme_id="help-and-protection", text="Supervise weekly"))


def test_repair_does_not_bless_a_trail_cut_short(templates, tmp_path, capsys):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    _add_a_recommendation(root, cast)
    _remove_last_record_with_its_entry(root, cast)
    Workspace.open(root).repair_index()
    code, out = verify(root, cast, capsys)
    assert code == 2
    assert "the last entries were removed" in out


# The digest ----------------------------------------------------------------------------------------------------------

def test_the_anchor_is_printed_in_a_form_to_copy_by_hand(templates, tmp_path, capsys):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    assert main(["--workspace", str(root), "audit", "anchor", "--as", cast["lead"]]) == 0
    out = capsys.readouterr().out
    digest = out.splitlines()[0].removeprefix("Anchor digest: ")
    assert len(digest) == 19 and digest.count("-") == 3
    assert re.search(r"^Taken \d{4}-\d{2}-\d{2} at link \d+,", out, re.MULTILINE)
    assert "covering 1 inspections" in out
    assert f"peerinspect audit --verify --anchor {digest}" in out


def test_the_link_a_digest_names_is_safe_on_the_disk_before_the_digest_is_given(templates, tmp_path, capsys, monkeypatch):
    # A save leaves its head in the index's journal without an fsync; a digest kept on paper must never outlive it.
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    _add_a_recommendation(root, cast)
    synced = synced_paths(monkeypatch)
    take_anchor(root, cast, capsys)
    assert (root / "workspace.journal").resolve() in synced


def test_only_an_area_director_takes_an_anchor_or_verifies_the_whole_workspace(templates, tmp_path):
    root = templates.copy("closed", tmp_path)
    engine = open_engine(root)
    with pytest.raises(Refused):
        history.take_anchor(engine, as_person=templates.cast["inspector"])
    with pytest.raises(Refused, match="only area directors may verify or anchor the whole workspace's audit trails"):
        history.verify_workspace(engine, as_person=templates.cast["area_manager"])


def test_no_anchor_is_given_for_a_broken_trail_and_nothing_is_written(templates, tmp_path, capsys):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    # Trails the index never recorded, which an anchor would record, beside a role changed by hand, which it must not.

    def unanchored_with_a_role_changed(index: dict) -> None:
        index.pop("anchor")
        index["person"][_person_id(index, "Ivy Inspector")]["role"] = "area_director"

    edit_json(folded_index(root), unanchored_with_a_role_changed)
    files = fingerprint(root)
    assert main(["--workspace", str(root), "audit", "anchor", "--as", cast["lead"]]) == 2
    assert "would vouch for a changed history" in capsys.readouterr().err
    assert fingerprint(root) == files


@pytest.mark.parametrize("digest", ["1234", "zzzzzzzzzzzzzzzz", "1234-5678-9abc-def0-1"])
def test_a_mistyped_digest_is_refused_naming_the_anchor(templates, tmp_path, capsys, digest):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    code = main(["--workspace", str(root), "audit", "--verify", "--anchor", digest, "--as", cast["lead"]])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("peerinspect: anchor:")
    assert out == ""
    with pytest.raises(InvalidInput, match="not an anchor digest"):
        history.audit_problems(open_engine(root), as_person=cast["lead"], inspection=cast.inspection, anchor=digest)


def test_audit_without_an_inspection_or_verify_says_what_to_write(templates, tmp_path, capsys):
    root = templates.copy("closed", tmp_path)
    assert main(["--workspace", str(root), "audit", "--as", templates.cast["lead"]]) == 2
    assert "peerinspect: inspection:" in capsys.readouterr().err


def test_a_digest_still_verifies_once_its_link_is_sealed_out_of_the_index(templates, tmp_path, capsys, monkeypatch):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    digest = take_anchor(root, cast, capsys)
    monkeypatch.setattr(anchors, "SEAL_AFTER", 4)
    for name in ("East", "West", "Coast", "Downs", "Forest"):
        authority.add_area(open_engine(root), name, as_person=cast["lead"])
    assert len(json.loads(folded_index(root).read_text())["anchor"]) <= 4

    code, out = verify(root, cast, capsys, "--anchor", digest)
    assert code == 0, out
    assert "anchor found at link" in out

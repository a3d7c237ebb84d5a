"""The audit trail: one entry per use case, written with the change or not at all, and a chain that shows tampering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peerinspect.cli import main
from peerinspect.domain.audit import chain_problems
from peerinspect.domain.errors import InvalidInput, Refused
from peerinspect.domain.inspection import Stage
from peerinspect.engine import actionplan, authority, conclusions, evidence, workflow
from peerinspect.engine.core import Engine
from peerinspect.store.workspace import Workspace

from ..by_hand import folded_file
from .conftest import FILE_REVIEW, OWN_THEME, Cast, actor_id, advance, fingerprint, open_engine, revision_of, walk


def entries_by_file(engine: Engine) -> dict[tuple[str, int], object]:
    """Every audit entry in the workspace, the index's and each inspection's, keyed by file and number."""
    workspace = engine.workspace
    found = {("index", e.seq): e for e in workspace.audit_entries()}
    for inspection_id in workspace.inspection_ids():
        found.update({(inspection_id, e.seq): e for e in workspace.audit_entries(inspection_id)})
    return found


def verify_with_cli(root: Path, cast: Cast, capsys) -> tuple[int, str]:
    code = main(["--workspace", str(root), "audit", cast.inspection, "--verify", "--as", cast["lead"]])
    return code, capsys.readouterr().out


def test_every_use_case_from_set_up_to_closed_writes_exactly_one_entry(tmp_path):
    engine = open_engine(tmp_path / "ws", create=True)
    cast = Cast()
    wrong = []
    for step in walk():
        before = entries_by_file(engine)
        step.run(engine, cast)
        after = entries_by_file(engine)
        new = [after[key] for key in after.keys() - before.keys()]
        if step.action is None:
            if new:
                wrong.append(f"{step.name}: a read wrote {len(new)} entries")
            continue
        if len(new) != 1:
            wrong.append(f"{step.name}: {len(new)} entries")
        elif (new[0].action, new[0].actor_id) != (step.action, actor_id(cast, step.actor)):
            wrong.append(f"{step.name}: entry says {new[0].action!r} by {new[0].actor_id}")
    assert wrong == []
    assert engine.workspace.summaries()[0].inspection.stage is Stage.CLOSED


def test_adding_a_district_in_a_new_area_is_one_use_case_with_one_entry(tmp_path):
    engine = open_engine(tmp_path / "ws", create=True)
    before = len(engine.workspace.audit_entries())
    authority.add_district(engine, "Basingstoke", "North")
    entries = engine.workspace.audit_entries()
    assert len(entries) == before + 1
    assert entries[-1].action == "add district"
    assert [a.name for a in engine.workspace.areas()] == ["North"]
    assert engine.workspace.districts()[0].area_id == engine.workspace.areas()[0].id


def test_a_district_refused_for_its_name_leaves_no_new_area_behind(tmp_path):
    engine = open_engine(tmp_path / "ws", create=True)
    authority.add_district(engine, "Basingstoke", "North")
    files = fingerprint(tmp_path / "ws")
    with pytest.raises(InvalidInput, match="already a district called"):
        authority.add_district(engine, "basingstoke", "South")
    assert [a.name for a in engine.workspace.areas()] == ["North"]
    assert fingerprint(tmp_path / "ws") == files


def test_the_chain_is_intact_after_a_full_walk(templates, tmp_path, capsys):
    root = templates.copy("closed", tmp_path)
    workspace = Workspace.open(root)
    entries = workspace.audit_entries(templates.cast.inspection)
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[-1].action == "close"
    assert chain_problems(entries) == []
    assert chain_problems(workspace.audit_entries()) == []
    code, out = verify_with_cli(root, templates.cast, capsys)
    assert code == 0
    assert f"audit trail intact: {len(entries)} entries" in out
    assert "broken" not in out


def _edit_action(trail: dict) -> None:
    trail["000000005"]["action"] = "propose judgement"


def _forge_actor(trail: dict) -> None:
    trail["000000005"]["actor_id"] = trail["000000001"]["actor_id"]


def _edit_change(trail: dict) -> None:
    before, after = trail["000000002"]["changes"]["notice_date"]
    trail["000000002"]["changes"]["notice_date"] = [before, "2026-02-01"]


def _swap_seq(trail: dict) -> None:
    trail["000000004"]["seq"], trail["000000005"]["seq"] = 5, 4


def _swap_contents(trail: dict) -> None:
    # Everything but the numbers: the entries now claim the two changes happened the other way round.
    fourth, fifth = trail["000000004"], trail["000000005"]
    trail["000000004"], trail["000000005"] = {**fifth, "seq": 4}, {**fourth, "seq": 5}


def _delete(trail: dict) -> None:
    del trail["000000005"]


TAMPERING = [
    pytest.param(_edit_action, "entry 5", id="entry's action edited"),
    pytest.param(_forge_actor, "entry 5", id="entry's person replaced"),
    pytest.param(_edit_change, "entry 2", id="a recorded change edited"),
    pytest.param(_swap_seq, "entry 4", id="two entries reordered by number"),
    pytest.param(_swap_contents, "entry 4", id="two entries' contents swapped"),
    pytest.param(_delete, "entry 6", id="an entry deleted"),
]


@pytest.mark.parametrize(("tamper", "first_named"), TAMPERING)
def test_tampering_with_the_trail_is_caught_by_verify_and_the_cli(templates, tmp_path, capsys, tamper, first_named):
    root = templates.copy("closed", tmp_path)
    inspection_file = folded_file(root, templates.cast.inspection)
    stored = json.loads(inspection_file.read_text())
    tamper(stored["audit"])
    inspection_file.write_text(json.dumps(stored))

    problems = chain_problems(Workspace.open(root).audit_entries(templates.cast.inspection))
    assert problems
    assert problems[0].startswith(first_named + ":")
    code, out = verify_with_cli(root, templates.cast, capsys)
    assert code == 2
    assert "audit trail broken" in out
    assert "intact" not in out


def _run(stage: str, call):
    return pytest.param(stage, call, id=call.__name__.strip("_").replace("_", " "))


def _inspector_signs_off(e, c):
    conclusions.sign_off_judgement(e, as_person=c["inspector"], inspection=c.inspection, theme_id=OWN_THEME)


def _district_manager_adds_a_file_review(e, c):
    evidence.add_evidence(e, as_person=c["district_manager"], inspection=c.inspection, kind="file_review",
                          fields={**FILE_REVIEW, "theme_id": OWN_THEME})


def _lead_writes_an_action(e, c):
    actionplan.add_action(e, as_person=c["lead"], inspection=c.inspection, recommendation_id=c.recommendations[0],
                          what="Audit ten cases")


def _evidence_added_after_the_report_is_issued(e, c):
    evidence.add_evidence(e, as_person=c["inspector"], inspection=c.inspection, kind="file_review",
                          fields={**FILE_REVIEW, "case_reference": "CR-3003", "theme_id": OWN_THEME})


def _closing_before_every_action_is_verified(e, c):
    advance("close", "2026-04-22")(e, c, c["lead"])


def _issuing_before_judgements_are_signed_off(e, c):
    advance("issue_report", "2026-03-20")(e, c, c["lead"])


REFUSED = [
    _run("fieldwork", _inspector_signs_off),
    _run("fieldwork", _district_manager_adds_a_file_review),
    _run("report_issued", _lead_writes_an_action),
    _run("report_issued", _evidence_added_after_the_report_is_issued),
    _run("monitoring", _closing_before_every_action_is_verified),
    _run("feedback_given", _issuing_before_judgements_are_signed_off),
]


@pytest.mark.parametrize(("stage", "call"), REFUSED)
def test_a_refused_use_case_writes_no_entry(templates, tmp_path, stage, call):
    root = templates.copy(stage, tmp_path)
    engine = open_engine(root)
    before, files = entries_by_file(engine), fingerprint(root)
    with pytest.raises(Refused):
        call(engine, templates.cast)
    assert entries_by_file(engine).keys() == before.keys()
    assert fingerprint(root) == files


def _finding_citing_unknown_evidence(e, c):
    conclusions.record_finding(e, as_person=c["theme_lead"], inspection=c.inspection, theme_id=OWN_THEME,
                               kind="strength", text="Good visits", evidence_ids=("no-such-evidence",))


def _judgement_off_the_scale(e, c):
    conclusions.propose_judgement(e, as_person=c["theme_lead"], inspection=c.inspection, theme_id=OWN_THEME,
                                  grade="brilliant", reasons="Because")


def _file_review_edited_to_an_unknown_criterion(e, c):
    review = c.evidence["inspector_file_review"]
    evidence.edit_evidence(e, as_person=c["inspector"], inspection=c.inspection, evidence_id=review,
                           changes={"grades": {"no-such-criterion": "good"}}, revision=revision_of(e, c, review))


def _file_review_with_an_unknown_criterion(e, c):
    evidence.add_evidence(e, as_person=c["inspector"], inspection=c.inspection, kind="file_review",
                          fields={**FILE_REVIEW, "grades": {"no-such-criterion": "good"}})


def _action_plan_returned_without_a_reason(e, c):
    advance("return_action_plan", "2026-04-02")(e, c, c["area_manager"])


def _progress_with_no_note(e, c):
    actionplan.record_progress(e, as_person=c["district_manager"], inspection=c.inspection, action_id=c.actions[1],
                               text="  ")


INVALID = [
    _run("fieldwork", _finding_citing_unknown_evidence),
    _run("fieldwork", _judgement_off_the_scale),
    _run("fieldwork", _file_review_edited_to_an_unknown_criterion),
    _run("fieldwork", _file_review_with_an_unknown_criterion),
    _run("action_plan_submitted", _action_plan_returned_without_a_reason),
    _run("report_issued", _progress_with_no_note),
]


@pytest.mark.parametrize(("stage", "call"), INVALID)
def test_a_use_case_stopped_by_bad_input_writes_nothing(templates, tmp_path, stage, call):
    root = templates.copy(stage, tmp_path)
    engine = open_engine(root)
    before, files = entries_by_file(engine), fingerprint(root)
    with pytest.raises(InvalidInput):
        call(engine, templates.cast)
    assert entries_by_file(engine).keys() == before.keys()
    assert fingerprint(root) == files


def test_issuing_that_fails_after_the_stage_changed_leaves_no_trace(templates, tmp_path, monkeypatch):
    # The stage is saved in the transaction before the report is frozen: a failure there must undo both.
    root = templates.copy("report_drafted", tmp_path)
    engine = open_engine(root)
    cast = templates.cast
    before, files = entries_by_file(engine), fingerprint(root)

    def report_cannot_be_built(*args, **kwargs):
        raise InvalidInput("the report could not be built")

    with monkeypatch.context() as patched:
        patched.setattr(workflow, "freeze_report", report_cannot_be_built)
        with pytest.raises(InvalidInput):
            advance("issue_report", "2026-03-20")(engine, cast, cast["lead"])

    assert fingerprint(root) == files
    dossier = engine.workspace.dossier(cast.inspection)
    assert dossier.inspection.stage is Stage.REPORT_DRAFTED
    assert dossier.reports == ()
    assert entries_by_file(engine).keys() == before.keys()

    advance("issue_report", "2026-03-20")(engine, cast, cast["lead"])
    dossier = engine.workspace.dossier(cast.inspection)
    assert dossier.inspection.stage is Stage.REPORT_ISSUED
    assert [r.version for r in dossier.reports] == [1]
    new = [entry for key, entry in entries_by_file(engine).items() if key not in before]
    assert [e.action for e in new] == ["issue report"]

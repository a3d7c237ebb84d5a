"""Plans change: the lead changes a planned inspection until fieldwork starts, then only adds to the team, and
can cancel it with a reason; a district is never inspected twice at once."""

from __future__ import annotations

import pytest

from peerinspect.domain.errors import InvalidInput, Refused
from peerinspect.engine import planning, queries, replanning, workflow

from .conftest import FRAMEWORK, OWN_THEME, fingerprint, open_engine


def _open(templates, tmp_path, stage):
    root = templates.copy(stage, tmp_path)
    return root, open_engine(root), templates.cast


def test_the_lead_moves_a_planned_inspection_and_its_title_follows_the_date(templates, tmp_path):
    root, engine, cast = _open(templates, tmp_path, "planned")
    moved = replanning.change_plan(engine, as_person=cast["lead"], inspection=cast.inspection,
                                   fieldwork_start="2026-03-16", fieldwork_end="2026-03-19", notice_date="2026-03-12")
    reread = engine.summary(cast.inspection).inspection
    assert (reread.fieldwork_start.isoformat(), reread.fieldwork_end.isoformat()) == ("2026-03-16", "2026-03-19")
    assert str(reread.notice_date) == "2026-03-12" and "2026-03-16" in moved.title
    assert engine.workspace.audit_entries(cast.inspection)[-1].action == "change plan: the fieldwork start, the fieldwork end, the notice date"


def test_the_lead_changes_the_lead_theme_leads_and_team_before_fieldwork(templates, tmp_path):
    root, engine, cast = _open(templates, tmp_path, "notified")
    changed = replanning.change_plan(
        engine, as_person=cast["lead"], inspection=cast.inspection, lead=cast["other_director"],
        theme_leads={OWN_THEME: cast["other_director"]}, add_team=[(cast["outside_inspector"], "inspector")],
        remove_team=[cast["inspector"]],
    )
    assert changed.lead_id == cast["other_director"]
    assert changed.theme_lead(OWN_THEME) == cast["other_director"]
    people = {m.person_id for m in changed.team}
    assert cast["outside_inspector"] in people and cast["inspector"] not in people and cast["theme_lead"] not in people


# (stage, change, refused with) — once fieldwork starts, only people joining the team
EDIT_WINDOWS = [
    ("fieldwork", dict(fieldwork_end="2026-03-13"), "Fieldwork has started"),
    ("fieldwork", dict(lead="other_director"), "Fieldwork has started"),
    ("fieldwork", dict(remove_team=["inspector"]), "Fieldwork has started"),
    ("fieldwork", dict(theme_leads={OWN_THEME: "other_director"}), "Fieldwork has started"),
    ("report_drafted", dict(add_team=[("outside_inspector", "inspector")]), None),
    ("report_issued", dict(add_team=[("outside_inspector", "inspector")]), "the team can no longer change"),
]


@pytest.mark.parametrize("stage, change, refusal", EDIT_WINDOWS)
def test_what_may_change_depends_on_the_stage(templates, tmp_path, stage, change, refusal):
    root, engine, cast = _open(templates, tmp_path, stage)
    change = _with_ids(change, cast)
    before = fingerprint(root)
    if refusal is None:
        changed = replanning.change_plan(engine, as_person=cast["lead"], inspection=cast.inspection, **change)
        assert cast["outside_inspector"] in {m.person_id for m in changed.team}
        return
    with pytest.raises(Refused, match=refusal):
        replanning.change_plan(engine, as_person=cast["lead"], inspection=cast.inspection, **change)
    assert fingerprint(root) == before


def test_people_join_the_team_during_fieldwork(templates, tmp_path):
    root, engine, cast = _open(templates, tmp_path, "fieldwork")
    changed = replanning.change_plan(engine, as_person=cast["lead"], inspection=cast.inspection,
                                     add_team=[(cast["outside_inspector"], "inspector")])
    assert cast["outside_inspector"] in {m.person_id for m in changed.team}


@pytest.mark.parametrize("who", ["theme_lead", "inspector", "district_manager", "area_manager", "other_director"])
def test_only_the_lead_changes_or_cancels_the_plan(templates, tmp_path, who):
    root, engine, cast = _open(templates, tmp_path, "planned")
    before = fingerprint(root)
    with pytest.raises(Refused):
        replanning.change_plan(engine, as_person=cast[who], inspection=cast.inspection, fieldwork_end="2026-03-11")
    with pytest.raises(Refused):
        replanning.cancel_inspection(engine, as_person=cast[who], inspection=cast.inspection, reason="Snow")
    assert fingerprint(root) == before


@pytest.mark.parametrize("change, field", [
    ({}, ""),
    (dict(fieldwork_end="2026-03-20"), "fieldwork_end"),  # 10 working days
    (dict(fieldwork_end="2026-03-01"), "fieldwork_end"),  # before the start
    (dict(notice_date="2026-02-06"), "notice_date"),  # 21 working days before
    (dict(fieldwork_start="2026-13-01"), "fieldwork_start"),
    (dict(lead="Tara Theme"), "lead"),
    (dict(add_team=[("Nobody", "inspector")]), "team[0]"),
])
def test_a_bad_change_names_the_field_and_changes_nothing(templates, tmp_path, change, field):
    root, engine, cast = _open(templates, tmp_path, "planned")
    before = fingerprint(root)
    with pytest.raises(InvalidInput) as refused:
        replanning.change_plan(engine, as_person=cast["lead"], inspection=cast.inspection, **change)
    assert refused.value.problems[0].field == field
    assert fingerprint(root) == before


def test_a_second_inspection_of_a_district_at_the_same_time_is_refused(templates, tmp_path):
    root, engine, cast = _open(templates, tmp_path, "planned")
    before = fingerprint(root)
    with pytest.raises(InvalidInput, match="already has an inspection with fieldwork from 2026-03-09 to 2026-03-12"):
        planning.plan_inspection(engine, as_person=cast["lead"], district="Basingstoke", framework_id=FRAMEWORK,
                                 fieldwork_start="2026-03-11", fieldwork_end="2026-03-13", lead=cast["lead"])
    assert fingerprint(root) == before


def test_a_change_that_would_overlap_another_inspection_of_the_district_is_refused(templates, tmp_path):
    root, engine, cast = _open(templates, tmp_path, "planned")
    later = planning.plan_inspection(engine, as_person=cast["lead"], district="Basingstoke", framework_id=FRAMEWORK,
                                     fieldwork_start="2026-06-08", fieldwork_end="2026-06-11", lead=cast["lead"])
    before = fingerprint(root)
    with pytest.raises(InvalidInput, match="already has an inspection"):
        replanning.change_plan(engine, as_person=cast["lead"], inspection=later.id,
                               fieldwork_start="2026-03-12", fieldwork_end="2026-03-16")
    assert fingerprint(root) == before


def test_another_district_may_be_inspected_the_same_week(templates, tmp_path):
    root, engine, cast = _open(templates, tmp_path, "planned")
    planning.plan_inspection(engine, as_person=cast["lead"], district="Andover", framework_id=FRAMEWORK,
                             fieldwork_start="2026-03-09", fieldwork_end="2026-03-12", lead=cast["lead"])


def test_a_cancelled_inspection_leaves_the_cycle_dashboards_and_deadlines_and_stays_readable(templates, tmp_path):
    root, engine, cast = _open(templates, tmp_path, "fieldwork")
    cycle_before = {c.district.name: len(c.planned) + len(c.held) for c in queries.cycle_plan(engine)}
    assert queries.deadline_statuses(engine)
    cancelled = replanning.cancel_inspection(engine, as_person=cast["lead"], inspection=cast.inspection,
                                             reason="The district is merging with Andover", on="2026-03-10")
    assert cancelled.status_label == "cancelled" and cancelled.cancelled.reason == "The district is merging with Andover"
    cycle_after = {c.district.name: len(c.planned) + len(c.held) for c in queries.cycle_plan(engine)}
    assert cycle_after["Basingstoke"] == cycle_before["Basingstoke"] - 1
    assert queries.deadline_statuses(engine, include_met=True) == []
    assert all(not queries.inspections_for(engine, engine.person(cast[p])) for p in ("lead", "district_manager", "area_manager"))
    reread = engine.summary(cast.inspection).inspection
    assert reread.is_cancelled and reread.history[-1].event == "cancel"
    assert engine.workspace.audit_entries(cast.inspection)[-1].action == "cancel inspection"


def test_a_cancelled_inspection_frees_its_week_and_refuses_every_further_step(templates, tmp_path):
    root, engine, cast = _open(templates, tmp_path, "planned")
    replanning.cancel_inspection(engine, as_person=cast["lead"], inspection=cast.inspection, reason="Snow", on="2026-03-06")
    before = fingerprint(root)
    with pytest.raises(Refused, match=r"cancelled on 2026-03-06 \(Snow\)"):
        workflow.advance(engine, as_person=cast["lead"], inspection=cast.inspection, event="notify", on="2026-03-06")
    with pytest.raises(Refused, match="cancelled"):
        replanning.change_plan(engine, as_person=cast["lead"], inspection=cast.inspection, fieldwork_end="2026-03-11")
    with pytest.raises(Refused, match="already cancelled|cancelled on"):
        replanning.cancel_inspection(engine, as_person=cast["lead"], inspection=cast.inspection, reason="Again")
    assert fingerprint(root) == before
    assert workflow.open_steps(engine, as_person=cast["lead"], inspection=cast.inspection) == []
    planning.plan_inspection(engine, as_person=cast["lead"], district="Basingstoke", framework_id=FRAMEWORK,
                             fieldwork_start="2026-03-09", fieldwork_end="2026-03-12", lead=cast["lead"])


@pytest.mark.parametrize("stage, reason, refusal", [
    ("planned", "  ", "say why"),
    ("report_issued", "Too late", "an issued report stands"),
])
def test_a_cancellation_needs_a_reason_and_an_unissued_report(templates, tmp_path, stage, reason, refusal):
    root, engine, cast = _open(templates, tmp_path, stage)
    before = fingerprint(root)
    with pytest.raises((InvalidInput, Refused), match=refusal):
        replanning.cancel_inspection(engine, as_person=cast["lead"], inspection=cast.inspection, reason=reason)
    assert fingerprint(root) == before


def _with_ids(change: dict, cast) -> dict:
    out = dict(change)
    if "lead" in out:
        out["lead"] = cast[out["lead"]]
    if "remove_team" in out:
        out["remove_team"] = [cast[k] for k in out["remove_team"]]
    if "theme_leads" in out:
        out["theme_leads"] = {t: cast[k] for t, k in out["theme_leads"].items()}
    if "add_team" in out:
        out["add_team"] = [(cast[k], role) for k, role in out["add_team"]]
    return out

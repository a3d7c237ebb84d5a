"""Through the engine: dates that could be true, immediate plans amended without losing their date,
and returned action plans that stay in sight. Each refusal changes nothing, byte for byte."""

from __future__ import annotations

import pytest

from peerinspect.domain.deadlines import DeadlineState
from peerinspect.domain.errors import InvalidInput, Refused
from peerinspect.engine import actionplan, queries, workflow

from .conftest import fingerprint, living_on, open_engine


def refused(root, run, error=InvalidInput) -> str:
    before = fingerprint(root)
    with pytest.raises(error) as raised:
        run()
    assert fingerprint(root) == before
    return str(raised.value)


@pytest.mark.parametrize(
    ("stage", "run", "message"),
    [
        ("feedback_given", lambda e, c: workflow.advance(
            e, as_person=c["lead"], inspection=c.inspection, event="draft_report", on="2026-03-20"),
         "The report cannot be drafted on 2026-03-20: that is after today (2026-03-12)"),
        ("fieldwork", lambda e, c: workflow.raise_concern(
            e, as_person=c["inspector"], inspection=c.inspection, description="Bruising", on="2026-03-11"),
         "The concern cannot be dated 2026-03-11: that is after today (2026-03-10)"),
        ("fieldwork", lambda e, c: workflow.make_immediate_plan(
            e, as_person=c["lead"], inspection=c.inspection, concern_id=c.concerns[0], owner=c["district_manager"],
            first_action="Visit", on="2026-03-09"),
         "The immediate plan cannot be dated 2026-03-09: the concern was raised on 2026-03-10"),
        ("report_issued", lambda e, c: actionplan.record_progress(
            e, as_person=c["district_manager"], inspection=c.inspection, action_id=c.actions[1], text="Started",
            on="2026-04-01"),
         "A progress note cannot be dated 2026-04-01: that is after today (2026-03-25)"),
        ("report_issued", lambda e, c: actionplan.record_progress(
            e, as_person=c["district_manager"], inspection=c.inspection, action_id=c.actions[1], text="Started",
            on="2026-03-19"),
         "A progress note cannot be dated 2026-03-19: the report was issued on 2026-03-20"),
        ("report_issued", lambda e, c: actionplan.record_progress(
            e, as_person=c["district_manager"], inspection=c.inspection, action_id=c.actions[0], text="More",
            on="2026-03-24"),
         "A progress note cannot be dated 2026-03-24: the action's last note is dated on 2026-03-25"),
        ("monitoring", lambda e, c: actionplan.verify_action(
            e, as_person=c["area_manager"], inspection=c.inspection, action_id=c.actions[0], on="2026-04-19"),
         "The verification cannot be dated 2026-04-19: the action's last note is dated on 2026-04-20"),
    ],
)
def test_a_date_that_cannot_be_true_is_refused_and_changes_nothing(templates, tmp_path, stage, run, message):
    root = templates.copy(stage, tmp_path)
    engine, cast = open_engine(root), templates.cast

    assert message in refused(root, lambda: run(engine, cast), (InvalidInput, Refused))


def test_an_immediate_plan_made_again_is_refused_and_an_amendment_keeps_its_late_date(templates, tmp_path):
    root = templates.copy("fieldwork", tmp_path)
    engine, cast = open_engine(root), templates.cast
    living_on("2026-03-12")  # raised on the 10th, due the next working day: made two days later, one day late
    workflow.make_immediate_plan(engine, as_person=cast["lead"], inspection=cast.inspection, concern_id=cast.concerns[0],
                                 owner=cast["district_manager"], first_action="Visit today")
    message = refused(root, lambda: workflow.make_immediate_plan(
        engine, as_person=cast["lead"], inspection=cast.inspection, concern_id=cast.concerns[0],
        owner=cast["district_manager"], first_action="Visit today", on="2026-03-12"), Refused)
    assert "already has its immediate plan: change it by an amendment with a reason" in message

    amended = workflow.amend_immediate_plan(
        engine, as_person=cast["lead"], inspection=cast.inspection, concern_id=cast.concerns[0],
        owner=cast["area_manager"], reason="District manager off sick",
    )

    assert amended.plan.made_on.isoformat() == "2026-03-12"
    assert amended.plan.current_owner_id == cast["area_manager"]
    [status] = [s for s in queries.deadline_statuses(engine, include_met=True)
                if s.deadline.key == f"immediate_plan:{cast.concerns[0]}"]
    assert status.describe() == "met 1 day late"


def test_an_amendment_without_a_reason_changes_nothing(templates, tmp_path):
    root = templates.copy("feedback_given", tmp_path)
    engine, cast = open_engine(root), templates.cast

    message = refused(root, lambda: workflow.amend_immediate_plan(
        engine, as_person=cast["lead"], inspection=cast.inspection, concern_id=cast.concerns[0], reason="  ",
        first_action="Other"))

    assert "say why the immediate plan changes" in message


def test_a_returned_plan_is_on_the_district_manager_s_list_with_its_reason(templates, tmp_path):
    root = templates.copy("action_plan_submitted", tmp_path)
    engine, cast = open_engine(root), templates.cast
    living_on("2026-04-02")
    workflow.advance(engine, as_person=cast["area_manager"], inspection=cast.inspection, event="return_action_plan",
                     note="Action 3 has no measure of success")

    [plan] = [s for s in queries.deadline_statuses(engine, person=cast["district_manager"])
              if s.deadline.rule_id == "action_plan"]

    assert plan.state is DeadlineState.UPCOMING
    assert plan.describe() == "returned: resubmission due Mon 20 Apr 2026 (in 18 days)"  # past Easter
    assert plan.deadline.return_reason == "Action 3 has no measure of success"


def test_the_area_manager_sees_the_plans_waiting_for_approval(templates, tmp_path):
    root = templates.copy("action_plan_submitted", tmp_path)
    engine, cast = open_engine(root), templates.cast
    people = {p.id: p for p in engine.people()}

    assert [s.id for s in queries.plans_awaiting_approval(engine, people[cast["area_manager"]])] == [cast.inspection]
    assert queries.plans_awaiting_approval(engine, people[cast["other_area_manager"]]) == []
    assert queries.plans_awaiting_approval(engine, people[cast["district_manager"]]) == []

    workflow.advance(engine, as_person=cast["area_manager"], inspection=cast.inspection, event="approve_action_plan",
                     on="2026-04-01")
    assert queries.plans_awaiting_approval(engine, people[cast["area_manager"]]) == []


@pytest.mark.parametrize(
    ("stage", "recorded_on", "message"),
    [
        ("planned", None, "evidence is recorded once the district has been notified of the inspection"),
        ("fieldwork", "2026-03-04", "evidence is recorded from the notice date (2026-03-05) to 2026-03-12"),
        ("fieldwork", "2026-03-11", "Evidence cannot be dated 2026-03-11: that is after today (2026-03-10)"),
    ],
)
def test_evidence_outside_its_window_is_refused_and_changes_nothing(templates, tmp_path, stage, recorded_on, message):
    from peerinspect.engine import evidence

    from .conftest import OBSERVATION

    root = templates.copy(stage, tmp_path)
    engine, cast = open_engine(root), templates.cast
    fields = {**OBSERVATION, **({"recorded_on": recorded_on} if recorded_on else {})}

    assert message in refused(root, lambda: evidence.add_evidence(
        engine, as_person=cast["inspector"], inspection=cast.inspection, kind="observation", fields=fields))


def test_a_due_date_that_has_passed_cannot_be_moved_so_lateness_stays(templates, tmp_path):
    root = templates.copy("monitoring", tmp_path)
    engine, cast = open_engine(root), templates.cast
    living_on("2026-05-20")  # action 1 was due on 15 May; the others on 1 May
    message = refused(root, lambda: actionplan.plan_action(
        engine, as_person=cast["district_manager"], inspection=cast.inspection, action_id=cast.actions[0],
        due="2026-06-30"))

    assert "was due on 2026-05-15, which has passed: its due date stays on record" in message


def test_a_due_date_still_ahead_can_move(templates, tmp_path):
    root = templates.copy("monitoring", tmp_path)
    engine, cast = open_engine(root), templates.cast

    moved = actionplan.plan_action(engine, as_person=cast["district_manager"], inspection=cast.inspection,
                                   action_id=cast.actions[0], due="2026-06-30")

    assert moved.due.isoformat() == "2026-06-30"

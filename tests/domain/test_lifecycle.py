from datetime import date

import pytest
from attrs import evolve

from peerinspect.domain.actions import Action
from peerinspect.domain.dossier import Dossier
from peerinspect.domain.errors import InvalidInput, Refused
from peerinspect.domain.findings import Judgement, Recommendation
from peerinspect.domain.framework import Framework, Grade, Theme
from peerinspect.domain.inspection import Inspection, Stage, StageChange
from peerinspect.domain.lifecycle import (
    EVENTS,
    advance,
    amendment_required,
    blockers,
    event_named,
    evidence_locked,
    next_events,
)
from peerinspect.domain.safeguarding import ImmediatePlan, SafeguardingConcern
from peerinspect.domain.vocabulary import ActionStatus, JudgementStatus

LEADERSHIP = Theme(id="leadership", title="Leadership, management and governance")
HELP = Theme(id="help", title="Help and protection")
FRAMEWORK = Framework(
    id="sif",
    title="Peer inspection framework",
    grades=(Grade(key="good", label="Good", rank=2), Grade(key="inadequate", label="Inadequate", rank=4)),
    themes=(LEADERSHIP, HELP),
)
START, END = date(2025, 5, 12), date(2025, 5, 16)

# The step that brings an inspection to each stage, and a date it might have been taken on.
REACHED_BY = {
    Stage.NOTIFIED: ("notify", date(2025, 5, 7)),
    Stage.FIELDWORK: ("start_fieldwork", START),
    Stage.FEEDBACK_GIVEN: ("give_feedback", END),
    Stage.REPORT_DRAFTED: ("draft_report", date(2025, 5, 23)),
    Stage.REPORT_ISSUED: ("issue_report", date(2025, 5, 28)),
    Stage.ACTION_PLAN_SUBMITTED: ("submit_action_plan", date(2025, 6, 9)),
    Stage.ACTION_PLAN_APPROVED: ("approve_action_plan", date(2025, 6, 11)),
    Stage.MONITORING: ("start_monitoring", date(2025, 6, 12)),
    Stage.CLOSED: ("close", date(2025, 9, 30)),
}


def inspection_at(stage: Stage = Stage.PLANNED) -> Inspection:
    history = ()
    if stage in REACHED_BY:
        event, on = REACHED_BY[stage]
        history = (StageChange(event=event, on=on, by="lead", stage=stage),)
    return Inspection(
        district_id="d1", framework_id="sif", lead_id="lead", fieldwork_start=START, fieldwork_end=END,
        stage=stage, history=history,
    )


def judgement(inspection: Inspection, theme: Theme, status=JudgementStatus.SIGNED_OFF) -> Judgement:
    return Judgement(
        inspection_id=inspection.id, theme_id=theme.id, grade="good", reasons="Leaders know their services well.",
        author_id="theme-lead", status=status, signed_off_by="lead" if status is JudgementStatus.SIGNED_OFF else None,
    )


def concern(inspection: Inspection, planned: bool) -> SafeguardingConcern:
    plan = ImmediatePlan(owner_id="dm", first_action="Visit today", made_on=END, made_by="lead") if planned else None
    return SafeguardingConcern(
        inspection_id=inspection.id, raised_by="inspector", raised_on=date(2025, 5, 13),
        description="Child left at home alone", plan=plan,
    )


def ready_to_issue(inspection: Inspection) -> Dossier:
    return Dossier(
        inspection=inspection,
        judgements=(judgement(inspection, LEADERSHIP), judgement(inspection, HELP)),
        concerns=(concern(inspection, planned=True),),
    )


def with_plan(dossier: Dossier, **action_changes) -> Dossier:
    inspection = dossier.inspection
    recommendation = Recommendation(inspection_id=inspection.id, theme_id="help", text="Improve supervision")
    action = Action(
        inspection_id=inspection.id, recommendation_id=recommendation.id, what="Monthly supervision audits",
        owner_id="dm", due=date(2025, 8, 29),
    )
    return evolve(dossier, recommendations=(recommendation,), actions=(evolve(action, **action_changes),))


def refused(dossier: Dossier, event: str, on: date, note: str = "") -> str:
    before = dossier.inspection
    with pytest.raises(Refused) as raised:
        advance(dossier, FRAMEWORK, event, on, "lead", note)
    assert dossier.inspection == before and dossier.inspection.stage is before.stage
    return str(raised.value)


def test_a_full_walk_from_planned_to_closed_records_every_step_on_its_date():
    inspection = inspection_at(Stage.PLANNED)
    dossier = ready_to_issue(inspection)
    walk = [
        ("notify", date(2025, 5, 7), Stage.NOTIFIED),
        ("start_fieldwork", START, Stage.FIELDWORK),
        ("give_feedback", END, Stage.FEEDBACK_GIVEN),
        ("draft_report", date(2025, 5, 23), Stage.REPORT_DRAFTED),
        ("issue_report", date(2025, 5, 28), Stage.REPORT_ISSUED),
        ("submit_action_plan", date(2025, 6, 9), Stage.ACTION_PLAN_SUBMITTED),
        ("approve_action_plan", date(2025, 6, 11), Stage.ACTION_PLAN_APPROVED),
        ("start_monitoring", date(2025, 6, 12), Stage.MONITORING),
        ("close", date(2025, 9, 30), Stage.CLOSED),
    ]
    for event, on, stage in walk:
        if event == "submit_action_plan":
            dossier = with_plan(dossier)
        if event == "close":
            dossier = evolve(dossier, actions=tuple(
                evolve(a, status=ActionStatus.VERIFIED, verified_on=on, verified_by="am") for a in dossier.actions
            ))
        assert event in next_events(dossier, FRAMEWORK)
        assert blockers(dossier, FRAMEWORK, event, on) == []
        inspection = advance(dossier, FRAMEWORK, event, on, "lead")
        assert inspection.stage is stage
        dossier = evolve(dossier, inspection=inspection)

    assert [(c.event, c.on, c.stage) for c in inspection.history] == walk
    assert inspection.notice_date == date(2025, 5, 7)
    assert inspection.feedback_given_on == END
    assert inspection.report_issued_on == date(2025, 5, 28)
    assert next_events(dossier, FRAMEWORK) == []


def test_each_step_is_recorded_with_who_took_it_and_the_note():
    dossier = Dossier(inspection=inspection_at(Stage.FEEDBACK_GIVEN))
    inspection = advance(dossier, FRAMEWORK, "draft_report", date(2025, 5, 20), "lead-1", "  First draft  ")
    assert inspection.history[-1] == StageChange(
        event="draft_report", on=date(2025, 5, 20), by="lead-1", stage=Stage.REPORT_DRAFTED, note="First draft"
    )
    assert inspection.history[:-1] == dossier.inspection.history


def test_the_events_are_the_stored_names_in_lifecycle_order():
    assert [e.name for e in EVENTS] == [
        "notify", "start_fieldwork", "give_feedback", "draft_report", "issue_report", "submit_action_plan",
        "approve_action_plan", "return_action_plan", "start_monitoring", "close",
    ]
    forward = [e for e in EVENTS if e.name != "return_action_plan"]
    assert [(e.source, e.target) for e in forward] == list(zip(list(Stage)[:-1], list(Stage)[1:]))
    assert event_named("return_action_plan").target is Stage.REPORT_ISSUED
    assert event_named("give_feedback").label == "Give feedback to staff"


def test_an_unknown_event_is_refused_listing_the_valid_ones():
    message = refused(Dossier(inspection=inspection_at()), "publish", date(2025, 5, 1))
    assert "'publish' is not a step of an inspection" in message
    assert "notify, start_fieldwork, give_feedback" in message and "return_action_plan" in message


def test_a_step_the_current_stage_does_not_allow_names_the_stage_and_the_next_steps():
    dossier = ready_to_issue(inspection_at(Stage.FIELDWORK))
    message = refused(dossier, "issue_report", date(2025, 5, 28))
    assert message == "The report cannot be issued yet: this inspection is at 'fieldwork'; next steps: give feedback to staff"


def test_a_step_already_passed_says_now_and_nothing_more():
    message = refused(Dossier(inspection=inspection_at(Stage.CLOSED)), "notify", date(2025, 10, 1))
    assert message == "The district cannot be notified now: this inspection is closed"
    message = refused(Dossier(inspection=inspection_at(Stage.MONITORING)), "issue_report", date(2025, 5, 1))
    assert message == "The report cannot be issued now: this inspection is at 'monitoring'; next steps: close the inspection"


def test_a_step_dated_before_the_previous_step_is_refused():
    dossier = Dossier(inspection=inspection_at(Stage.FEEDBACK_GIVEN))
    message = refused(dossier, "draft_report", date(2025, 5, 15))
    assert message == (
        "The report cannot be drafted on 2025-05-15: the step before it (give feedback to staff) was taken on 2025-05-16"
    )


def test_notice_after_fieldwork_has_started_is_refused():
    message = refused(Dossier(inspection=inspection_at()), "notify", date(2025, 5, 13))
    assert "fieldwork starts on 2025-05-12" in message


def test_notice_on_the_first_day_of_fieldwork_is_short_notice_and_allowed():
    inspection = advance(Dossier(inspection=inspection_at()), FRAMEWORK, "notify", START, "lead")
    assert inspection.notice_date == START and inspection.stage is Stage.NOTIFIED


def test_fieldwork_cannot_start_before_its_planned_start():
    message = refused(Dossier(inspection=inspection_at(Stage.NOTIFIED)), "start_fieldwork", date(2025, 5, 9))
    assert message == "Fieldwork cannot start on 2025-05-09: it is planned to start on 2025-05-12"


def test_feedback_is_refused_before_the_last_day_of_fieldwork_and_allowed_on_it():
    dossier = Dossier(inspection=inspection_at(Stage.FIELDWORK))
    message = refused(dossier, "give_feedback", date(2025, 5, 15))
    assert message == "Feedback is given to staff on the last day of fieldwork (2025-05-16), not on 2025-05-15"
    assert advance(dossier, FRAMEWORK, "give_feedback", END, "lead").stage is Stage.FEEDBACK_GIVEN


def test_the_report_cannot_be_issued_while_a_theme_has_no_judgement():
    inspection = inspection_at(Stage.REPORT_DRAFTED)
    dossier = Dossier(inspection=inspection, judgements=(judgement(inspection, HELP),))
    message = refused(dossier, "issue_report", date(2025, 5, 28))
    assert message == "Theme 'Leadership, management and governance' has no judgement"


def test_the_report_cannot_be_issued_while_a_judgement_is_only_proposed():
    inspection = inspection_at(Stage.REPORT_DRAFTED)
    dossier = Dossier(
        inspection=inspection,
        judgements=(judgement(inspection, LEADERSHIP), judgement(inspection, HELP, JudgementStatus.PROPOSED)),
    )
    message = refused(dossier, "issue_report", date(2025, 5, 28))
    assert message == "The judgement for theme 'Help and protection' is only proposed: the lead must sign it off"


def test_the_report_cannot_be_issued_while_a_safeguarding_concern_has_no_immediate_plan():
    inspection = inspection_at(Stage.REPORT_DRAFTED)
    dossier = evolve(ready_to_issue(inspection), concerns=(concern(inspection, planned=False),))
    message = refused(dossier, "issue_report", date(2025, 5, 28))
    assert "The safeguarding concern raised on 2025-05-13 has no immediate plan" in message
    assert "never held back until the report" in message


@pytest.mark.parametrize("event, stage", [
    ("submit_action_plan", Stage.REPORT_ISSUED),
    ("approve_action_plan", Stage.ACTION_PLAN_SUBMITTED),
])
class TestActionPlanGuards:
    def test_a_recommendation_without_an_action_is_refused(self, event, stage):
        inspection = inspection_at(stage)
        dossier = evolve(with_plan(Dossier(inspection=inspection)), actions=())
        assert refused(dossier, event, date(2025, 6, 20)) == "Recommendation 'Improve supervision' has no action"

    def test_an_action_without_an_owner_or_a_due_date_is_refused(self, event, stage):
        dossier = with_plan(Dossier(inspection=inspection_at(stage)), owner_id=None, due=None)
        message = refused(dossier, event, date(2025, 6, 20))
        assert message == (
            "Action 'Monthly supervision audits' has no owner; Action 'Monthly supervision audits' has no due date"
        )

    def test_a_complete_plan_is_accepted(self, event, stage):
        dossier = with_plan(Dossier(inspection=inspection_at(stage)))
        assert advance(dossier, FRAMEWORK, event, date(2025, 6, 20), "am").stage is event_named(event).target


def test_the_inspection_cannot_close_while_an_action_is_not_verified():
    dossier = with_plan(Dossier(inspection=inspection_at(Stage.MONITORING)), status=ActionStatus.DONE)
    message = refused(dossier, "close", date(2025, 9, 30))
    assert message == "Action 'Monthly supervision audits' is not verified (done)"


def test_a_returned_action_plan_goes_back_to_the_district_with_the_reason():
    dossier = with_plan(Dossier(inspection=inspection_at(Stage.ACTION_PLAN_SUBMITTED)))
    inspection = advance(dossier, FRAMEWORK, "return_action_plan", date(2025, 6, 11), "am", "Dates are too late")
    assert inspection.stage is Stage.REPORT_ISSUED
    assert inspection.history[-1].note == "Dates are too late"
    assert next_events(evolve(dossier, inspection=inspection), FRAMEWORK) == ["submit_action_plan"]
    # the report stays issued, so evidence stays locked
    assert evidence_locked(inspection)


def test_an_action_plan_cannot_be_returned_without_a_reason():
    dossier = with_plan(Dossier(inspection=inspection_at(Stage.ACTION_PLAN_SUBMITTED)))
    with pytest.raises(InvalidInput) as raised:
        advance(dossier, FRAMEWORK, "return_action_plan", date(2025, 6, 11), "am", "   ")
    assert raised.value.problems[0].field == "note"


def test_next_events_are_the_steps_from_the_current_stage():
    assert next_events(Dossier(inspection=inspection_at()), FRAMEWORK) == ["notify"]
    assert next_events(Dossier(inspection=inspection_at(Stage.ACTION_PLAN_SUBMITTED)), FRAMEWORK) == [
        "approve_action_plan", "return_action_plan",
    ]
    # guards do not hide a step: the UI shows it with what is still needed
    assert next_events(Dossier(inspection=inspection_at(Stage.REPORT_DRAFTED)), FRAMEWORK) == ["issue_report"]


def test_blockers_list_everything_needed_before_a_step():
    inspection = inspection_at(Stage.FIELDWORK)
    dossier = Dossier(inspection=inspection, concerns=(concern(inspection, planned=False),))
    found = blockers(dossier, FRAMEWORK, "issue_report", date(2025, 5, 10))
    assert found[0].startswith("The report cannot be issued yet: this inspection is at 'fieldwork'")
    assert "step before it (start fieldwork) was taken on 2025-05-12" in found[1]
    assert found[2:4] == [
        "Theme 'Leadership, management and governance' has no judgement",
        "Theme 'Help and protection' has no judgement",
    ]
    assert "no immediate plan" in found[4] and len(found) == 5


def test_blockers_are_empty_when_the_step_can_be_taken():
    dossier = ready_to_issue(inspection_at(Stage.REPORT_DRAFTED))
    assert blockers(dossier, FRAMEWORK, "issue_report", date(2025, 5, 28)) == []


def test_evidence_is_locked_once_the_report_is_issued():
    assert not evidence_locked(inspection_at(Stage.REPORT_DRAFTED))
    assert evidence_locked(inspection_at(Stage.REPORT_ISSUED))
    assert evidence_locked(inspection_at(Stage.CLOSED))
    assert amendment_required(inspection_at(Stage.MONITORING))
    assert not amendment_required(inspection_at(Stage.FIELDWORK))

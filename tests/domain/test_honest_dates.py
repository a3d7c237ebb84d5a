"""Dates that could be true: no step or plan after today, none before what it depends on."""

from datetime import date

import pytest
from attrs import evolve

from peerinspect.domain.dossier import Dossier
from peerinspect.domain.errors import InvalidInput, Refused
from peerinspect.domain.lifecycle import advance, blockers
from peerinspect.domain.inspection import Stage
from peerinspect.domain.safeguarding import SafeguardingConcern, amend_plan, make_plan

from test_lifecycle import END, FRAMEWORK, REACHED_BY, inspection_at, ready_to_issue, with_plan

TODAY = date(2025, 6, 20)


@pytest.mark.parametrize(
    ("stage", "event", "on"),
    [
        (Stage.PLANNED, "notify", date(2025, 6, 21)),
        (Stage.FEEDBACK_GIVEN, "draft_report", date(2025, 7, 1)),
        (Stage.REPORT_DRAFTED, "issue_report", date(2025, 6, 21)),
        (Stage.ACTION_PLAN_SUBMITTED, "approve_action_plan", date(2025, 6, 30)),
    ],
)
def test_a_step_dated_after_today_is_refused_and_says_so(stage, event, on):
    inspection = evolve(inspection_at(stage), fieldwork_start=date(2025, 6, 23), fieldwork_end=date(2025, 6, 26)) \
        if event == "notify" else inspection_at(stage)
    dossier = with_plan(ready_to_issue(inspection))

    found = blockers(dossier, FRAMEWORK, event, on, today=TODAY)

    assert f"on {on}: that is after today ({TODAY}), and a step is recorded once taken" in "; ".join(found)
    with pytest.raises(Refused):
        advance(dossier, FRAMEWORK, event, on, "lead", today=TODAY)


def test_a_step_dated_today_or_earlier_is_not_held_up_by_the_clock():
    dossier = ready_to_issue(inspection_at(Stage.REPORT_DRAFTED))
    _, drafted_on = REACHED_BY[Stage.REPORT_DRAFTED]

    assert blockers(dossier, FRAMEWORK, "issue_report", TODAY, today=TODAY) == []
    assert blockers(dossier, FRAMEWORK, "issue_report", drafted_on, today=TODAY) == []


@pytest.mark.parametrize(
    ("margin", "on", "allowed"),
    [
        (0, END, True),
        (0, date(2025, 5, 19), False),  # the Monday after: weeks of "feedback" are not feedback on the day
        (0, date(2025, 6, 6), False),
        (2, date(2025, 5, 19), True),
        (2, date(2025, 5, 20), True),
        (2, date(2025, 5, 21), False),
    ],
)
def test_feedback_follows_the_framework_rule(margin, on, allowed):
    dossier = Dossier(inspection=inspection_at(Stage.FIELDWORK))
    framework = evolve(FRAMEWORK, feedback_days_after_fieldwork=margin)

    found = blockers(dossier, framework, "give_feedback", on, today=TODAY)

    assert (found == []) is allowed
    if not allowed and margin == 0:
        assert found == [f"Feedback is given to staff on the last day of fieldwork ({END}), not on {on}"]
    if not allowed and margin:
        assert found == [f"Feedback is given to staff from the last day of fieldwork ({END}) to 2025-05-20, not on {on}"]


def test_feedback_margin_counts_working_days_past_a_bank_holiday():
    # Fieldwork ending on Friday 23 May 2025: Monday 26 May is the spring bank holiday.
    inspection = evolve(inspection_at(Stage.FIELDWORK), fieldwork_start=date(2025, 5, 19), fieldwork_end=date(2025, 5, 23))
    framework = evolve(FRAMEWORK, feedback_days_after_fieldwork=1)

    assert blockers(Dossier(inspection=inspection), framework, "give_feedback", date(2025, 5, 27), TODAY) == []
    assert blockers(Dossier(inspection=inspection), framework, "give_feedback", date(2025, 5, 28), TODAY) != []


# --- immediate plans --------------------------------------------------------------------------

RAISED = date(2025, 5, 13)


def raised() -> SafeguardingConcern:
    return SafeguardingConcern(inspection_id="i", raised_by="inspector", raised_on=RAISED, description="Child left alone")


def planned(on: date = RAISED) -> SafeguardingConcern:
    return make_plan(raised(), owner_id="dm", first_action="Visit today", on=on, by="lead", today=TODAY)


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (date(2025, 5, 12), "The immediate plan cannot be dated 2025-05-12: the concern was raised on 2025-05-13"),
        (date(2025, 6, 21), "The immediate plan cannot be dated 2025-06-21: that is after today (2025-06-20)"),
    ],
)
def test_an_immediate_plan_is_dated_from_its_concern_to_today(on, message):
    concern = raised()
    with pytest.raises(InvalidInput) as refused:
        make_plan(concern, owner_id="dm", first_action="Visit", on=on, by="lead", today=TODAY)

    assert [(p.field, p.message) for p in refused.value.problems] == [("date", message)]


def test_an_immediate_plan_is_made_once():
    with pytest.raises(Refused, match="already has its immediate plan, made on 2025-05-13: change it by an amendment"):
        make_plan(planned(), owner_id="dm-2", first_action="Later plan", on=date(2025, 5, 20), by="lead", today=TODAY)


def test_an_amendment_keeps_the_first_date_and_records_what_changed_and_why():
    amended = amend_plan(
        planned(date(2025, 5, 15)), owner_id="am", first_action=None, reason="District manager on leave",
        on=date(2025, 5, 16), by="lead", today=TODAY,
    )

    plan = amended.plan
    assert plan.made_on == date(2025, 5, 15)
    assert (plan.current_owner_id, plan.current_action) == ("am", "Visit today")
    assert [(a.on, a.by, a.reason) for a in plan.amendments] == [(date(2025, 5, 16), "lead", "District manager on leave")]


@pytest.mark.parametrize(
    ("reason", "on", "field", "message"),
    [
        ("", date(2025, 5, 16), "reason", "say why the immediate plan changes, so the record shows it"),
        ("Moved", date(2025, 5, 14), "date",
         "The amendment cannot be dated 2025-05-14: the plan was last changed on 2025-05-15"),
        ("Moved", date(2025, 7, 1), "date", "The amendment cannot be dated 2025-07-01: that is after today (2025-06-20)"),
    ],
)
def test_an_amendment_needs_a_reason_and_an_honest_date(reason, on, field, message):
    concern = planned(date(2025, 5, 15))
    with pytest.raises(InvalidInput) as refused:
        amend_plan(concern, owner_id=None, first_action="Strategy meeting", reason=reason, on=on, by="lead", today=TODAY)

    assert [(p.field, p.message) for p in refused.value.problems] == [(field, message)]


def test_a_concern_without_a_plan_cannot_be_amended():
    with pytest.raises(Refused, match="has no immediate plan to amend"):
        amend_plan(raised(), owner_id=None, first_action="x", reason="why", on=TODAY, by="lead", today=TODAY)

"""A returned action plan reopens its deadline, and lateness once on record stays on record."""

from datetime import date, timedelta

import pytest
from attrs import evolve
from hypothesis import given, settings, strategies as st

from peerinspect.domain.deadlines import DeadlineState, deadlines_for, status_of
from peerinspect.domain import followup
from peerinspect.domain.dossier import Dossier
from peerinspect.domain.errors import InvalidInput, PeerInspectError
from peerinspect.domain.framework import DEFAULT_RESUBMISSION
from peerinspect.domain.inspection import Stage
from peerinspect.domain.lifecycle import advance, next_events
from peerinspect.domain.safeguarding import amend_plan, make_plan
from peerinspect.domain.summary import InspectionSummary

from test_deadlines import CAL, FRAMEWORK, action, concern, inspection

S = DeadlineState
ISSUED = date(2027, 1, 4)  # the action plan is due on 18 January
RETURNED = date(2027, 1, 15)  # resubmission due ten working days later: Friday 29 January


def plan_deadline(*events):
    history = [("issue_report", ISSUED, Stage.REPORT_ISSUED), *events]
    summary = InspectionSummary(inspection=inspection(Stage.REPORT_ISSUED, events=history))
    [found] = [d for d in deadlines_for(summary, FRAMEWORK, CAL, ["dm-1"]) if d.rule_id == "action_plan"]
    return found


def test_without_a_framework_rule_a_returned_plan_has_ten_working_days():
    assert (DEFAULT_RESUBMISSION.amount, DEFAULT_RESUBMISSION.unit.value) == (10, "working_days")


@pytest.mark.parametrize(
    ("today", "state", "words"),
    [
        (date(2027, 1, 15), S.UPCOMING, "returned: resubmission due Fri 29 Jan 2027 (in 14 days)"),
        (date(2027, 1, 27), S.DUE_SOON, "returned: resubmission due Fri 29 Jan 2027 (in 2 days)"),
        (date(2027, 1, 29), S.DUE_TODAY, "returned: resubmission due today"),
        (date(2027, 2, 2), S.OVERDUE, "returned: resubmission overdue by 4 days"),
    ],
)
def test_a_returned_plan_is_open_again_with_its_resubmission_date(today, state, words):
    deadline = plan_deadline(
        ("submit_action_plan", date(2027, 1, 12), Stage.ACTION_PLAN_SUBMITTED),
        ("return_action_plan", RETURNED, Stage.REPORT_ISSUED),
    )

    status = status_of(deadline, today)

    assert (deadline.due, deadline.returned_on, deadline.met_on) == (date(2027, 1, 29), RETURNED, None)
    assert (status.state, status.describe()) == (state, words)
    assert status.is_open


@pytest.mark.parametrize(
    ("first", "resubmitted", "state", "words"),
    [
        (date(2027, 1, 12), date(2027, 1, 20), S.MET_ON_TIME, "met on time"),
        (date(2027, 1, 12), date(2027, 2, 2), S.MET_LATE, "met 6 days late"),
        # made late the first time: resubmitting in time does not make it on time
        (date(2027, 1, 25), date(2027, 1, 29), S.MET_LATE, "met 7 days late"),
    ],
)
def test_a_resubmitted_plan_is_met_and_keeps_any_earlier_lateness(first, resubmitted, state, words):
    returned_on = first + timedelta(days=1)
    deadline = plan_deadline(
        ("submit_action_plan", first, Stage.ACTION_PLAN_SUBMITTED),
        ("return_action_plan", returned_on, Stage.REPORT_ISSUED),
        ("submit_action_plan", resubmitted, Stage.ACTION_PLAN_SUBMITTED),
    )

    status = status_of(deadline, date(2027, 3, 1))

    assert (status.state, status.describe()) == (state, words)


def test_the_return_reason_travels_with_the_deadline():
    history = [
        ("issue_report", ISSUED, Stage.REPORT_ISSUED),
        ("submit_action_plan", date(2027, 1, 12), Stage.ACTION_PLAN_SUBMITTED),
    ]
    summary = InspectionSummary(inspection=inspection(Stage.ACTION_PLAN_SUBMITTED, events=history))
    returned = advance(Dossier(inspection=summary.inspection), FRAMEWORK, "return_action_plan", RETURNED, "am",
                       "Action 2 needs a measure")

    [deadline] = [d for d in deadlines_for(InspectionSummary(inspection=returned), FRAMEWORK, CAL) if d.rule_id == "action_plan"]

    assert deadline.return_reason == "Action 2 needs a measure"


# --- the property: a deadline met late is never later reported as met on time -------------------

START, END = date(2026, 12, 14), date(2026, 12, 18)
# "next" takes whichever lifecycle step the stage allows first, so walks reach the action plan.
STEPS = ("next",) * 4 + ("return_action_plan",) * 3 + ("raise_concern", "make_plan", "amend_plan") + (
    "action_done", "send_back", "move_due") * 2
LENIENT = evolve(FRAMEWORK, feedback_days_after_fieldwork=10)


@settings(max_examples=250, deadline=None)
@given(moves=st.lists(st.tuples(st.sampled_from(STEPS), st.integers(0, 6)), min_size=8, max_size=40))
def test_a_deadline_met_late_is_never_later_reported_as_met_on_time(moves):
    # Every step is tried on its day; whatever the rules refuse is simply not recorded.
    # A dossier, not a summary: the steps change whole actions, of which a summary keeps only what deadlines need.
    dossier = Dossier(inspection=inspection(start=START, end=END),
                      actions=(action("a-1", owner_id="dm", due=date(2027, 1, 8)),))
    today = date(2026, 12, 1)
    late_keys: set[str] = set()
    for step, gap in moves:
        today += timedelta(days=gap)
        dossier = _take(dossier, step, today)
        for deadline in deadlines_for(dossier.summary(), LENIENT, CAL, ["dm-1"]):
            status = status_of(deadline, today)
            if status.state is S.MET_LATE:
                late_keys.add(deadline.key)
            elif deadline.key in late_keys:
                assert status.state is not S.MET_ON_TIME, f"{deadline.key} was met late, now shown met on time"


def _take(dossier: Dossier, step: str, today: date) -> Dossier:
    try:
        if step == "raise_concern":
            raised = concern(today, id=f"c-{len(dossier.concerns)}")
            return evolve(dossier, concerns=(*dossier.concerns, raised))
        if step in ("action_done", "send_back", "move_due"):
            [found] = dossier.actions
            if step == "action_done":
                found = followup.mark_done(found, today, "dm")
            elif step == "send_back":
                found = followup.send_back(found, today, "am", "Not yet")
            else:
                found = followup.set_plan(found, "dm", max(found.due, today) + timedelta(days=14), today=today)
            return evolve(dossier, actions=(found,))
        if step in ("make_plan", "amend_plan"):
            concerns = list(dossier.concerns)
            for index, found in enumerate(concerns):
                if step == "make_plan" and found.plan is None:
                    concerns[index] = make_plan(found, owner_id="dm", first_action="Visit", on=today, by="l", today=today)
                elif step == "amend_plan" and found.plan is not None:
                    concerns[index] = amend_plan(found, owner_id="am", first_action=None, reason="Cover", on=today,
                                                 by="l", today=today)
            return evolve(dossier, concerns=tuple(concerns))
        steps_from = Dossier(inspection=dossier.inspection, concerns=dossier.concerns)
        if step == "next":
            step = next((e for e in next_events(steps_from, LENIENT) if e != "return_action_plan"), "close")
        note = "Needs measures" if step == "return_action_plan" else ""
        return evolve(dossier, inspection=advance(steps_from, LENIENT, step, today, "lead", note, today=today))
    except (PeerInspectError, InvalidInput):
        return dossier

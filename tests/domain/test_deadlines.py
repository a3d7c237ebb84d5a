from datetime import date, timedelta

import pytest
from attrs import evolve
from hypothesis import given, settings, strategies as st

from peerinspect.domain.actions import Action
from peerinspect.domain.calendar import default_calendar
from peerinspect.domain.deadlines import (
    Deadline,
    DeadlineState,
    deadlines_for,
    fieldwork_problems,
    open_deadlines,
    status_of,
    statuses_of,
)
from peerinspect.domain.framework import DeadlineAnchor, DeadlineRule, Framework
from peerinspect.domain.inspection import Inspection, Stage, StageChange
from peerinspect.domain.safeguarding import ImmediatePlan, SafeguardingConcern
from peerinspect.domain.summary import InspectionSummary
from peerinspect.domain.vocabulary import ActionStatus, DurationUnit

CAL = default_calendar()
S = DeadlineState


def hampshire(report_days=14, report_unit=DurationUnit.CALENDAR_DAYS) -> Framework:
    return Framework(
        id="hampshire",
        title="Peer inspection",
        deadlines=(
            DeadlineRule(
                id="report",
                title="Written report",
                after=DeadlineAnchor.FIELDWORK_END,
                amount=report_days,
                unit=report_unit,
            ),
            DeadlineRule(
                id="action_plan",
                title="District action plan",
                after=DeadlineAnchor.REPORT_ISSUED,
                amount=14,
                unit=DurationUnit.CALENDAR_DAYS,
            ),
            DeadlineRule(
                id="immediate_plan",
                title="Immediate safeguarding plan",
                after=DeadlineAnchor.CONCERN_RAISED,
                amount=1,
                unit=DurationUnit.WORKING_DAYS,
            ),
        ),
    )


FRAMEWORK = hampshire()


def inspection(stage=Stage.PLANNED, events=(), start=date(2026, 12, 14), end=date(2026, 12, 18)) -> Inspection:
    history = tuple(StageChange(event=e, on=on, by="lead-1", stage=s) for e, on, s in events)
    return Inspection(
        id="insp-1",
        district_id="district-1",
        framework_id="hampshire",
        lead_id="lead-1",
        fieldwork_start=start,
        fieldwork_end=end,
        stage=stage,
        history=history,
    )


def concern(raised_on: date, id: str = "c-1", plan: ImmediatePlan | None = None) -> SafeguardingConcern:
    return SafeguardingConcern(
        id=id, inspection_id="insp-1", raised_by="insp-2", raised_on=raised_on, description="Child left alone", plan=plan
    )


def action(id: str, what: str = "Audit supervision records", **changes) -> Action:
    return Action(id=id, inspection_id="insp-1", recommendation_id="r-1", what=what, **changes)


def by_rule(deadlines: list[Deadline]) -> dict[str, list[Deadline]]:
    found: dict[str, list[Deadline]] = {}
    for d in deadlines:
        found.setdefault(d.rule_id, []).append(d)
    return found


# --- states -------------------------------------------------------------------------------

DUE = date(2026, 6, 10)


def deadline(due=DUE, met_on=None, key="report:x", start=date(2026, 5, 27)) -> Deadline:
    return Deadline(
        key=key, rule_id="report", title="Written report", inspection_id="x", district_id="d",
        start=start, due=due, met_on=met_on, owner_ids=("lead-1",),
    )


@pytest.mark.parametrize(
    "today, met_on, state, days, text",
    [
        (date(2026, 6, 1), None, S.UPCOMING, 9, "due in 9 days"),
        (date(2026, 6, 6), None, S.UPCOMING, 4, "due in 4 days"),
        (date(2026, 6, 7), None, S.DUE_SOON, 3, "due in 3 days"),
        (date(2026, 6, 9), None, S.DUE_SOON, 1, "due in 1 day"),
        (date(2026, 6, 10), None, S.DUE_TODAY, 0, "due today"),
        (date(2026, 6, 11), None, S.OVERDUE, 1, "overdue by 1 day"),
        (date(2026, 6, 13), None, S.OVERDUE, 3, "overdue by 3 days"),
        (date(2026, 6, 20), date(2026, 6, 10), S.MET_ON_TIME, 0, "met on time"),
        (date(2026, 6, 5), date(2026, 6, 5), S.MET_ON_TIME, 0, "met on time"),
        (date(2026, 6, 11), date(2026, 6, 11), S.MET_LATE, 1, "met 1 day late"),
        (date(2026, 7, 1), date(2026, 6, 15), S.MET_LATE, 5, "met 5 days late"),
        # recorded as met on a later day than `today`: not met yet on `today`
        (date(2026, 6, 11), date(2026, 6, 12), S.OVERDUE, 1, "overdue by 1 day"),
        (date(2026, 6, 8), date(2026, 6, 9), S.DUE_SOON, 2, "due in 2 days"),
    ],
)
def test_every_state_with_its_days_and_words(today, met_on, state, days, text):
    status = status_of(deadline(met_on=met_on), today, due_soon_days=3)
    assert (status.state, status.days, status.describe()) == (state, days, text)
    assert status.is_open is (state not in (S.MET_ON_TIME, S.MET_LATE))


def test_the_due_soon_window_is_a_setting():
    assert status_of(deadline(), date(2026, 6, 3), due_soon_days=7).state is S.DUE_SOON
    assert status_of(deadline(), date(2026, 6, 9), due_soon_days=0).state is S.UPCOMING


def test_states_read_as_plain_words():
    assert S.DUE_SOON.label == "due soon"
    assert S.parse("met late") is S.MET_LATE


def test_open_deadlines_puts_the_most_overdue_first_then_the_soonest_due():
    today = date(2026, 6, 20)
    deadlines = [
        deadline(key="a", due=date(2026, 6, 30)),
        deadline(key="b", due=date(2026, 6, 18)),  # overdue by 2
        deadline(key="c", due=date(2026, 6, 10), met_on=date(2026, 6, 12)),  # met late: not open
        deadline(key="d", due=date(2026, 6, 11)),  # overdue by 9
        deadline(key="e", due=date(2026, 6, 20)),  # due today
        deadline(key="f", due=date(2026, 6, 22)),
    ]
    ordered = open_deadlines(statuses_of(deadlines, today))
    assert [s.deadline.key for s in ordered] == ["d", "b", "e", "f", "a"]


# --- deadlines of an inspection, stage by stage -------------------------------------------


def test_a_planned_inspection_already_has_its_report_deadline_across_christmas():
    summary = InspectionSummary(inspection=inspection())
    [report] = deadlines_for(summary, FRAMEWORK, CAL)
    assert report.key == "report:insp-1"
    assert report.title == "Written report"
    assert (report.start, report.due) == (date(2026, 12, 18), date(2027, 1, 1))  # 14 calendar days, holidays and all
    assert report.owner_ids == ("lead-1",)
    assert report.district_id == "district-1"
    assert report.met_on is None
    assert status_of(report, date(2026, 12, 1)).state is S.UPCOMING


def test_a_report_deadline_in_working_days_skips_christmas_and_new_year():
    framework = hampshire(report_days=10, report_unit=DurationUnit.WORKING_DAYS)
    [report] = deadlines_for(InspectionSummary(inspection=inspection()), framework, CAL)
    # 21, 22, 23, 24, 29, 30, 31 December, then 4, 5, 6 January
    assert report.due == date(2027, 1, 6)


def test_the_rules_come_from_the_framework_not_from_code():
    framework = evolve(FRAMEWORK, deadlines=(evolve(FRAMEWORK.deadlines[0], amount=7, title="Draft report"),))
    [report] = deadlines_for(InspectionSummary(inspection=inspection()), framework, CAL)
    assert (report.title, report.due) == ("Draft report", date(2026, 12, 25))
    assert deadlines_for(InspectionSummary(inspection=inspection()), evolve(FRAMEWORK, deadlines=()), CAL) == []


def test_a_concern_raised_during_fieldwork_needs_its_immediate_plan_the_next_working_day():
    raised = concern(date(2026, 12, 24))
    during = inspection(Stage.FIELDWORK, start=date(2026, 12, 21), end=date(2026, 12, 24))
    summary = InspectionSummary(inspection=during, concerns=(raised,))
    plans = by_rule(deadlines_for(summary, FRAMEWORK, CAL))["immediate_plan"]
    assert [(p.key, p.title, p.start, p.due, p.owner_ids, p.met_on) for p in plans] == [
        ("immediate_plan:c-1", "Immediate safeguarding plan", date(2026, 12, 24), date(2026, 12, 29), ("lead-1",), None),
    ]
    plan = ImmediatePlan(owner_id="dm-1", first_action="Visit today", made_on=date(2026, 12, 24), made_by="lead-1")
    made = evolve(raised, plan=plan)
    [plan] = by_rule(deadlines_for(evolve(summary, concerns=(made,)), FRAMEWORK, CAL))["immediate_plan"]
    assert plan.met_on == date(2026, 12, 24)
    assert status_of(plan, date(2026, 12, 29)).state is S.MET_ON_TIME


def test_one_immediate_plan_per_concern():
    concerns = tuple(concern(date(2026, 12, 15), id=f"c-{n}") for n in range(3))
    summary = InspectionSummary(inspection=inspection(Stage.FIELDWORK), concerns=concerns)
    assert sorted(d.key for d in deadlines_for(summary, FRAMEWORK, CAL) if d.rule_id == "immediate_plan") == [
        "immediate_plan:c-0",
        "immediate_plan:c-1",
        "immediate_plan:c-2",
    ]


def test_issuing_the_report_meets_its_deadline_and_starts_the_action_plan_deadline():
    events = [
        ("give_feedback", date(2026, 12, 18), Stage.FEEDBACK_GIVEN),
        ("issue_report", date(2027, 1, 4), Stage.REPORT_ISSUED),
    ]
    summary = InspectionSummary(inspection=inspection(Stage.REPORT_ISSUED, events=events))
    found = by_rule(deadlines_for(summary, FRAMEWORK, CAL, district_managers=["dm-1", "dm-2"]))
    [report] = found["report"]
    assert report.met_on == date(2027, 1, 4)
    assert status_of(report, date(2027, 1, 5)).describe() == "met 3 days late"
    [plan] = found["action_plan"]
    assert (plan.key, plan.start, plan.due, plan.met_on) == (
        "action_plan:insp-1",
        date(2027, 1, 4),
        date(2027, 1, 18),
        None,
    )
    assert plan.owner_ids == ("dm-1", "dm-2")
    assert status_of(plan, date(2027, 1, 16)).describe() == "due in 2 days"


def test_no_action_plan_deadline_before_the_report_is_issued():
    drafted = inspection(Stage.REPORT_DRAFTED, events=[("give_feedback", date(2026, 12, 18), Stage.FEEDBACK_GIVEN)])
    assert "action_plan" not in by_rule(deadlines_for(InspectionSummary(inspection=drafted), FRAMEWORK, CAL, ["dm-1"]))


def monitoring_events():
    return [
        ("issue_report", date(2026, 12, 30), Stage.REPORT_ISSUED),
        ("submit_action_plan", date(2027, 1, 12), Stage.ACTION_PLAN_SUBMITTED),
        ("approve_action_plan", date(2027, 1, 14), Stage.ACTION_PLAN_APPROVED),
    ]


def test_submitting_the_action_plan_meets_it_and_each_dated_action_gets_its_own_deadline():
    actions = (
        action("a-1", owner_id="dm-1", due=date(2027, 3, 1)),
        action("a-2", "Train team managers", owner_id="dm-2", due=date(2027, 2, 1), status=ActionStatus.DONE,
               done_on=date(2027, 2, 3)),
        action("a-3", "Review thresholds"),  # no due date yet
    )
    summary = InspectionSummary(inspection=inspection(Stage.MONITORING, events=monitoring_events()), actions=actions)
    found = by_rule(deadlines_for(summary, FRAMEWORK, CAL, ["dm-1"]))
    [plan] = found["action_plan"]
    assert plan.met_on == date(2027, 1, 12)
    assert status_of(plan, date(2027, 2, 1)).state is S.MET_ON_TIME
    audit, training = sorted(found["action"], key=lambda d: d.key)
    assert (audit.key, audit.title, audit.owner_ids, audit.start, audit.due, audit.met_on) == (
        "action:a-1", "Audit supervision records", ("dm-1",), date(2027, 1, 12), date(2027, 3, 1), None
    )
    assert status_of(audit, date(2027, 3, 4)).describe() == "overdue by 3 days"
    assert status_of(training, date(2027, 3, 4)).describe() == "met 2 days late"


def test_an_action_sent_back_after_being_done_is_open_again():
    sent_back = action("a-1", owner_id="dm-1", due=date(2027, 3, 1), status=ActionStatus.IN_PROGRESS,
                       done_on=date(2027, 2, 20), sent_back_reason="No evidence")
    summary = InspectionSummary(inspection=inspection(Stage.MONITORING, events=monitoring_events()), actions=(sent_back,))
    [d] = by_rule(deadlines_for(summary, FRAMEWORK, CAL))["action"]
    assert d.met_on is None


def test_a_closed_inspection_has_no_open_deadlines_but_keeps_its_record():
    actions = (
        action("a-1", owner_id="dm-1", due=date(2027, 3, 1), status=ActionStatus.VERIFIED, done_on=date(2027, 3, 5),
               verified_on=date(2027, 3, 9), verified_by="am-1"),
        action("a-2", "Left over", due=date(2027, 3, 1)),
    )
    events = monitoring_events() + [("close", date(2027, 4, 1), Stage.CLOSED)]
    summary = InspectionSummary(inspection=inspection(Stage.CLOSED, events=events), actions=actions)
    statuses = statuses_of(deadlines_for(summary, FRAMEWORK, CAL, ["dm-1"]), date(2027, 6, 1))
    assert open_deadlines(statuses) == []
    assert {s.deadline.key: s.describe() for s in statuses} == {
        "report:insp-1": "met on time",
        "action_plan:insp-1": "met on time",
        "action:a-1": "met 4 days late",
    }


# --- fieldwork dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, end, message",
    [
        (date(2026, 6, 8), date(2026, 6, 12), None),
        (date(2026, 6, 8), date(2026, 6, 10), None),
        (date(2026, 4, 2), date(2026, 4, 8), None),  # Thursday to Wednesday over Easter: 3 working days
        (date(2026, 6, 8), date(2026, 6, 16), "fieldwork lasts 7 working days; this framework allows 3 to 5"),
        (date(2026, 5, 22), date(2026, 5, 26), "fieldwork lasts 2 working days; this framework allows 3 to 5"),
        (date(2026, 6, 8), date(2026, 6, 8), "fieldwork lasts 1 working day; this framework allows 3 to 5"),
    ],
)
def test_fieldwork_must_last_three_to_five_working_days(start, end, message):
    problems = fieldwork_problems(inspection(start=start, end=end), FRAMEWORK, CAL)
    assert [(p.field, p.message) for p in problems] == ([] if message is None else [("fieldwork_end", message)])


def test_the_fieldwork_length_is_the_framework_s():
    framework = evolve(FRAMEWORK, fieldwork_days_min=5, fieldwork_days_max=5)
    [problem] = fieldwork_problems(inspection(start=date(2026, 6, 8), end=date(2026, 6, 10)), framework, CAL)
    assert problem.message == "fieldwork lasts 3 working days; this framework allows 5"


def test_notice_is_given_before_fieldwork_starts():
    planned = inspection(start=date(2026, 6, 8), end=date(2026, 6, 12))
    assert fieldwork_problems(evolve(planned, notice_date=date(2026, 6, 1)), FRAMEWORK, CAL) == []
    assert fieldwork_problems(evolve(planned, notice_date=date(2026, 6, 8)), FRAMEWORK, CAL) == []
    [problem] = fieldwork_problems(evolve(planned, notice_date=date(2026, 6, 9)), FRAMEWORK, CAL)
    assert problem.field == "notice_date"
    assert problem.message == "the notice date Tuesday 9 June 2026 is after fieldwork starts on Monday 8 June 2026"


# --- properties ---------------------------------------------------------------------------

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))
units = st.sampled_from(list(DurationUnit))


@st.composite
def summaries(draw):
    start = draw(days)
    end = start + timedelta(days=draw(st.integers(0, 9)))
    issued = draw(st.none() | st.integers(0, 40).map(lambda n: end + timedelta(days=n)))
    events = [] if issued is None else [("issue_report", issued, Stage.REPORT_ISSUED)]
    if issued is not None and draw(st.booleans()):
        submitted = issued + timedelta(days=draw(st.integers(0, 40)))
        events.append(("submit_action_plan", submitted, Stage.ACTION_PLAN_SUBMITTED))
    concerns = tuple(concern(d, id=f"c-{n}") for n, d in enumerate(draw(st.lists(days, max_size=3))))
    actions = tuple(action(f"a-{n}", due=d) for n, d in enumerate(draw(st.lists(st.none() | days, max_size=3))))
    return InspectionSummary(inspection=inspection(events=events, start=start, end=end), concerns=concerns, actions=actions)


@settings(max_examples=150, deadline=None)
@given(summary=summaries(), amounts=st.tuples(*[st.integers(0, 30)] * 3), unit_choices=st.tuples(units, units, units))
def test_a_deadline_is_never_before_its_start(summary, amounts, unit_choices):
    rules = tuple(evolve(r, amount=a, unit=u) for r, a, u in zip(FRAMEWORK.deadlines, amounts, unit_choices))
    framework = evolve(FRAMEWORK, deadlines=rules)
    found = deadlines_for(summary, framework, CAL, ["dm-1"])
    assert all(d.start <= d.due for d in found)
    assert len({d.key for d in found}) == len(found)
    for d in found:
        rule = framework.deadline(d.rule_id)
        if rule is not None and rule.unit is DurationUnit.WORKING_DAYS and rule.amount > 0:
            assert CAL.is_working_day(d.due)


ORDER = {S.UPCOMING: 0, S.DUE_SOON: 1, S.DUE_TODAY: 2, S.OVERDUE: 3, S.MET_ON_TIME: 4, S.MET_LATE: 4}


@settings(max_examples=150, deadline=None)
@given(
    due=days,
    met_after_due=st.none() | st.integers(-20, 20),
    window=st.integers(0, 10),
)
def test_as_the_days_pass_a_deadline_only_moves_forward(due, met_after_due, window):
    met_on = None if met_after_due is None else due + timedelta(days=met_after_due)
    d = deadline(due=due, met_on=met_on, start=due - timedelta(days=30))
    previous = None
    for offset in range(-25, 25):
        status = status_of(d, due + timedelta(days=offset), due_soon_days=window)
        if previous is not None:
            assert ORDER[status.state] >= ORDER[previous.state]
            if previous.state.is_met:
                assert (status.state, status.days) == (previous.state, previous.days)
            if status.state is S.MET_ON_TIME:
                assert previous.state is not S.OVERDUE
        assert status.days >= 0
        previous = status

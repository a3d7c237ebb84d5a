"""The pure rules of changing plans: short notice in working days, double bookings, edit windows, cancellation."""

from __future__ import annotations

from datetime import date

import pytest
from attrs import evolve

from peerinspect.domain.authority import Area, District, Person
from peerinspect.domain.calendar import default_calendar
from peerinspect.domain.deadlines import fieldwork_problems
from peerinspect.domain.dossier import Dossier
from peerinspect.domain.errors import InvalidInput, Refused
from peerinspect.domain.framework import Framework
from peerinspect.domain.inspection import Inspection, Stage, StageChange, TeamMember
from peerinspect.domain.lifecycle import blockers, next_events
from peerinspect.domain.notice import notice_problem
from peerinspect.domain.permissions import AUTHORITY_ACTS, OWN_ACTS, READ_ACTS, Act, decide
from peerinspect.domain.replanning import adds_team_members_only, cancel, double_booking, overlaps
from peerinspect.domain.vocabulary import Role, TeamRole

FRAMEWORK = Framework(id="f", title="F", notice_working_days_max=10)
NORTH = Area(name="North")
DISTRICT = District(name="Basingstoke", area_id=NORTH.id)
LEAD = Person(name="Lee Lead", role=Role.AREA_DIRECTOR)
PLANNED = Inspection(district_id=DISTRICT.id, framework_id="f", lead_id=LEAD.id,
                     fieldwork_start=date(2026, 6, 8), fieldwork_end=date(2026, 6, 11), title="June")

TODAY = date(2026, 6, 5)  # the day each cancellation below is recorded on


# (notice date, fieldwork start, working days of notice) — weekends and bank holidays are not counted
NOTICE = [
    (date(2026, 6, 5), date(2026, 6, 8), 1),  # Friday for Monday
    (date(2026, 5, 26), date(2026, 6, 8), 9),
    (date(2026, 5, 22), date(2026, 6, 8), 10),  # 25 May is the spring bank holiday: still within ten
    (date(2026, 5, 21), date(2026, 6, 8), 11),
    (date(2026, 1, 12), date(2026, 6, 8), 101),  # four months is not short notice
    (date(2026, 12, 18), date(2027, 1, 4), 8),  # Christmas, Boxing Day (observed) and New Year's Day not counted
    (date(2026, 12, 16), date(2027, 1, 4), 10),
    (date(2026, 12, 15), date(2027, 1, 4), 11),
    (date(2026, 6, 8), date(2026, 6, 8), 0),  # on the day itself
]


@pytest.mark.parametrize("notice, start, days", NOTICE)
def test_notice_is_at_most_the_frameworks_working_days_before_fieldwork(notice, start, days):
    problem = notice_problem(notice, start, FRAMEWORK, default_calendar())
    if days <= 10:
        assert problem is None
    else:
        assert problem == (f"notice on {notice} is {days} working days before fieldwork starts on {start}; "
                           "this framework gives at most 10 working days' notice")


def test_the_notice_period_comes_from_the_framework():
    strict = evolve(FRAMEWORK, notice_working_days_max=2)
    assert notice_problem(date(2026, 6, 3), date(2026, 6, 8), strict, default_calendar()) is not None
    assert notice_problem(date(2026, 6, 4), date(2026, 6, 8), strict, default_calendar()) is None


def test_a_plan_with_long_notice_is_refused_on_the_notice_date():
    problems = fieldwork_problems(evolve(PLANNED, notice_date=date(2026, 2, 2)), FRAMEWORK, default_calendar())
    assert [p.field for p in problems] == ["notice_date"]


def test_notifying_the_district_months_ahead_is_refused():
    dossier = Dossier(inspection=PLANNED)
    assert blockers(dossier, FRAMEWORK, "notify", date(2026, 5, 22)) == []
    (problem,) = blockers(dossier, FRAMEWORK, "notify", date(2026, 2, 2))
    assert problem.startswith("Notice cannot be given on 2026-02-02: notice on 2026-02-02 is 86 working days")


def _other(start: date, end: date, **changes) -> Inspection:
    return evolve(Inspection(district_id=DISTRICT.id, framework_id="f", lead_id=LEAD.id, fieldwork_start=start,
                             fieldwork_end=end, title="Other"), **changes)


# (other inspection's fieldwork, clashes)
OVERLAPS = [
    (_other(date(2026, 6, 8), date(2026, 6, 11)), True),  # same dates
    (_other(date(2026, 6, 11), date(2026, 6, 15)), True),  # shares the last day
    (_other(date(2026, 6, 1), date(2026, 6, 8)), True),  # shares the first day
    (_other(date(2026, 6, 1), date(2026, 6, 5)), False),  # the week before
    (_other(date(2026, 6, 12), date(2026, 6, 16)), False),  # starts the day after
    (_other(date(2026, 6, 8), date(2026, 6, 11), district_id="elsewhere"), False),
    (_other(date(2026, 6, 8), date(2026, 6, 11), cancelled=None, stage=Stage.CLOSED), True),
]


@pytest.mark.parametrize("other, clashes", OVERLAPS)
def test_a_district_is_inspected_once_at_a_time(other, clashes):
    found = double_booking(PLANNED, [other])
    assert (found is not None) == clashes
    if clashes:
        assert found.field == "fieldwork_start" and str(other.fieldwork_start) in found.message


def test_a_cancelled_inspection_frees_its_dates_and_an_inspection_never_clashes_with_itself():
    called_off = cancel(_other(date(2026, 6, 8), date(2026, 6, 11)), on=date(2026, 6, 1), by=LEAD.id, reason="Snow", today=TODAY)
    assert double_booking(PLANNED, [called_off, PLANNED]) is None
    assert overlaps(PLANNED, PLANNED)


def test_only_people_joining_count_as_team_additions():
    joined = evolve(PLANNED, team=(TeamMember(person_id="p", role=TeamRole.INSPECTOR),))
    assert adds_team_members_only(PLANNED, joined)
    assert not adds_team_members_only(joined, PLANNED)
    assert not adds_team_members_only(PLANNED, evolve(joined, fieldwork_end=date(2026, 6, 12)))


@pytest.mark.parametrize("stage", list(Stage))
def test_the_plan_changes_until_fieldwork_and_the_team_grows_until_the_report(stage):
    inspection = evolve(PLANNED, stage=stage)
    change, add = decide(LEAD, Act.CHANGE_PLAN, inspection, DISTRICT), decide(LEAD, Act.ADD_TO_TEAM, inspection, DISTRICT)
    assert (change is None) == (stage.order < Stage.FIELDWORK.order), change
    assert (add is None) == (stage.order < Stage.REPORT_ISSUED.order), add


def test_a_cancelled_inspection_is_read_only_whatever_the_act():
    cancelled = cancel(PLANNED, on=date(2026, 6, 1), by=LEAD.id, reason="The district merges", today=TODAY)
    for act in Act:
        reason = decide(LEAD, act, cancelled, DISTRICT, event="notify")
        if act in READ_ACTS or act in AUTHORITY_ACTS or act in OWN_ACTS:  # not about an inspection
            continue
        if reason is not None and "cancelled" in reason:
            assert reason == "This inspection was cancelled on 2026-06-01 (The district merges): it can be read, not changed"
        else:
            assert reason is not None, act  # refused for who, before when
    assert decide(LEAD, Act.READ_INSPECTION, cancelled, DISTRICT) is None
    assert next_events(Dossier(inspection=cancelled), FRAMEWORK) == []


@pytest.mark.parametrize("reason, on, error", [
    ("", date(2026, 6, 1), InvalidInput),
    ("   ", date(2026, 6, 1), InvalidInput),
])
def test_a_cancellation_says_why(reason, on, error):
    with pytest.raises(error, match="say why"):
        cancel(PLANNED, on=on, by=LEAD.id, reason=reason, today=TODAY)


def test_a_cancellation_is_recorded_once_after_the_last_step_and_keeps_the_stage():
    notified = evolve(PLANNED, stage=Stage.NOTIFIED)
    notified = evolve(notified, history=(StageChange(event="notify", on=date(2026, 6, 1), by=LEAD.id, stage=Stage.NOTIFIED),))
    with pytest.raises(InvalidInput, match="before the inspection's last step"):
        cancel(notified, on=date(2026, 5, 30), by=LEAD.id, reason="Snow", today=TODAY)
    done = cancel(notified, on=date(2026, 6, 2), by=LEAD.id, reason="Snow", today=TODAY)
    assert done.stage is Stage.NOTIFIED and done.status_label == "cancelled" and done.history[-1].event == "cancel"
    with pytest.raises(Refused, match="already cancelled"):
        cancel(done, on=date(2026, 6, 3), by=LEAD.id, reason="Again", today=TODAY)


def test_a_cancellation_is_never_dated_after_today():
    with pytest.raises(InvalidInput, match="after today"):
        cancel(PLANNED, on=date(2026, 6, 6), by=LEAD.id, reason="Snow", today=TODAY)

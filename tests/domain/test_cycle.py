from datetime import date, timedelta

import pytest
from attrs import evolve
from hypothesis import given, settings as hypothesis_settings, strategies as st

from peerinspect.domain.authority import District
from peerinspect.domain.calendar import default_calendar
from peerinspect.domain.cycle import MIN_GAP, current_cycle, plan_cycle
from peerinspect.domain.inspection import Inspection, Stage
from peerinspect.domain.settings import Settings
from peerinspect.domain.vocabulary import InspectionKind

SETTINGS = Settings(cycle_start=date(2025, 4, 1), cycle_years=3, inspections_per_cycle=2)
CYCLE_START, CYCLE_END = date(2025, 4, 1), date(2028, 4, 1)
MIDDLE = date(2026, 10, 1)
NORTH = District(id="north", name="North", area_id="a")
SOUTH = District(id="south", name="south Downs", area_id="a")
EAST = District(id="east", name="East", area_id="a")


def visit(start: date, district=NORTH, kind=InspectionKind.FULL, stage=Stage.PLANNED) -> Inspection:
    return Inspection(
        district_id=district.id,
        framework_id="hampshire",
        lead_id="lead-1",
        fieldwork_start=start,
        fieldwork_end=start + timedelta(days=4),
        kind=kind,
        stage=stage,
    )


def coverage_of(district, inspections, today, settings=SETTINGS):
    [found] = [c for c in plan_cycle([district], inspections, settings, today) if c.district == district]
    return found


def assert_good_suggestions(coverage, today):
    for day in coverage.suggested_dates:
        assert day.weekday() == 0
        assert today <= day and day + timedelta(days=4) < coverage.cycle_end
        assert all(default_calendar().is_working_day(day + timedelta(days=i)) for i in range(5))


# --- the cycle ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2025, 4, 1), (date(2025, 4, 1), date(2028, 4, 1))),
        (date(2026, 12, 25), (date(2025, 4, 1), date(2028, 4, 1))),
        (date(2028, 3, 31), (date(2025, 4, 1), date(2028, 4, 1))),
        # after three years the next cycle begins
        (date(2028, 4, 1), (date(2028, 4, 1), date(2031, 4, 1))),
        (date(2034, 5, 1), (date(2034, 4, 1), date(2037, 4, 1))),
        # before the configured start, the cycles run backwards in the same rhythm
        (date(2025, 3, 31), (date(2022, 4, 1), date(2025, 4, 1))),
    ],
)
def test_the_current_cycle_holds_today_start_included_end_excluded(today, expected):
    assert current_cycle(SETTINGS, today) == expected


def test_a_cycle_starting_on_29_february_keeps_its_rhythm():
    leap = evolve(SETTINGS, cycle_start=date(2024, 2, 29))
    assert current_cycle(leap, date(2027, 2, 28)) == (date(2027, 2, 28), date(2030, 2, 28))
    assert current_cycle(leap, date(2027, 2, 27)) == (date(2024, 2, 29), date(2027, 2, 28))


# --- coverage -----------------------------------------------------------------------------


def test_a_district_with_no_inspections_gets_one_suggestion_in_each_half_of_the_cycle():
    today = date(2025, 4, 1)
    coverage = coverage_of(NORTH, [], today)
    assert (coverage.held, coverage.planned, coverage.short_by, coverage.is_covered) == ((), (), 2, False)
    first, second = coverage.suggested_dates
    assert CYCLE_START <= first < MIDDLE <= second < CYCLE_END
    # near the middle of each half: end of December 2025 and early July 2027
    assert abs((first - date(2025, 12, 31)).days) <= 14
    assert abs((second - date(2027, 7, 2)).days) <= 14
    assert second - first >= MIN_GAP
    assert_good_suggestions(coverage, today)


def test_suggestions_avoid_weeks_with_a_bank_holiday():
    coverage = coverage_of(NORTH, [], date(2025, 4, 1))
    # 29 December 2025 is the Monday nearest the middle of the first half, but 1 January falls in that week
    assert coverage.suggested_dates[0] == date(2026, 1, 5)


def test_a_district_with_one_inspection_held_gets_one_suggestion_in_the_other_half():
    held = visit(date(2025, 6, 2), stage=Stage.CLOSED)
    today = date(2026, 1, 7)
    coverage = coverage_of(NORTH, [held], today)
    assert coverage.held == (held,)
    assert (coverage.planned, coverage.short_by) == ((), 1)
    [suggested] = coverage.suggested_dates
    assert MIDDLE <= suggested < CYCLE_END
    assert_good_suggestions(coverage, today)


def test_a_district_with_two_inspections_is_covered():
    inspections = [visit(date(2025, 6, 2), stage=Stage.CLOSED), visit(date(2027, 5, 10))]
    coverage = coverage_of(NORTH, inspections, date(2026, 1, 7))
    assert [i.fieldwork_start for i in coverage.held] == [date(2025, 6, 2)]
    assert [i.fieldwork_start for i in coverage.planned] == [date(2027, 5, 10)]
    assert (coverage.short_by, coverage.suggested_dates, coverage.is_covered) == (0, (), True)


def test_an_inspection_counts_as_held_once_its_fieldwork_is_over_or_it_has_moved_past_fieldwork():
    week = visit(date(2026, 6, 8))  # fieldwork 8 to 12 June
    assert coverage_of(NORTH, [week], date(2026, 6, 12)).planned == (week,)
    assert coverage_of(NORTH, [week], date(2026, 6, 13)).held == (week,)
    gave_feedback = evolve(week, stage=Stage.FEEDBACK_GIVEN)
    assert coverage_of(NORTH, [gave_feedback], date(2026, 6, 12)).held == (gave_feedback,)


def test_themed_inspections_are_listed_but_do_not_count():
    inspections = [visit(date(2025, 6, 2), stage=Stage.CLOSED), visit(date(2026, 3, 2), kind=InspectionKind.THEMED)]
    coverage = coverage_of(NORTH, inspections, date(2026, 1, 7))
    assert [i.kind for i in coverage.themed] == [InspectionKind.THEMED]
    assert len(coverage.held) + len(coverage.planned) == 1
    assert coverage.short_by == 1
    assert len(coverage.suggested_dates) == 1


def test_a_suggestion_keeps_six_months_from_the_district_s_last_inspection():
    last = visit(date(2027, 3, 1), stage=Stage.MONITORING)
    coverage = coverage_of(NORTH, [last], date(2027, 6, 1))
    # 30 August 2027 is six months on, but it is the late summer bank holiday: the week after
    assert coverage.suggested_dates == (date(2027, 9, 6),)


def test_when_no_room_is_left_the_earliest_mondays_are_suggested_and_still_count():
    today = date(2028, 1, 3)  # the New Year's Day substitute holiday, three months before the cycle ends
    coverage = coverage_of(NORTH, [], today)
    assert coverage.short_by == 2
    assert coverage.suggested_dates == (date(2028, 1, 10), date(2028, 1, 17))


def test_in_the_last_days_of_a_cycle_there_is_no_week_left_to_suggest():
    coverage = coverage_of(NORTH, [], date(2028, 3, 29))
    assert (coverage.short_by, coverage.suggested_dates) == (2, ())


def test_the_cycle_rolls_over_and_old_inspections_no_longer_count():
    inspections = [visit(date(2025, 6, 2), stage=Stage.CLOSED), visit(date(2027, 5, 10), stage=Stage.CLOSED)]
    assert coverage_of(NORTH, inspections, date(2028, 3, 31)).short_by == 0
    after = coverage_of(NORTH, inspections, date(2028, 4, 3))
    assert (after.cycle_start, after.cycle_end) == (date(2028, 4, 1), date(2031, 4, 1))
    assert (after.held, after.planned, after.short_by) == ((), (), 2)
    # the last inspection of the old cycle still keeps the next one away for six months
    assert all(day - date(2027, 5, 10) >= MIN_GAP for day in after.suggested_dates)
    assert_good_suggestions(after, date(2028, 4, 3))


def test_the_number_of_inspections_per_cycle_is_a_setting():
    three = evolve(SETTINGS, inspections_per_cycle=3)
    coverage = coverage_of(NORTH, [], date(2025, 4, 1), settings=three)
    assert coverage.short_by == 3
    first, second, third = coverage.suggested_dates
    assert first < date(2026, 4, 1) <= second < date(2027, 4, 1) <= third


def test_every_district_is_listed_by_name_with_only_its_own_inspections():
    inspections = [visit(date(2025, 6, 2), district=EAST), visit(date(2026, 6, 1), district=EAST), visit(date(2025, 9, 1))]
    plan = plan_cycle([SOUTH, NORTH, EAST], inspections, SETTINGS, date(2025, 4, 1))
    assert [(c.district.name, c.short_by) for c in plan] == [("East", 0), ("North", 1), ("south Downs", 2)]


@hypothesis_settings(max_examples=100, deadline=None)
@given(
    today=st.dates(min_value=date(2025, 4, 1), max_value=date(2028, 1, 31)),
    starts=st.lists(st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 3, 1)), max_size=3),
)
def test_suggestions_are_mondays_inside_the_cycle_and_never_before_today(today, starts):
    coverage = coverage_of(NORTH, [visit(s) for s in starts], today)
    assert len(coverage.suggested_dates) == coverage.short_by
    assert len(set(coverage.suggested_dates)) == len(coverage.suggested_dates)
    assert_good_suggestions(coverage, today)

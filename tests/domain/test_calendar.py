from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest
from hypothesis import given, settings, strategies as st

from peerinspect.domain import bank_holidays
from peerinspect.domain.calendar import WorkingCalendar, default_calendar, england_and_wales_table
from peerinspect.domain.vocabulary import DurationUnit

CAL = default_calendar()
WORKING = DurationUnit.WORKING_DAYS
CALENDAR = DurationUnit.CALENDAR_DAYS


def test_the_holidays_package_gives_the_england_and_wales_bank_holidays_the_table_below_relies_on():
    found = holidays.country_holidays("GB", subdiv="ENG", years=[2026, 2027])
    assert date(2026, 12, 25) in found  # Christmas Day, a Friday
    assert date(2026, 12, 28) in found  # Boxing Day falls on Saturday: substitute Monday
    assert date(2027, 1, 1) in found
    assert date(2026, 4, 6) in found  # Easter Monday
    assert date(2026, 5, 25) in found  # spring bank holiday
    assert set(found) == set(holidays.country_holidays("GB", subdiv="WLS", years=[2026, 2027]))


@pytest.mark.parametrize(
    "day, working",
    [
        (date(2026, 12, 24), True),
        (date(2026, 12, 25), False),  # Christmas Day
        (date(2026, 12, 28), False),  # Boxing Day (substitute)
        (date(2026, 12, 29), True),
        (date(2027, 1, 1), False),  # New Year's Day
        (date(2026, 4, 3), False),  # Good Friday
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 5, 23), False),  # Saturday
        (date(2026, 5, 24), False),  # Sunday
        (date(2026, 5, 26), True),
        (date(2022, 9, 19), False),  # one-off: state funeral
    ],
)
def test_which_days_are_working_days(day, working):
    assert CAL.is_working_day(day) is working


@pytest.mark.parametrize(
    "start, amount, unit, expected",
    [
        # A concern raised on Christmas Eve: Christmas Friday, the weekend and the Boxing Day substitute are skipped.
        (date(2026, 12, 24), 1, WORKING, date(2026, 12, 29)),
        # Friday before the spring bank holiday Monday: the next working day is the Tuesday.
        (date(2026, 5, 22), 1, WORKING, date(2026, 5, 26)),
        # An ordinary Friday: the Monday.
        (date(2026, 6, 5), 1, WORKING, date(2026, 6, 8)),
        # Thursday before Easter: Good Friday, the weekend and Easter Monday are skipped.
        (date(2026, 4, 2), 1, WORKING, date(2026, 4, 7)),
        (date(2026, 4, 2), 2, WORKING, date(2026, 4, 8)),
        # Across Christmas and New Year: 29, 30, 31 Dec, then 4 and 5 Jan (1 Jan is a holiday).
        (date(2026, 12, 24), 5, WORKING, date(2027, 1, 5)),
        # Ten working days (two weeks) from a Friday in an ordinary fortnight.
        (date(2026, 6, 5), 10, WORKING, date(2026, 6, 19)),
        # Calendar days ignore holidays entirely, even landing on one.
        (date(2026, 12, 11), 14, CALENDAR, date(2026, 12, 25)),
        (date(2026, 12, 24), 1, CALENDAR, date(2026, 12, 25)),
        (date(2026, 6, 5), 0, WORKING, date(2026, 6, 5)),
        (date(2026, 12, 29), -1, WORKING, date(2026, 12, 24)),
    ],
)
def test_add(start, amount, unit, expected):
    assert CAL.add(start, amount, unit) == expected


def test_add_accepts_the_unit_as_stored_text():
    assert CAL.add(date(2026, 5, 22), 1, "working_days") == date(2026, 5, 26)


def test_far_years_skip_bank_holidays_too():
    calendar = WorkingCalendar.england_and_wales()
    assert not calendar.is_working_day(date(2051, 12, 25))
    assert not calendar.is_working_day(date(2019, 12, 26))
    assert calendar.add(date(2030, 12, 24), 1, WORKING) == date(2030, 12, 27)
    assert calendar.working_days_between(date(2031, 12, 22), date(2031, 12, 31)) == 6


@pytest.mark.parametrize("year", range(bank_holidays.FIRST_YEAR - 2, bank_holidays.LAST_YEAR + 3))
def test_the_calendar_holds_exactly_the_bank_holidays_the_holidays_package_gives(year):
    """The years kept in bank_holidays.py, and the years on either side that come from the package itself."""
    days = [date.fromordinal(n) for n in range(date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal())]
    package = holidays.country_holidays("GB", subdiv="ENG", years=year)
    assert {d for d in days if CAL.is_bank_holiday(d)} == set(package)
    assert {d: CAL.bank_holiday_name(d) for d in package} == dict(package.items())


def test_the_kept_table_is_what_making_it_again_gives():
    """If this fails, the holidays package changed a date: python -m peerinspect.domain.calendar > peerinspect/domain/bank_holidays.py"""
    written = Path(bank_holidays.__file__).read_text(encoding="utf-8")
    assert written == england_and_wales_table(bank_holidays.FIRST_YEAR, bank_holidays.LAST_YEAR)


@pytest.mark.parametrize(
    "first, last, expected",
    [
        (date(2026, 6, 8), date(2026, 6, 12), 5),  # Monday to Friday
        (date(2026, 6, 8), date(2026, 6, 8), 1),
        (date(2026, 6, 10), date(2026, 6, 16), 5),  # Wednesday to Tuesday, over a weekend
        (date(2026, 5, 22), date(2026, 5, 27), 3),  # Friday, bank holiday Monday, Tuesday, Wednesday
        (date(2026, 12, 21), date(2027, 1, 8), 12),  # three weeks less 25 Dec, 28 Dec, 1 Jan
        (date(2026, 6, 13), date(2026, 6, 14), 0),  # a weekend
        (date(2026, 6, 12), date(2026, 6, 8), 0),  # wrong way round
    ],
)
def test_working_days_between_counts_both_ends(first, last, expected):
    assert CAL.working_days_between(first, last) == expected


def test_bank_holiday_names_are_available_for_display():
    assert CAL.bank_holiday_name(date(2026, 12, 28)) == "Boxing Day (observed)"
    assert CAL.bank_holiday_name(date(2026, 12, 29)) is None


days = st.dates(min_value=date(2018, 1, 1), max_value=date(2045, 12, 31))


@settings(max_examples=200, deadline=None)
@given(start=days, amount=st.integers(min_value=1, max_value=40))
def test_working_days_never_land_on_a_weekend_or_bank_holiday(start, amount):
    due = CAL.add(start, amount, WORKING)
    assert due > start
    assert due.weekday() < 5
    assert due not in holidays.country_holidays("GB", subdiv="ENG", years=due.year)
    # exactly `amount` working days after the start, the due date being the last of them
    assert CAL.working_days_between(start + timedelta(days=1), due) == amount


@settings(max_examples=200, deadline=None)
@given(first=days, length=st.integers(min_value=0, max_value=60))
def test_working_days_between_agrees_with_counting_day_by_day(first, length):
    last = first + timedelta(days=length)
    by_hand = sum(1 for i in range(length + 1) if CAL.is_working_day(first + timedelta(days=i)))
    assert CAL.working_days_between(first, last) == by_hand

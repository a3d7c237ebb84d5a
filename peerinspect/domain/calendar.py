"""Working days: weekends and England and Wales bank holidays are not working days.

Deadlines in the framework can be counted in working days ("within 5 working days"), and
fieldwork lasts three to five working days; both are counted here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

import holidays
from attrs import field, frozen

from .limits import shifted
from .vocabulary import DurationUnit

# England and Wales share their bank holidays; Scotland and Northern Ireland do not.
_COUNTRY = "GB"
_REGION = "ENG"

_SATURDAY = 5


@cache
def _bank_holidays_of(country: str, region: str, year: int) -> dict[date, str]:
    """Every bank holiday of one year, substitute days included. Cached: the package is slow to build."""
    return dict(holidays.country_holidays(country, subdiv=region, years=year).items())


@frozen(kw_only=True)
class WorkingCalendar:
    """Which days are working days, for one region of one country.

    The bank holidays of `first_year`..`last_year` are held in a set built once; a date outside
    those years is looked up on demand, so no year is ever treated as free of bank holidays.
    """

    country: str = _COUNTRY
    region: str = _REGION
    first_year: int
    last_year: int
    bank_holidays: frozenset[date] = field(repr=False)

    @classmethod
    def england_and_wales(cls, years: Iterable[int] = range(2020, 2041)) -> "WorkingCalendar":
        years = sorted(set(years))
        if not years:
            raise ValueError("a working calendar needs at least one year")
        dates = frozenset(d for year in years for d in _bank_holidays_of(_COUNTRY, _REGION, year))
        return cls(first_year=years[0], last_year=years[-1], bank_holidays=dates)

    def is_bank_holiday(self, day: date) -> bool:
        if self.first_year <= day.year <= self.last_year:
            return day in self.bank_holidays
        return day in _bank_holidays_of(self.country, self.region, day.year)

    def bank_holiday_name(self, day: date) -> str | None:
        """The holiday's name as people know it ("Boxing Day (observed)"), or None on other days."""
        return _bank_holidays_of(self.country, self.region, day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < _SATURDAY and not self.is_bank_holiday(day)

    def next_working_day(self, day: date) -> date:
        """The first working day on or after `day`."""
        while not self.is_working_day(day) and day < date.max:
            day = shifted(day, 1)
        return day

    def add(self, start: date, amount: int, unit: DurationUnit) -> date:
        """The date `amount` days after `start`.

        Calendar days: start + amount. Working days: the amount-th working day after start, so
        1 working day after a Friday is the Monday, or the Tuesday when that Monday is a bank
        holiday. A negative amount counts back; zero is the start itself.
        """
        if unit == DurationUnit.CALENDAR_DAYS:
            return shifted(start, amount)
        if unit == DurationUnit.WORKING_DAYS:
            return self.add_working_days(start, amount)
        raise ValueError(f"unknown duration unit {unit!r}")

    def add_working_days(self, start: date, amount: int) -> date:
        step = 1 if amount >= 0 else -1
        end_of_calendar = date.max if step > 0 else date.min
        day = start
        remaining = abs(amount)
        while remaining and day != end_of_calendar:
            day = shifted(day, step)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, first: date, last: date) -> int:
        """How many working days from `first` to `last`, both included; 0 if last is before first."""
        days = (last - first).days + 1
        if days <= 0:
            return 0
        # Whole weeks hold five weekdays each; only the remainder needs looking at one by one.
        weeks, extra = divmod(days, 7)
        tail = (first + timedelta(days=weeks * 7 + i) for i in range(extra))
        weekdays = weeks * 5 + sum(1 for day in tail if day.weekday() < _SATURDAY)
        holidays_on_weekdays = sum(
            1
            for year in range(first.year, last.year + 1)
            for d in _bank_holidays_of(self.country, self.region, year)
            if first <= d <= last and d.weekday() < _SATURDAY
        )
        return weekdays - holidays_on_weekdays


@cache
def default_calendar() -> WorkingCalendar:
    """England and Wales, 2020–2040 held in memory; built on first use, then shared."""
    return WorkingCalendar.england_and_wales()

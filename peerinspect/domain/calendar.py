"""Working days: weekends and England and Wales bank holidays are not working days.

Deadlines in the framework can be counted in working days ("within 5 working days"), and
fieldwork lasts three to five working days; both are counted here and nowhere else.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date, timedelta
from functools import cache
from importlib.machinery import PathFinder

from attrs import frozen

from . import bank_holidays
from .limits import shifted
from .vocabulary import DurationUnit

# England and Wales share their bank holidays; Scotland and Northern Ireland do not.
_COUNTRY = "GB"
_REGION = "ENG"
_UNITED_KINGDOM = "holidays.countries.united_kingdom"

_SATURDAY = 5


@cache
def _bank_holidays_of(country: str, region: str, year: int) -> dict[date, str]:
    """Every bank holiday of one year, substitute days included; worked out when a year is first asked about."""
    if (country, region) == (_COUNTRY, _REGION) and bank_holidays.FIRST_YEAR <= year <= bank_holidays.LAST_YEAR:
        return _england_and_wales_by_year()[year]
    return _from_the_holidays_package(country, region, year)


def _from_the_holidays_package(country: str, region: str, year: int) -> dict[date, str]:
    if country == _COUNTRY:
        found = _united_kingdom_holidays()(subdiv=region, years=year)
    else:
        import holidays

        found = holidays.country_holidays(country, subdiv=region, years=year)
    return dict(found.items())


@cache
def _england_and_wales_by_year() -> dict[int, dict[date, str]]:
    years: dict[int, dict[date, str]] = {
        year: {} for year in range(bank_holidays.FIRST_YEAR, bank_holidays.LAST_YEAR + 1)
    }
    for day, name in bank_holidays.ENGLAND_AND_WALES.items():
        found = date.fromisoformat(day)
        years[found.year][found] = name
    return years


def england_and_wales_table(first_year: int, last_year: int) -> str:
    """The text of bank_holidays.py: the holidays package's England and Wales bank holidays of those years."""
    days = {
        day: name
        for year in range(first_year, last_year + 1)
        for day, name in sorted(_from_the_holidays_package(_COUNTRY, _REGION, year).items())
    }
    lines = "".join(f"    {json.dumps(day.isoformat())}: {json.dumps(name, ensure_ascii=False)},\n" for day, name in days.items())
    return (
        f'''"""England and Wales bank holidays, {first_year} to {last_year}, exactly as the holidays package gives them.

Importing that package is among the slowest parts of a command's start-up (its own version lookup
reads package metadata, and it loads other countries' lunar calendars), so the years that deadlines
fall in are kept here. Made by `python -m peerinspect.domain.calendar`; the tests check
every year against the package, so a package that changes a date fails them until this is made again.
Years outside these still come from the package.
"""

FIRST_YEAR = {first_year}
LAST_YEAR = {last_year}
ENGLAND_AND_WALES: dict[str, str] = {{
{lines}}}
'''
    )


@cache
def _united_kingdom_holidays() -> type:
    """The holidays package's United Kingdom, loaded on its own.

    Importing it by name, or asking `holidays.country_holidays`, first runs the package's
    `countries` module, which imports all of its 250-odd countries: a tenth of a second's work.
    Its one file is loaded instead, under its own name, so
    a later import of the package's countries finds it already loaded; if the package is laid out
    otherwise, the ordinary import gives the same dates.
    """
    if _UNITED_KINGDOM not in sys.modules:
        # Finding the countries' package imports the holidays package itself, which the country's file needs,
        # and does not run the countries' package.
        countries = importlib.util.find_spec("holidays.countries")
        folders = countries.submodule_search_locations if countries else None
        spec = PathFinder.find_spec(_UNITED_KINGDOM, folders) if folders else None
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            sys.modules[_UNITED_KINGDOM] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                del sys.modules[_UNITED_KINGDOM]
                raise
    from holidays.countries.united_kingdom import UnitedKingdom

    return UnitedKingdom


@frozen(kw_only=True)
class WorkingCalendar:
    """Which days are working days, for one region of one country.

    A year's bank holidays are worked out the first time a day of that year is asked about, and
    kept: a command that only counts calendar days never loads the holidays package at all.
    """

    country: str = _COUNTRY
    region: str = _REGION

    @classmethod
    def england_and_wales(cls) -> "WorkingCalendar":
        return cls(country=_COUNTRY, region=_REGION)

    def is_bank_holiday(self, day: date) -> bool:
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
    """England and Wales, shared by every rule."""
    return WorkingCalendar.england_and_wales()


if __name__ == "__main__":  # python -m peerinspect.domain.calendar > peerinspect/domain/bank_holidays.py
    print(england_and_wales_table(2000, 2050), end="")

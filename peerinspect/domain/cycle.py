"""The inspection cycle: every district is inspected a set number of times (two) in each cycle (three years).

Cycles follow one another from `Settings.cycle_start`; the current cycle is the one holding
today. Only full inspections count toward a district's two: a themed inspection follows up
one finding and does not replace a full look at the district's practice, so themed ones are
listed beside a district's coverage but never make up for a missing full inspection.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Protocol

from attrs import frozen

from .authority import District
from .calendar import WorkingCalendar, default_calendar
from .errors import InvalidInput, Problem
from .inspection import Stage
from .settings import Settings
from .vocabulary import InspectionKind

# Two inspections of one district closer than this put a district through the same work twice
# before it has had time to act on the first report.
MIN_GAP = timedelta(days=182)

# A suggested Monday must leave the whole week of fieldwork inside the cycle.
_FIELDWORK_WEEK = timedelta(days=4)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def current_cycle(settings: Settings, today: date) -> tuple[date, date]:
    """The cycle holding `today`, as (first day, day after the last day): start included, end excluded."""
    years = settings.cycle_years
    if years < 1:
        raise InvalidInput(Problem("cycle_years", "a cycle must last at least one year"))
    origin = settings.cycle_start
    n = (today.year - origin.year) // years
    while _add_years(origin, n * years) > today:
        n -= 1
    while _add_years(origin, (n + 1) * years) <= today:
        n += 1
    return _add_years(origin, n * years), _add_years(origin, (n + 1) * years)


class Scheduled(Protocol):
    """What the cycle plan reads of an inspection: an `Inspection`, or a `ScheduledInspection` of one."""

    district_id: str
    kind: InspectionKind
    fieldwork_start: date
    fieldwork_end: date
    stage: Stage

    @property
    def is_cancelled(self) -> bool: ...


@frozen(kw_only=True)
class ScheduledInspection:
    """An inspection as the cycle plan sees it: where, when, of which kind, how far it has gone. A county's plan
    reads every inspection of the cycle, most of them long closed, and this much of one costs a fraction of it whole."""

    id: str
    district_id: str
    kind: InspectionKind
    fieldwork_start: date
    fieldwork_end: date
    stage: Stage
    title: str = ""  # a themed inspection is shown by its title
    is_cancelled: bool = False


@frozen(kw_only=True)
class DistrictCoverage:
    """How far one district is through its inspections in the current cycle."""

    district: District
    cycle_start: date  # first day of the cycle
    cycle_end: date  # day after the last day of the cycle
    held: tuple[Scheduled, ...]  # full inspections of this cycle whose fieldwork is over
    planned: tuple[Scheduled, ...]  # full inspections of this cycle still to come or under way
    themed: tuple[Scheduled, ...]  # themed inspections of this cycle: shown, not counted
    short_by: int  # full inspections still to plan; 0 when covered
    suggested_dates: tuple[date, ...]  # a Monday to start each missing inspection, earliest first

    @property
    def is_covered(self) -> bool:
        return self.short_by == 0


def plan_cycle(
    districts: Iterable[District],
    inspections: Iterable[Scheduled],
    settings: Settings,
    today: date,
    calendar: WorkingCalendar | None = None,
) -> list[DistrictCoverage]:
    """Each open district's coverage in the cycle holding `today`, sorted by district name.

    Only full inspections count toward `settings.inspections_per_cycle`; themed inspections
    are listed but do not count. For each missing inspection a start date is suggested: the
    cycle is cut into equal parts, one per inspection due, and a part with no inspection gets
    the Monday nearest its middle that is not before today, starts a week with no bank holiday
    that ends inside the cycle, and is at least six months from every other inspection of the
    district.
    When no Monday is that far from the others, the earliest free Monday is suggested instead,
    since a late inspection still counts. Only in the cycle's final days, when no Monday is
    left, are fewer dates suggested than inspections missing.
    """
    calendar = calendar or default_calendar()
    start, end = current_cycle(settings, today)
    by_district: dict[str, list[Scheduled]] = {}
    for inspection in inspections:
        if inspection.is_cancelled:
            continue  # called off: it never counts toward the cycle
        by_district.setdefault(inspection.district_id, []).append(inspection)
    mondays = [day.toordinal() for day in _good_mondays(today, end, calendar)]  # the same for every district: found once
    coverage = [
        _coverage(district, by_district.get(district.id, []), settings, today, (start, end), mondays)
        for district in districts
        if not district.is_closed(today)  # merged or closed: its history stays, it is no longer inspected
    ]
    return sorted(coverage, key=lambda c: (c.district.name.casefold(), c.district.id))


def _is_held(inspection: Scheduled, today: date) -> bool:
    return inspection.fieldwork_end < today or inspection.stage.order > Stage.FIELDWORK.order


def _coverage(
    district: District,
    inspections: list[Scheduled],
    settings: Settings,
    today: date,
    cycle: tuple[date, date],
    mondays: list[int],
) -> DistrictCoverage:
    start, end = cycle
    in_cycle = sorted((i for i in inspections if start <= i.fieldwork_start < end), key=lambda i: i.fieldwork_start)
    full = [i for i in in_cycle if i.kind == InspectionKind.FULL]
    held = tuple(i for i in full if _is_held(i, today))
    planned = tuple(i for i in full if not _is_held(i, today))
    wanted = settings.inspections_per_cycle
    short_by = max(0, wanted - len(full))
    targets = _free_targets(start, end, wanted, [i.fieldwork_start for i in full])[:short_by]
    suggestions = _suggest(targets, [i.fieldwork_start for i in inspections], mondays)
    return DistrictCoverage(
        district=district,
        cycle_start=start,
        cycle_end=end,
        held=held,
        planned=planned,
        themed=tuple(i for i in in_cycle if i.kind != InspectionKind.FULL),
        short_by=short_by,
        suggested_dates=suggestions,
    )


def _free_targets(start: date, end: date, wanted: int, taken: list[date]) -> list[date]:
    """The middles of the cycle's equal parts that no existing inspection already stands for."""
    if wanted <= 0:
        return []
    length = (end - start).days
    targets = [start + timedelta(days=length * (2 * k + 1) // (2 * wanted)) for k in range(wanted)]
    for day in sorted(taken):
        if not targets:
            break
        targets.remove(min(targets, key=lambda t: abs((t - day).days)))
    return targets


def _good_mondays(today: date, end: date, calendar: WorkingCalendar) -> list[date]:
    """Every Monday from today whose week of fieldwork ends inside the cycle and has no bank holiday."""
    # Fieldwork takes up to five working days: a week broken by a bank holiday is a poor week to start.
    mondays = []
    day = today + timedelta(days=-today.weekday() % 7)
    while day + _FIELDWORK_WEEK < end:
        if all(calendar.is_working_day(day + timedelta(days=i)) for i in range(5)):
            mondays.append(day)
        day += timedelta(days=7)
    return mondays


def _suggest(targets: list[date], others: list[date], mondays: list[int]) -> tuple[date, ...]:
    """Days as ordinals here: a county's plan runs this for every district short of its inspections, and whole
    numbers compare many times faster than dates."""
    if not targets or not mondays:
        return ()
    gap = MIN_GAP.days
    # Only inspections near enough to some Monday can keep it from being spaced, or take it.
    near = [day for day in (d.toordinal() for d in others) if mondays[0] - gap < day < mondays[-1] + gap]
    chosen: list[int] = []
    for target in (t.toordinal() for t in targets):
        taken = near + chosen
        spaced = mondays
        for day in taken:
            spaced = [m for m in spaced if abs(m - day) >= gap]
        if spaced:
            # The nearest to the target, the earlier of two as near: one each side of where it would be inserted.
            at = bisect_left(spaced, target)
            chosen.append(min(spaced[max(0, at - 1):at + 1], key=lambda m: (abs(m - target), m)))
            continue
        free = [m for m in mondays if m not in taken]
        if free:
            chosen.append(free[0])
    return tuple(date.fromordinal(day) for day in sorted(chosen))

"""Deadlines as calendar events that a calendar keeps up to date when the same file is imported again.

Calendars match an event by its UID and take a changed one only when its SEQUENCE has grown (RFC 5545 §3.8.7.4),
so each event carries the version of the record it comes from. A deadline that is met, or withdrawn with its
inspection, is sent as cancelled rather than left out: left out, it would stay in every calendar that had it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from attrs import frozen

from .deadlines import Deadline, DeadlineStatus
from .inspection import Inspection


@frozen(kw_only=True)
class CalendarEvent:
    key: str  # the deadline's key, from which the UID is made
    summary: str
    description: str
    due: date
    sequence: int
    last_modified: datetime | None
    cancelled: bool


def calendar_events(
    current: Iterable[DeadlineStatus],
    withdrawn: Iterable[Deadline],
    *,
    inspections: Mapping[str, Inspection],
    district_names: Mapping[str, str],
    changed_at: Mapping[str, datetime],
) -> list[CalendarEvent]:
    """One event per deadline, open or met, and one cancelled event per withdrawn deadline; soonest first.

    `changed_at` gives, by record id, when each record was last saved: an event was last modified when the
    deadline's own record or its inspection was.
    """
    events = [
        _event(status.deadline, inspections, district_names, changed_at, state=status.describe(), cancelled=not status.is_open)
        for status in current
    ]
    events += [
        _event(deadline, inspections, district_names, changed_at, state="withdrawn: the inspection ended without it", cancelled=True)
        for deadline in withdrawn
    ]
    return sorted(events, key=lambda event: (event.due, event.key))


def _event(
    deadline: Deadline,
    inspections: Mapping[str, Inspection],
    district_names: Mapping[str, str],
    changed_at: Mapping[str, datetime],
    *,
    state: str,
    cancelled: bool,
) -> CalendarEvent:
    inspection = inspections.get(deadline.inspection_id)
    district = district_names.get(deadline.district_id, "district not on record")
    which = f"{district} inspection of {_day(inspection.fieldwork_start)}" if inspection else district
    lines = [f"Inspection: {which}", f"Deadline: {deadline.title}, due {_day(deadline.due)}", f"State: {state}"]
    if deadline.met_on:
        lines.append(f"Met on: {deadline.met_on.isoformat()}")
    saves = [changed_at[record] for record in (deadline.record_id, deadline.inspection_id) if record in changed_at]
    return CalendarEvent(
        key=deadline.key,
        summary=f"{deadline.title} – {which}",
        description="\n".join(lines),
        due=deadline.due,
        sequence=deadline.version,
        last_modified=max(saves) if saves else None,
        cancelled=cancelled,
    )


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"

"""The deadlines calendar: every deadline a person follows, open, met or withdrawn, as events to export."""

from __future__ import annotations

from datetime import datetime

from ..domain.calendar import default_calendar
from ..domain.calendar_events import CalendarEvent, calendar_events
from ..domain.deadlines import withdrawn_deadlines
from . import queries
from .core import Engine


def deadline_events(engine: Engine, *, person: str | None = None) -> list[CalendarEvent]:
    """Events for the deadlines `person` must act on (everyone's when None), as they stand today."""
    owner_id = engine.person(person).id if person else None
    current = queries.deadline_statuses(engine, person=person, include_met=True)
    managers = queries.district_managers(engine.people())
    withdrawn = []
    summaries = engine.summaries()
    for summary in summaries:
        framework = engine.frameworks.get(summary.inspection.framework_id)
        if framework is None:
            continue
        found = withdrawn_deadlines(summary, framework, default_calendar(), managers.get(summary.inspection.district_id, ()))
        withdrawn += [d for d in found if owner_id is None or owner_id in d.owner_ids]
    inspections = {summary.id: summary.inspection for summary in summaries}
    involved = {status.deadline.inspection_id for status in current} | {d.inspection_id for d in withdrawn}
    return calendar_events(
        current,
        withdrawn,
        inspections=inspections,
        district_names={district.id: district.name for district in engine.districts()},
        changed_at=_last_saves(engine, sorted(involved)),
    )


def deadlines_calendar(engine: Engine, *, person: str | None = None) -> bytes:
    """The deadlines `person` must act on (everyone's when None) as an iCalendar file, with the workspace's reminder."""
    from ..reports.exports import deadlines_ics  # only this export needs icalendar

    return deadlines_ics(deadline_events(engine, person=person), calendar_name="Peer inspection deadlines",
                         stamp=engine.now(), alarm_days=engine.settings().calendar_alarm_days)


def _last_saves(engine: Engine, inspection_ids: list[str]) -> dict[str, datetime]:
    """When each record of these inspections was last saved, from their audit trails."""
    last: dict[str, datetime] = {}
    for inspection_id in inspection_ids:
        for entry in engine.audit_entries(inspection_id):
            if entry.record_id and (entry.record_id not in last or entry.at > last[entry.record_id]):
                last[entry.record_id] = entry.at
    return last

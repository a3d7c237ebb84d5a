"""What needs doing and by when: deadlines, the cycle plan and each person's reminders, read from the index only."""

from __future__ import annotations

from datetime import date, timedelta

from ..domain import permissions
from ..domain.authority import Person
from ..domain.calendar import default_calendar
from ..domain.cycle import DistrictCoverage, plan_cycle
from ..domain.deadlines import ACTION_PLAN, DeadlineStatus, deadlines_for, open_deadlines, statuses_of, urgency
from ..domain.permissions import Act, Party
from ..domain.inspection import Stage
from ..domain.summary import InspectionSummary
from ..domain.vocabulary import Role
from .core import Engine


def deadline_statuses(
    engine: Engine,
    *,
    today: date | None = None,
    district: str | None = None,
    person: str | None = None,
    include_met: bool = False,
) -> list[DeadlineStatus]:
    """Every deadline with its state on `today`, overdue first. `person` keeps those they must act on."""
    today = today or engine.today()
    settings = engine.workspace.settings()
    district_id = engine.district(district).id if district else None
    owner_id = engine.person(person).id if person else None
    managers = _district_managers(engine.workspace.people())
    found: list[DeadlineStatus] = []
    for summary in engine.workspace.summaries():
        inspection = summary.inspection
        if district_id and inspection.district_id != district_id:
            continue
        framework = engine.frameworks.get(inspection.framework_id)
        if framework is None:
            continue
        deadlines = deadlines_for(summary, framework, default_calendar(), managers.get(inspection.district_id, ()))
        if owner_id:
            deadlines = [d for d in deadlines if owner_id in d.owner_ids]
        found.extend(statuses_of(deadlines, today, settings.due_soon_days))
    if include_met:
        return sorted(found, key=urgency)
    return open_deadlines(found)


def deadlines_concerning(engine: Engine, person: Person, *, today: date | None = None) -> list[DeadlineStatus]:
    """The open deadlines a person acts on or oversees: their own, and every one of the inspections they lead or manage."""
    today = today or engine.today()
    overseen = {s.id for s in inspections_for(engine, person) if _oversees(engine, person, s)}
    return [
        status for status in deadline_statuses(engine, today=today)
        if person.id in status.deadline.owner_ids or status.deadline.inspection_id in overseen
    ]


def _oversees(engine: Engine, person: Person, summary: InspectionSummary) -> bool:
    parties = permissions.parties(person, summary.inspection, engine.district(summary.inspection.district_id))
    return bool(parties & {Party.LEAD, Party.AREA_MANAGER, Party.DISTRICT_MANAGER})


def cycle_plan(engine: Engine, *, today: date | None = None) -> list[DistrictCoverage]:
    return plan_cycle(
        engine.workspace.districts(), engine.workspace.summaries(), engine.workspace.settings(), today or engine.today()
    )


def reminders(engine: Engine, *, as_person: str, today: date | None = None, days: int = 7) -> list[DeadlineStatus]:
    """A person's digest: what they must act on that is overdue or due within the coming week."""
    today = today or engine.today()
    horizon = today + timedelta(days=days)
    return [s for s in deadline_statuses(engine, today=today, person=as_person) if s.deadline.due <= horizon]


def inspections_for(engine: Engine, person: Person) -> list[InspectionSummary]:
    """The inspections a person takes part in or manages, most recent first; a cancelled one is history, not work."""
    districts = {d.id: d for d in engine.workspace.districts()}
    mine = [
        s for s in engine.workspace.summaries()
        if not s.inspection.is_cancelled
        and permissions.decide(person, Act.READ_INSPECTION, s.inspection, districts.get(s.inspection.district_id),
                               today=engine.today()) is None
    ]
    return sorted(mine, key=lambda s: s.inspection.fieldwork_start, reverse=True)


def concerns_without_plan(engine: Engine, person: Person) -> list[tuple[InspectionSummary, object]]:
    """Immediate safeguarding concerns still waiting for their plan, in the inspections this person leads or manages."""
    return [
        (summary, concern)
        for summary in inspections_for(engine, person)
        for concern in summary.concerns
        if concern.plan is None
    ]


def returned_plan(engine: Engine, *, inspection: str, today: date | None = None) -> DeadlineStatus | None:
    """The action plan's deadline while the plan is back with the district after being returned, else None."""
    summary = engine.summary(inspection)
    return next(
        (s for s in deadline_statuses(engine, today=today)
         if s.deadline.inspection_id == summary.id and s.deadline.rule_id == ACTION_PLAN and s.deadline.returned_on),
        None,
    )


def plans_awaiting_approval(engine: Engine, person: Person) -> list[InspectionSummary]:
    """The submitted action plans this person may approve or return, the longest waiting first."""
    waiting = [
        s for s in inspections_for(engine, person)
        if s.inspection.stage is Stage.ACTION_PLAN_SUBMITTED
        and permissions.decide(person, Act.ADVANCE, s.inspection, engine.district_of(s.inspection),
                               event="approve_action_plan", today=engine.today()) is None
    ]
    return sorted(waiting, key=lambda s: (s.inspection.date_of("submit_action_plan") or s.inspection.fieldwork_end, s.id))


def _district_managers(people: list[Person]) -> dict[str, tuple[str, ...]]:
    managers: dict[str, list[str]] = {}
    for person in people:
        if person.role is Role.DISTRICT_MANAGER and person.district_id:
            managers.setdefault(person.district_id, []).append(person.id)
    return {k: tuple(v) for k, v in managers.items()}

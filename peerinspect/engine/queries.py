"""What needs doing and by when: deadlines, the cycle plan and each person's reminders, read from the index only.

Views of open work read only the summaries of inspections that may still have work open: a county's
closed inspections are passed over unread.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from attrs import frozen

from ..domain import permissions
from ..domain.authority import District, Person
from ..domain.calendar import default_calendar
from ..domain.cycle import DistrictCoverage, plan_cycle
from ..domain.digest import Digest
from ..domain.deadlines import ACTION_PLAN, Deadline, DeadlineStatus, deadlines_for, open_deadlines, statuses_of, urgency
from ..domain.inspection import Inspection, Stage
from ..domain.permissions import Act, Party
from ..domain.safeguarding import SafeguardingConcern
from ..domain.summary import InspectionSummary
from ..domain.vocabulary import Role
from .core import Engine

# The parts that oversee an inspection's deadlines, beside each deadline's own owners.
OVERSEEING = frozenset({Party.LEAD, Party.AREA_MANAGER, Party.DISTRICT_MANAGER})


@frozen(kw_only=True)
class Overview:
    """Everything a person's dashboard shows, read from the index in one pass."""

    inspections: list[Inspection]  # theirs, most recent first; a cancelled one is history, not work
    deadlines: list[DeadlineStatus]  # open ones they act on or oversee, most urgent first
    concerns: list[tuple[Inspection, SafeguardingConcern]]  # immediate concerns still without their plan
    awaiting_approval: list[Inspection]  # submitted action plans they may approve or return, longest waiting first
    coverage: list[DistrictCoverage] | None  # each district's cycle coverage, for those who may read it
    district_of: dict[str, District]  # the district of each inspection listed or with open work, by inspection id


def overview(engine: Engine, person: Person, *, today: date | None = None) -> Overview:
    """A person's dashboard: every summary converted at most once, and settled inspections only listed."""
    today = today or engine.today()
    districts = {d.id: d for d in engine.workspace.districts()}
    mine = _readable_by(engine, person, _involving(engine, person, districts), districts)
    open_work = engine.workspace.summaries_open_on(today)
    theirs = _theirs(mine, open_work)
    may_plan = engine.decide(person, Act.READ_CYCLE_PLAN) is None
    shown = [*mine, *(s.inspection for s in open_work)]
    return Overview(
        inspections=mine,
        deadlines=_concerning(engine, person, theirs, districts, open_work, today),
        concerns=[(s.inspection, concern) for s in theirs for concern in s.concerns if concern.plan is None],
        awaiting_approval=_awaiting_approval(engine, person, (s.inspection for s in theirs), districts),
        coverage=_cycle_plan(engine, districts.values(), today) if may_plan else None,
        district_of={i.id: districts[i.district_id] for i in shown if i.district_id in districts},
    )


def _involving(engine: Engine, person: Person, districts: dict[str, District]) -> list[Inspection]:
    """The inspections this person may have a part in: a county's others are passed over unread."""
    return engine.workspace.inspections(involving=permissions.involvement(person, districts.values()))


def deadlines_concerning(engine: Engine, person: Person, *, today: date | None = None) -> list[DeadlineStatus]:
    """The open deadlines a person acts on or oversees: their own, and every one of the inspections they lead or manage."""
    today = today or engine.today()
    districts = {d.id: d for d in engine.workspace.districts()}
    open_work = engine.workspace.summaries_open_on(today)
    theirs = _theirs(_readable_by(engine, person, _involving(engine, person, districts), districts), open_work)
    return _concerning(engine, person, theirs, districts, open_work, today)


def _theirs(mine: list[Inspection], open_work: list[InspectionSummary]) -> list[InspectionSummary]:
    """The summaries with open work of the inspections a person may read, in the order of `mine`."""
    rank = {inspection.id: n for n, inspection in enumerate(mine)}
    return sorted((s for s in open_work if s.id in rank), key=lambda s: rank[s.id])


def _concerning(
    engine: Engine,
    person: Person,
    theirs: list[InspectionSummary],
    districts: dict[str, District],
    open_work: list[InspectionSummary],
    today: date,
) -> list[DeadlineStatus]:
    overseen = {
        s.id for s in theirs if permissions.parties(person, s.inspection, districts.get(s.inspection.district_id)) & OVERSEEING
    }
    statuses = statuses_of(_deadlines(engine, open_work), today, engine.workspace.settings().due_soon_days)
    return open_deadlines(s for s in statuses if person.id in s.deadline.owner_ids or s.deadline.inspection_id in overseen)


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
    district_id = engine.district(district).id if district else None
    owner_id = engine.person(person).id if person else None
    summaries = engine.workspace.summaries() if include_met else engine.workspace.summaries_open_on(today)
    deadlines = [
        d for d in _deadlines(engine, (s for s in summaries if not district_id or s.inspection.district_id == district_id))
        if not owner_id or owner_id in d.owner_ids
    ]
    found = statuses_of(deadlines, today, engine.workspace.settings().due_soon_days)
    return sorted(found, key=urgency) if include_met else open_deadlines(found)


def _deadlines(engine: Engine, summaries: Iterable[InspectionSummary]) -> Iterator[Deadline]:
    managers = district_managers(engine.workspace.people())
    for summary in summaries:
        framework = engine.frameworks.get(summary.inspection.framework_id)
        if framework is not None:
            yield from deadlines_for(summary, framework, default_calendar(), managers.get(summary.inspection.district_id, ()))


def cycle_plan(engine: Engine, *, today: date | None = None) -> list[DistrictCoverage]:
    return _cycle_plan(engine, engine.workspace.districts(), today or engine.today())


def _cycle_plan(engine: Engine, districts: Iterable[District], today: date) -> list[DistrictCoverage]:
    return plan_cycle(districts, engine.workspace.scheduled_inspections(), engine.workspace.settings(), today)


# A digest looks this far ahead.
DIGEST_DAYS = 7


def reminders(engine: Engine, *, as_person: str, today: date | None = None) -> list[DeadlineStatus]:
    """What a person must act on that is overdue or due within the coming week."""
    today = today or engine.today()
    return _due_soon(deadline_statuses(engine, today=today, person=as_person), today)


def _due_soon(statuses: Iterable[DeadlineStatus], today: date) -> list[DeadlineStatus]:
    horizon = today + timedelta(days=DIGEST_DAYS)
    return [s for s in statuses if s.deadline.due <= horizon]


def digest(engine: Engine, person: Person, *, today: date | None = None) -> Digest:
    """A person's digest: their reminders in the words `peerinspect reminders` prints and the email carries."""
    today = today or engine.today()
    return digests(engine, [person], today=today)[person.id]


def digests(engine: Engine, people: Iterable[Person], *, today: date) -> dict[str, Digest]:
    """Each person's digest, by id, from one reading of every open deadline."""
    statuses = deadline_statuses(engine, today=today)
    districts = {d.id: d.name for d in engine.workspace.districts()}
    return {
        p.id: Digest.of(p.name, today, _due_soon((s for s in statuses if p.id in s.deadline.owner_ids), today), districts)
        for p in people
    }


def inspections_for(engine: Engine, person: Person) -> list[Inspection]:
    """The inspections a person takes part in or manages, most recent first; a cancelled one is history, not work."""
    districts = {d.id: d for d in engine.workspace.districts()}
    return _readable_by(engine, person, _involving(engine, person, districts), districts)


def _readable_by(engine: Engine, person: Person, inspections: Iterable[Inspection], districts: dict[str, District]) -> list[Inspection]:
    mine = [
        i for i in inspections
        if not i.is_cancelled and engine.decide(person, Act.READ_INSPECTION, i, districts.get(i.district_id)) is None
    ]
    return sorted(mine, key=lambda i: i.fieldwork_start, reverse=True)


def returned_plan(engine: Engine, *, inspection: str, today: date | None = None) -> DeadlineStatus | None:
    """The action plan's deadline while the plan is back with the district after being returned, else None."""
    summary = engine.summary(inspection)
    return next(
        (s for s in deadline_statuses(engine, today=today)
         if s.deadline.inspection_id == summary.id and s.deadline.rule_id == ACTION_PLAN and s.deadline.returned_on),
        None,
    )


def plans_awaiting_approval(engine: Engine, person: Person) -> list[Inspection]:
    """The submitted action plans this person may approve or return, the longest waiting first."""
    return _awaiting_approval(engine, person, inspections_for(engine, person), {d.id: d for d in engine.workspace.districts()})


def _awaiting_approval(engine: Engine, person: Person, inspections: Iterable[Inspection], districts: dict[str, District]) -> list[Inspection]:
    waiting = [
        i for i in inspections
        if i.stage is Stage.ACTION_PLAN_SUBMITTED
        and engine.decide(person, Act.ADVANCE, i, districts.get(i.district_id), event="approve_action_plan") is None
    ]
    return sorted(waiting, key=lambda i: (i.date_of("submit_action_plan") or i.fieldwork_end, i.id))


def district_managers(people: list[Person]) -> dict[str, tuple[str, ...]]:
    managers: dict[str, list[str]] = {}
    for person in people:
        if person.role is Role.DISTRICT_MANAGER and person.district_id:
            managers.setdefault(person.district_id, []).append(person.id)
    return {k: tuple(v) for k, v in managers.items()}

"""Moving an inspection through its lifecycle, and the immediate plans that safeguarding concerns need."""

from __future__ import annotations

from datetime import date

import attrs

from ..domain import lifecycle, permissions, safeguarding
from ..domain.authority import Person
from ..domain.errors import InvalidInput, Problem
from ..domain.inspection import Inspection
from ..domain.permissions import Act
from ..domain.honest_dates import not_in_future
from ..domain.safeguarding import SafeguardingConcern
from ..store.workspace import dossier_of
from .access import current_person, require
from .core import Engine, one
from .reporting import freeze_report


def advance(
    engine: Engine, *, as_person: str, inspection: str, event: str, on: date | str | None = None, note: str = ""
) -> Inspection:
    """Take one lifecycle step. Issuing the report also freezes it, in the same save."""
    person = engine.person(as_person)
    on = engine.day(on)
    with engine.editing(inspection) as (tx, current, framework):
        require(engine, person, Act.ADVANCE, current, event=event)
        dossier = dossier_of(tx)
        advanced = lifecycle.advance(dossier, framework, event, on, person.id, note, today=engine.today())
        tx.attribute(at=engine.now(), actor_id=person.id, action=event.replace("_", " "))
        saved = tx.put(advanced)
        if event == "issue_report":
            freeze_report(engine, tx, attrs.evolve(dossier, inspection=saved), framework, issued_by=person.id, on=on)
        return saved


def step_blockers(engine: Engine, *, as_person: str, inspection: str, event: str, on: date | None = None) -> list[str]:
    """Everything that stands in the way of this person taking the step on that date (today when none is given):
    the rulebook's reason first, then the step's own guards. Empty when the step can be taken."""
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    refusal = engine.decide(person, Act.ADVANCE, summary.inspection, engine.district_of(summary.inspection), event=event)
    if refusal is not None:
        return [refusal]
    dossier = engine.workspace.dossier(summary.id)
    today = engine.today()
    return lifecycle.blockers(dossier, engine.framework(summary.inspection.framework_id), event, on or today, today=today)


def open_steps(engine: Engine, *, as_person: str, inspection: str) -> list[tuple[str, list[str]]]:
    """The lifecycle steps this person may take at the inspection's stage, each with what still blocks it today."""
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    district = engine.district_of(summary.inspection)
    mine = [
        event.name for event in lifecycle.EVENTS
        if engine.decide(person, Act.ADVANCE, summary.inspection, district, event=event.name) is None
    ]
    if not mine:
        return []
    dossier = engine.workspace.dossier(summary.id)
    framework = engine.framework(summary.inspection.framework_id)
    today = engine.today()
    return [(event, lifecycle.blockers(dossier, framework, event, today, today=today)) for event in mine]


def make_immediate_plan(
    engine: Engine,
    *,
    as_person: str,
    inspection: str,
    concern_id: str,
    owner: str,
    first_action: str,
    on: date | str | None = None,
) -> SafeguardingConcern:
    """The immediate action plan for a safeguarding concern: an owner and a first action, at once."""
    person = engine.person(as_person)
    owner_person = current_person(engine, owner, "owner")
    made_on = engine.day(on)
    with engine.editing(inspection) as (tx, current, framework):
        concern = _concern(tx, concern_id)
        require(engine, person, Act.MAKE_IMMEDIATE_PLAN, current, concern=concern)
        _check_owner(owner_person, current)
        planned = safeguarding.make_plan(
            concern, owner_id=owner_person.id, first_action=first_action, on=made_on, by=person.id, today=engine.today()
        )
        tx.attribute(at=engine.now(), actor_id=person.id, action="make immediate plan")
        return tx.put(planned)


def amend_immediate_plan(
    engine: Engine,
    *,
    as_person: str,
    inspection: str,
    concern_id: str,
    reason: str,
    owner: str | None = None,
    first_action: str | None = None,
    on: date | str | None = None,
) -> SafeguardingConcern:
    """Change an immediate plan's owner or first action, with why; the plan keeps the date it was first made."""
    person = engine.person(as_person)
    owner_person = current_person(engine, owner, "owner") if owner else None
    amended_on = engine.day(on)
    with engine.editing(inspection) as (tx, current, framework):
        concern = _concern(tx, concern_id)
        require(engine, person, Act.AMEND_IMMEDIATE_PLAN, current, concern=concern)
        if owner_person is not None:
            _check_owner(owner_person, current)
        amended = safeguarding.amend_plan(
            concern, owner_id=owner_person.id if owner_person else None, first_action=first_action, reason=reason,
            on=amended_on, by=person.id, today=engine.today(),
        )
        tx.attribute(at=engine.now(), actor_id=person.id, action="amend immediate plan")
        return tx.put(amended)


def _check_owner(owner: Person, inspection: Inspection) -> None:
    refused = permissions.may_own_immediate_plan(owner, inspection)
    if refused:
        raise InvalidInput(Problem("owner", refused))


def raise_concern(
    engine: Engine, *, as_person: str, inspection: str, description: str, evidence_id: str | None = None, on: date | str | None = None
) -> SafeguardingConcern:
    """Raise an immediate safeguarding concern found anywhere in the inspection, not only in a file review."""
    person = engine.person(as_person)
    raised_on = engine.day(on)
    with engine.editing(inspection) as (tx, current, framework):
        require(engine, person, Act.RAISE_CONCERN, current)
        future = not_in_future("The concern", raised_on, engine.today())
        if future:
            raise InvalidInput(Problem("date", future))
        concern = SafeguardingConcern.from_fields(
            inspection_id=current.id, raised_by=person.id, raised_on=raised_on, description=description, evidence_id=evidence_id,
        )
        tx.attribute(at=engine.now(), actor_id=person.id, action="raise safeguarding concern")
        return tx.put(concern)


def immediate_plan_owners(engine: Engine, *, inspection: str) -> list[Person]:
    """Everyone who may own an immediate plan on this inspection: what the owner picker offers."""
    current = engine.summary(inspection).inspection
    today = engine.today()
    return [p for p in engine.people() if not p.has_left(today) and permissions.may_own_immediate_plan(p, current) is None]


def _concern(tx, concern_id: str) -> SafeguardingConcern:
    return one(tx.all(SafeguardingConcern), concern_id, "safeguarding concern")


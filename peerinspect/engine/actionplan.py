"""The district's action plan: actions answering each recommendation, their progress, done and verified."""

from __future__ import annotations

from datetime import date

import attrs

from ..domain import followup
from ..domain.actions import Action
from ..domain.errors import InvalidInput, Problem
from ..domain.findings import Recommendation
from ..domain.permissions import Act
from ..domain.records import parse_date
from .access import current_person, require
from .core import Engine, one


def add_action(
    engine: Engine,
    *,
    as_person: str,
    inspection: str,
    recommendation_id: str,
    what: str,
    owner: str | None = None,
    due: date | str | None = None,
    on: date | str | None = None,
) -> Action:
    person = engine.person(as_person)
    owner_id = current_person(engine, owner, "owner").id if owner else None
    added_on = engine.day(on)
    with engine.editing(inspection) as (tx, current, _):
        require(engine, person, Act.WRITE_ACTION_PLAN, current)
        recommendation = one(tx.all(Recommendation), recommendation_id, "recommendation")
        action = Action.from_fields(
            inspection_id=current.id, recommendation_id=recommendation.id, what=what, owner_id=owner_id, due=due,
            added_on=added_on,
        )
        tx.attribute(at=engine.now(), actor_id=person.id, action="add action")
        return tx.put(action)


def plan_action(
    engine: Engine, *, as_person: str, inspection: str, action_id: str, revision: int | None = None,
    what: str | None = None, owner: str | None = None, due: date | str | None = None,
) -> Action:
    """Change what an action is, who owns it or when it is due."""
    person = engine.person(as_person)
    owner_id = engine.person(owner).id if owner else None
    due = parse_date(due, "due") if due is not None else None
    with engine.editing(inspection) as (tx, current, _):
        action = _at_revision(one(tx.all(Action), action_id, "action"), revision)
        require(engine, person, Act.WRITE_ACTION_PLAN, current, action=action)
        if owner_id is not None and owner_id != action.owner_id:
            current_person(engine, owner_id, "owner")
        changed = followup.set_plan(action, owner_id or action.owner_id, due or action.due, today=engine.today())
        if what is not None:
            changed = attrs.evolve(changed, what=what)
        tx.attribute(at=engine.now(), actor_id=person.id, action="plan action")
        return tx.put(changed)


def record_progress(
    engine: Engine, *, as_person: str, inspection: str, action_id: str, text: str,
    on: date | str | None = None, done: bool = False, revision: int | None = None,
) -> Action:
    """A dated progress note on an action, and optionally mark it done."""
    person = engine.person(as_person)
    on = engine.day(on)
    with engine.editing(inspection) as (tx, current, _):
        action = _at_revision(one(tx.all(Action), action_id, "action"), revision)
        require(engine, person, Act.MARK_ACTION_DONE if done else Act.RECORD_PROGRESS, current, action=action)
        _check_date(action, current, "done" if done else "progress", on, engine.today())
        changed = followup.add_progress(action, on, person.id, text) if text.strip() else action
        if done:
            changed = followup.mark_done(changed, on, person.id)
        if changed == action:
            raise InvalidInput(Problem("text", "write a progress note, or mark the action done"))
        tx.attribute(at=engine.now(), actor_id=person.id, action="mark action done" if done else "record progress")
        return tx.put(changed)


def verify_action(
    engine: Engine, *, as_person: str, inspection: str, action_id: str, on: date | str | None = None,
    send_back_reason: str | None = None,
) -> Action:
    """The area manager checks a done action: verified, or sent back with the reason."""
    person = engine.person(as_person)
    on = engine.day(on)
    with engine.editing(inspection) as (tx, current, _):
        action = one(tx.all(Action), action_id, "action")
        send_back = send_back_reason is not None
        require(engine, person, Act.SEND_ACTION_BACK if send_back else Act.VERIFY_ACTION, current, action=action)
        _check_date(action, current, "send_back" if send_back else "verify", on, engine.today())
        if send_back:
            changed, verb = followup.send_back(action, on, person.id, send_back_reason), "send action back"
        else:
            changed, verb = followup.verify(action, on, person.id), "verify action"
        tx.attribute(at=engine.now(), actor_id=person.id, action=verb)
        return tx.put(changed)


def _check_date(action: Action, inspection, step: str, on: date, today: date) -> None:
    found = followup.date_problems(action, inspection, step, on, today)
    if found:
        raise InvalidInput(found)


def find_action(engine: Engine, *, as_person: str, inspection: str, action_id: str) -> Action:
    """One action of the plan, named by id or id prefix, for someone who may read the issued report."""
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    require(engine, person, Act.READ_ISSUED_REPORT, summary.inspection)
    return one(engine.workspace.dossier(summary.inspection.id).actions, action_id, "action")


def _at_revision(action: Action, revision: int | None) -> Action:
    # With the revision the person was looking at, a change made meanwhile by someone else is refused by the store.
    return attrs.evolve(action, revision=revision) if revision is not None else action


# Whoever may read the issued report may take the action plan away.
ACTION_PLAN_ACTS = (Act.READ_ISSUED_REPORT,)


def action_plan_rows(engine: Engine, *, as_person: str, inspection: str) -> list[dict]:
    """The action plan as rows for a spreadsheet: whoever may read the issued report may take it away."""
    from ..reports.exports import actions_rows  # the reports package loads only for the commands that export

    person = engine.person(as_person)
    summary = engine.summary(inspection)
    for act in ACTION_PLAN_ACTS:
        require(engine, person, act, summary.inspection)
    return actions_rows(engine.workspace.dossier(summary.inspection.id), engine.people_by_id(), engine.today())


def action_plan_csv(engine: Engine, *, as_person: str, inspection: str) -> str:
    """The action plan as CSV, for a spreadsheet that opens it as Excel does."""
    from ..reports.exports import actions_csv

    return actions_csv(action_plan_rows(engine, as_person=as_person, inspection=inspection))


def action_plan_xlsx(engine: Engine, *, as_person: str, inspection: str) -> bytes:
    """The action plan as a spreadsheet, headed with the district, the inspection and the date it stands at."""
    from ..reports.exports import actions_heading, actions_xlsx

    rows = action_plan_rows(engine, as_person=as_person, inspection=inspection)
    found = engine.summary(inspection).inspection
    district = next((d.name for d in engine.districts() if d.id == found.district_id), "district not on record")
    return actions_xlsx(rows, heading=actions_heading(district, found, engine.today()))

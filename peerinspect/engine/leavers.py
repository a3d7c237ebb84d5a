"""The duties people who have left still hold, shown to those who may hand them on, and handing them on."""

from __future__ import annotations

from datetime import date

from attrs import evolve

from ..domain.authority import Person
from ..domain.errors import InvalidInput, NotFound, Problem, Refused
from ..domain.inspection import TeamMember
from ..domain.leavers import Duty, OpenDuty, open_duties
from ..domain.permissions import Act
from ..domain.vocabulary import TeamRole
from . import actionplan, workflow
from .access import current_person, require
from .core import Engine
from .planning import team_problems


def duties_to_hand_on(engine: Engine, person: Person) -> list[OpenDuty]:
    """Every open duty of someone who has left that this person may hand on, in inspection order."""
    today = engine.today()
    # Only leavers hold such duties: asked of each open inspection, the county's people would be looked through each time.
    leavers = {pid: p for pid, p in engine.people_by_id().items() if p.has_left(today)}
    if not leavers:
        return []
    districts = {d.id: d for d in engine.districts()}
    found = []
    # A settled inspection has no duty left open: nothing to lead, own or plan.
    for summary in sorted(engine.workspace.summaries_open_on(today), key=lambda s: (s.inspection.fieldwork_start, s.id)):
        framework = engine.frameworks.get(summary.inspection.framework_id)
        titles = {t.id: t.title for t in framework.themes} if framework is not None else {}
        district = districts.get(summary.inspection.district_id)
        if district is None:
            continue
        found += [
            duty for duty in open_duties(summary, leavers, today, titles)
            if engine.decide(person, duty.act, summary.inspection, district, **duty.details) is None
        ]
    return found


def who_may_take_on(engine: Engine, duty: OpenDuty) -> list[Person]:
    """Those still here whose role lets them take the duty on."""
    today = engine.today()
    return [p for p in engine.people() if duty.may_take_on(p, today)]


def hand_on(engine: Engine, *, as_person: str, duty: OpenDuty, to: str, on: date | str | None = None):
    """Give a leaver's duty to someone still here: the theme's lead, the action's owner, the immediate plan's owner."""
    if duty.duty is Duty.THEME_LEAD:
        return reassign_theme_lead(engine, as_person=as_person, inspection=duty.inspection.id, theme_id=duty.record_id, to=to)
    if duty.duty is Duty.ACTION_OWNER:
        return actionplan.plan_action(engine, as_person=as_person, inspection=duty.inspection.id,
                                      action_id=duty.record_id, owner=to)
    return workflow.amend_immediate_plan(
        engine, as_person=as_person, inspection=duty.inspection.id, concern_id=duty.record_id, owner=to, on=on,
        reason=f"{duty.leaver.name} left on {duty.leaver.left_on}",
    )


def reassign_theme_lead(engine: Engine, *, as_person: str, inspection: str, theme_id: str, to: str):
    """A new lead for a theme whose lead has left, at any stage until the report is issued; the old lead's evidence
    and findings keep their name."""
    person = engine.person(as_person)
    newcomer = current_person(engine, to, "to")
    people = engine.people_by_id()
    with engine.editing(inspection) as (tx, current, framework):
        require(engine, person, Act.REASSIGN_THEME_LEAD, current, theme_id=theme_id)
        theme = framework.theme(theme_id)
        if theme is None:
            raise NotFound(f"No theme {theme_id!r} in {framework.title}")
        leaving = people.get(current.theme_lead(theme_id) or "")
        if leaving is not None and not leaving.has_left(engine.today()):
            raise Refused(
                f"{leaving.name} still leads {theme.title}: a theme's lead is handed on here once they have left; "
                "before fieldwork, change the plan"
            )
        joining = TeamMember(person_id=newcomer.id, role=TeamRole.THEME_LEAD, theme_id=theme_id)
        problems = team_problems(None, [joining], people, framework, until=current.fieldwork_end)
        if problems:
            raise InvalidInput([Problem("to", p.message) for p in problems])
        team = (*(m for m in current.team if not (m.role is TeamRole.THEME_LEAD and m.theme_id == theme_id)), joining)
        tx.attribute(at=engine.now(), actor_id=person.id, action="reassign theme lead")
        return tx.put(evolve(current, team=team))

"""Changing a planned inspection, and calling one off: the lead's use cases once the plan is made."""

from __future__ import annotations

from datetime import date

from attrs import evolve

from ..domain import replanning
from ..domain.errors import InvalidInput, Problem
from ..domain.inspection import Inspection, TeamMember
from ..domain.permissions import Act
from ..domain.records import parse_date
from ..domain.vocabulary import TeamRole
from .access import require
from .core import Engine
from .planning import default_title, found_or_noted, schedule_problems, team_members, team_problems, without_repeats


def change_plan(
    engine: Engine,
    *,
    as_person: str,
    inspection: str,
    fieldwork_start: date | str | None = None,
    fieldwork_end: date | str | None = None,
    notice_date: date | str | None = None,
    lead: str | None = None,
    theme_leads: dict[str, str] | None = None,
    add_team: list[tuple[str, str]] | None = None,
    remove_team: list[str] | None = None,
) -> Inspection:
    """Change what was planned: until fieldwork starts anything; after that, people joining the team only.

    `theme_leads` names a new lead for each theme given; `add_team` lists (person, team role) joining;
    `remove_team` lists people leaving the team."""
    person = engine.person(as_person)
    with engine.editing(inspection) as (tx, current, framework):
        problems: list[Problem] = []
        changes: dict = {}
        for name, value in (("fieldwork_start", fieldwork_start), ("fieldwork_end", fieldwork_end), ("notice_date", notice_date)):
            if value is not None:
                try:
                    changes[name] = parse_date(value, name)
                except InvalidInput as error:
                    problems.extend(error.problems)
        lead_person = found_or_noted(problems, "lead", lambda: engine.person(lead)) if lead else None
        if lead_person is not None:
            changes["lead_id"] = lead_person.id
        joining = team_members(engine, framework, theme_leads, add_team, problems)
        leaving = {p.id for p in (found_or_noted(problems, "remove", lambda r=r: engine.person(r)) for r in remove_team or ()) if p}
        if problems:
            raise InvalidInput(problems)
        led_anew = {m.theme_id for m in joining if m.role is TeamRole.THEME_LEAD}
        kept = [m for m in current.team if m.person_id not in leaving and not _replaced(m, led_anew)]
        team = tuple(without_repeats([*kept, *joining]))
        changes["team"] = current.team if set(team) == set(current.team) else team
        try:
            changed = evolve(current, **changes)
        except InvalidInput as error:
            raise InvalidInput(error.problems) from None
        which = replanning.changed_fields(current, changed)
        if not which:
            raise InvalidInput(Problem("", "nothing to change: give new dates, a notice date, a lead, theme leads or team members"))
        act = Act.ADD_TO_TEAM if replanning.adds_team_members_only(current, changed) else Act.CHANGE_PLAN
        require(engine, person, act, current)
        changed = _retitled(engine, current, changed, framework.title)
        problems = team_problems(lead_person, list(joining), engine.people_by_id(), framework, until=changed.fieldwork_end)
        problems.extend(schedule_problems(engine, changed, framework))
        if problems:
            raise InvalidInput(problems)
        named = ", ".join(replanning.PLAN_FIELDS[name] for name in which)
        tx.attribute(at=engine.now(), actor_id=person.id, action=f"change plan: {named}")
        return tx.put(changed)


def cancel_inspection(
    engine: Engine, *, as_person: str, inspection: str, reason: str, on: date | str | None = None
) -> Inspection:
    """Call an inspection off: it leaves the cycle count, the dashboards and the deadlines, and stays in history."""
    person = engine.person(as_person)
    day = engine.day(on)
    with engine.editing(inspection) as (tx, current, framework):
        require(engine, person, Act.CANCEL_INSPECTION, current)
        cancelled = replanning.cancel(current, on=day, by=person.id, reason=reason, today=engine.today())
        tx.attribute(at=engine.now(), actor_id=person.id, action="cancel inspection")
        return tx.put(cancelled)


def _replaced(member: TeamMember, themes_led_anew: set[str | None]) -> bool:
    return member.role is TeamRole.THEME_LEAD and member.theme_id in themes_led_anew


def _retitled(engine: Engine, before: Inspection, after: Inspection, framework_title: str) -> Inspection:
    """A title made from the start date follows the date; one the planner wrote stays as written."""
    district = engine.district_of(before).name
    if before.title == default_title(district, framework_title, before.fieldwork_start):
        return evolve(after, title=default_title(district, framework_title, after.fieldwork_start))
    return after

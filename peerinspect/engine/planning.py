"""Planning an inspection: the district, the framework, the dates, the lead, the theme leads and the team."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from ..domain.authority import Person
from ..domain.calendar import default_calendar
from ..domain.deadlines import fieldwork_problems
from ..domain.errors import InvalidInput, NotFound, Problem
from ..domain.framework import Framework
from ..domain.inspection import Inspection, TeamMember
from ..domain.permissions import TEAM_ROLE_NEEDS, Act
from ..domain.records import parse_date
from ..domain.replanning import double_booking
from ..domain.vocabulary import InspectionKind, TeamRole
from .access import require
from .core import Engine


def plan_inspection(
    engine: Engine,
    *,
    as_person: str,
    district: str,
    framework_id: str | None,
    fieldwork_start: date | str,
    fieldwork_end: date | str,
    lead: str,
    theme_leads: dict[str, str] | None = None,
    team: list[tuple[str, str]] | None = None,
    notice_date: date | str | None = None,
    title: str = "",
    linked_finding_id: str | None = None,
) -> Inspection:
    """Plan an inspection. `theme_leads` maps theme id to person; `team` lists (person, team role)."""
    planner = engine.person(as_person)
    require(engine, planner, Act.PLAN_INSPECTION)
    problems: list[Problem] = []
    framework = engine.framework(framework_id) if framework_id else default_framework(engine)
    if framework is None:
        raise InvalidInput(Problem("framework", f"choose the framework to use ({', '.join(sorted(engine.frameworks))})"))
    in_district = found_or_noted(problems, "district", lambda: engine.district(district))
    lead_person = found_or_noted(problems, "lead", lambda: engine.person(lead))
    members = team_members(engine, framework, theme_leads, team, problems)
    until = _day_or_none(fieldwork_end)
    problems.extend(team_problems(lead_person, members, engine.people_by_id(), framework, until=until))
    if in_district is not None and until is not None and in_district.is_closed(until):
        problems.append(Problem("district", f"{in_district.name} closed on {in_district.closed_on}: it is no longer inspected"))
    if problems:
        raise InvalidInput(problems)
    inspection = Inspection.from_fields(
        district_id=in_district.id,
        framework_id=framework.id,
        kind=framework.kind,
        lead_id=lead_person.id,
        fieldwork_start=fieldwork_start,
        fieldwork_end=fieldwork_end,
        notice_date=notice_date,
        team=without_repeats(members),
        title=title.strip() or default_title(in_district.name, framework.title, fieldwork_start),
        linked_finding_id=linked_finding_id,
    )
    problems = schedule_problems(engine, inspection, framework)
    if problems:
        raise InvalidInput(problems)
    with engine.workspace.inspection(inspection.id, new=True) as tx:
        tx.attribute(at=engine.now(), actor_id=planner.id, action="plan inspection")
        return tx.put(inspection)


def team_problems(
    lead: Person | None, members: Iterable[TeamMember], people: Mapping[str, Person], framework: Framework,
    *, until: date | None = None,
) -> list[Problem]:
    """Who may take each part in an inspection: an area director leads, theme leads lead a theme of its framework,
    and nobody who will have left before `until` (the fieldwork's last day) joins it."""
    problems: list[Problem] = []
    if lead and lead.role not in TEAM_ROLE_NEEDS[TeamRole.LEAD]:
        problems.append(Problem("lead", f"{lead.name} is a {lead.role.label}: an area director leads each inspection"))
    if lead and until is not None and lead.has_left(until):
        problems.append(Problem("lead", _leaves_before(lead)))
    for member in members:
        person = people.get(member.person_id)
        if person is None:
            problems.append(Problem("team", f"{member.person_id!r} is not a person of this authority"))
            continue
        if until is not None and person.has_left(until):
            problems.append(Problem("team", _leaves_before(person)))
        if person.role not in TEAM_ROLE_NEEDS[member.role]:
            allowed = " or ".join(r.label for r in TEAM_ROLE_NEEDS[member.role])
            problems.append(Problem("team", f"{person.name} is a {person.role.label}; a {member.role.label} must be a {allowed}"))
        if member.role is TeamRole.THEME_LEAD and framework.theme(member.theme_id or "") is None:
            problems.append(Problem("team", f"{person.name} leads {member.theme_id!r}, which is not a theme of {framework.title}"))
    return problems


def plan_themed_inspection(
    engine: Engine,
    *,
    as_person: str,
    from_inspection: str,
    finding_id: str,
    framework_id: str | None,
    fieldwork_start: date | str,
    fieldwork_end: date | str,
    lead: str | None = None,
    theme_leads: dict[str, str] | None = None,
    team: list[tuple[str, str]] | None = None,
    notice_date: date | str | None = None,
) -> Inspection:
    """A themed inspection (for example into neglect) that an emerging finding proposed, linked to that finding."""
    source = engine.summary(from_inspection).inspection
    dossier = engine.workspace.dossier(source.id)
    finding = next((f for f in dossier.findings if f.id == finding_id or f.id.startswith(finding_id)), None)
    if finding is None:
        raise NotFound(f"No emerging finding {finding_id!r} in {source.title}")
    framework = engine.framework(framework_id) if framework_id else default_framework(engine, themed_for=finding.proposed_theme)
    if framework is None:
        themed = ", ".join(sorted(f.id for f in engine.frameworks.values() if f.kind is InspectionKind.THEMED)) or "none"
        raise InvalidInput(Problem("framework", f"choose the themed framework to use ({themed})"))
    if framework.kind is not InspectionKind.THEMED:
        raise InvalidInput(Problem("framework", f"{framework.title} is not a themed framework"))
    return plan_inspection(
        engine,
        as_person=as_person,
        district=source.district_id,
        framework_id=framework.id,
        fieldwork_start=fieldwork_start,
        fieldwork_end=fieldwork_end,
        lead=lead or source.lead_id,
        theme_leads=theme_leads,
        team=team,
        notice_date=notice_date,
        title=f"Themed inspection: {finding.proposed_theme or framework.title} ({engine.district(source.district_id).name})",
        linked_finding_id=finding.id,
    )


# The authority's own full framework, when it is there; otherwise the only full framework there is.
USUAL_FULL_FRAMEWORK = "hampshire-peer-inspection"


def default_framework(engine: Engine, *, themed_for: str | None = None) -> Framework | None:
    """The framework an inspection takes unless another is named, or None when the choice is not obvious.

    A themed inspection proposed for a theme ("neglect") takes the themed framework whose id or title
    names it, else the only themed framework."""
    kind = InspectionKind.THEMED if themed_for is not None else InspectionKind.FULL
    candidates = sorted((f for f in engine.frameworks.values() if f.kind is kind), key=lambda f: f.id)
    wanted = (themed_for or "").strip().lower()
    if wanted:
        named = [f for f in candidates if wanted in f.id.lower() or wanted in f.title.lower()]
        if named:
            return named[0]
    if kind is InspectionKind.FULL:
        usual = next((f for f in candidates if f.id == USUAL_FULL_FRAMEWORK), None)
        if usual is not None:
            return usual
    return candidates[0] if len(candidates) == 1 else None


def team_members(
    engine: Engine,
    framework: Framework,
    theme_leads: dict[str, str] | None,
    team: list[tuple[str, str]] | None,
    problems: list[Problem],
) -> list[TeamMember]:
    """The theme leads and team members named, each found by name or id; what cannot be found joins `problems`."""
    members: list[TeamMember] = []
    for theme_id, person_ref in (theme_leads or {}).items():
        field = f"theme_leads.{theme_id}"
        if framework.theme(theme_id) is None:
            problems.append(Problem(field, f"{theme_id!r} is not a theme of {framework.title}"))
            continue
        person = found_or_noted(problems, field, lambda: engine.person(person_ref))
        if person:
            members.append(TeamMember(person_id=person.id, role=TeamRole.THEME_LEAD, theme_id=theme_id))
    for index, (person_ref, role_text) in enumerate(team or ()):
        field = f"team[{index}]"
        person = found_or_noted(problems, field, lambda: engine.person(person_ref))
        try:
            role = TeamRole.parse(role_text)
        except ValueError as error:
            problems.append(Problem(f"{field}.role", str(error)))
            continue
        if person:
            members.append(TeamMember(person_id=person.id, role=role))
    return members


def schedule_problems(engine: Engine, inspection: Inspection, framework: Framework) -> list[Problem]:
    """The framework's rules on the dates and notice, and no second inspection of the district at the same time."""
    problems = fieldwork_problems(inspection, framework, default_calendar())
    clash = double_booking(inspection, engine.workspace.inspections())
    if clash is not None:
        problems.append(clash)
    return problems


def _leaves_before(person: Person) -> str:
    return f"{person.name} is retired from {person.left_on}, before this inspection's fieldwork ends"


def _day_or_none(value: date | str | None) -> date | None:
    """A date typed or given, or None when it is not one (the inspection itself then names the field)."""
    try:
        return parse_date(value) if value is not None else None
    except InvalidInput:
        return None


def found_or_noted(problems: list[Problem], field: str, find):
    """What `find` finds, or None with the reason noted under `field`, so every missing name is reported at once."""
    try:
        return find()
    except NotFound as error:
        problems.append(Problem(field, str(error)))
        return None


def without_repeats(members: list[TeamMember]) -> list[TeamMember]:
    return list(dict.fromkeys(members))


def default_title(district: str, framework: str, start: date | str) -> str:
    return f"{district} — {framework} — {start}"

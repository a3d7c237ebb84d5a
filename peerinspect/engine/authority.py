"""Running the authority: areas, districts, people and workspace settings, added, changed and retired.

Each use case asks the rulebook, changes the index in one transaction and leaves one audit entry. Areas and
districts are unique by name, case and spacing ignored; people may share a name and are told apart by their
role and district.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from ..domain import authority as rules
from ..domain.authority import Area, District, Person
from ..domain.errors import InvalidInput, NotFound, Problem, Refused
from ..domain.permissions import Act, decide
from ..domain.settings import Settings
from ..domain.vocabulary import Role
from .access import setup_actor
from .core import Engine, resolve


# reading ------------------------------------------------------------------------------------------------
def area(engine: Engine, reference: str) -> Area:
    return resolve(reference, engine.areas(), "area", lambda a: a.name)


def existing_area(engine: Engine, reference: str) -> Area | None:
    """The area a reference names — its name in any case and spacing, its id or an id prefix — or None for a
    name no area has yet. Two areas of that name (in a workspace made before names had to differ) are refused."""
    areas = engine.areas()
    found = rules.named(areas, reference) or [a for a in areas if len(reference.strip()) >= 4 and a.id.startswith(reference.strip())]
    if len(found) > 1:
        ids = ", ".join(a.id[:8] for a in found)
        raise InvalidInput(Problem("area", f"{len(found)} areas are called {found[0].name!r} ({ids}): name one by its id"))
    return found[0] if found else None


def people_now(engine: Engine) -> list[Person]:
    """The people who have not left: those every picker and new team list offers."""
    return rules.current(engine.people(), engine.today())


def districts_now(engine: Engine) -> list[District]:
    """The districts still open: those a new inspection may be planned in."""
    return rules.open_districts(engine.districts(), engine.today())


def person_labels(engine: Engine, people: Iterable[Person] | None = None) -> dict[str, str]:
    """Each person's id and how every picker and list shows them: name, role and district (or area)."""
    districts = {d.id: d for d in engine.districts()}
    areas = {a.id: a for a in engine.areas()}
    return {p.id: rules.described(p, districts, areas) for p in (engine.people() if people is None else people)}


def same_names(engine: Engine) -> list[str]:
    """Areas and districts sharing a name, left from before names had to differ: each to be renamed."""
    found = []
    for what, records in (("areas", engine.areas()), ("districts", engine.districts())):
        for group in rules.same_names(records):
            ids = ", ".join(r.id[:8] for r in group)
            found.append(f"{len(group)} {what} are called {group[0].name!r} ({ids}): rename all but one")
    return found


# areas ----------------------------------------------------------------------------------------------------
def add_area(engine: Engine, name: str, *, as_person: str | None = None) -> Area:
    actor_id = setup_actor(engine, as_person, Act.ADD_AREA)
    with engine.workspace.index() as tx:
        _refuse_taken(tx.all(Area), name, "an area")
        tx.attribute(at=engine.now(), actor_id=actor_id, action="add area")
        return tx.put(Area.from_fields(name=name.strip()))


def change_area(engine: Engine, *, as_person: str, area_ref: str, name: str) -> Area:
    """Rename an area; another area of that name is refused."""
    current = area(engine, area_ref)
    actor_id = setup_actor(engine, as_person, Act.CHANGE_AREA)
    with engine.workspace.index() as tx:
        _refuse_taken(tx.all(Area), name, "an area", besides=current.id)
        held = _held(tx.get(Area, current.id), "area", area_ref)
        changed = _changed(held, name=name.strip())
        tx.attribute(at=engine.now(), actor_id=actor_id, action="rename area")
        return tx.put(changed)


# districts ------------------------------------------------------------------------------------------------
def add_district(
    engine: Engine, name: str, area_ref: str, teams: tuple[str, ...] = (), *, as_person: str | None = None
) -> District:
    """A new district, in the area of that name (made with it when no area has that name yet)."""
    actor_id = setup_actor(engine, as_person, Act.ADD_DISTRICT)
    in_area = existing_area(engine, area_ref)
    # A new area comes with its first district: one save and one audit entry, or neither.
    new_area = Area.from_fields(name=area_ref.strip()) if in_area is None else None
    with engine.workspace.index() as tx:
        _refuse_taken(tx.all(District), name, "a district")
        tx.attribute(at=engine.now(), actor_id=actor_id, action="add district")
        district = tx.put(District.from_fields(name=name.strip(), area_id=(in_area or new_area).id, teams=_teams(teams)))
        if new_area is not None:
            tx.put(new_area)
        return district


def change_district(
    engine: Engine,
    *,
    as_person: str,
    district: str,
    name: str | None = None,
    area_ref: str | None = None,
    teams: Iterable[str] | None = None,
    revision: int | None = None,
) -> District:
    """Rename a district, move it to another area, or set its teams (the list given replaces the old one)."""
    current = engine.district(district)
    changes: dict = {}
    if name is not None:
        changes["name"] = name.strip()
    if area_ref is not None:
        changes["area_id"] = area(engine, area_ref).id
    if teams is not None:
        changes["teams"] = _teams(teams)
    changed = _changed(_at(current, revision), **changes)
    # Asked of the district as it is and as it would be: an area manager keeps it inside their own area.
    actor_id = setup_actor(engine, as_person, Act.CHANGE_DISTRICT, current)
    setup_actor(engine, as_person, Act.CHANGE_DISTRICT, changed)
    with engine.workspace.index() as tx:
        _refuse_taken(tx.all(District), changed.name, "a district", besides=current.id)
        tx.attribute(at=engine.now(), actor_id=actor_id, action="change district")
        return tx.put(changed)


def retire_district(engine: Engine, *, as_person: str, district: str, on: date | str | None = None) -> District:
    """Close a district from a day, when it is merged or closed: it leaves the cycle plan, its history stays."""
    current = engine.district(district)
    day = engine.day(on)
    actor_id = setup_actor(engine, as_person, Act.RETIRE_DISTRICT, current)
    problems = rules.closing_problems(current, day, [s.inspection for s in engine.summaries()])
    if problems:
        raise InvalidInput(problems)
    with engine.workspace.index() as tx:
        tx.attribute(at=engine.now(), actor_id=actor_id, action="close district")
        return tx.put(attrs.evolve(_held(tx.get(District, current.id), "district", district), closed_on=day))


# people -------------------------------------------------------------------------------------------------
def add_person(
    engine: Engine,
    name: str,
    role: str | Role,
    *,
    area_ref: str | None = None,
    district_ref: str | None = None,
    email: str = "",
    as_person: str | None = None,
) -> Person:
    actor_id = setup_actor(engine, as_person, Act.ADD_PERSON)
    problems: list[Problem] = []
    fields = {"name": name.strip(), "email": (email or "").strip(), **_role(role, problems)}
    fields.update(_placement(engine, fields.get("role"), area_ref, district_ref, problems))
    person = _built(Person, fields, problems)
    with engine.workspace.index() as tx:
        tx.attribute(at=engine.now(), actor_id=actor_id, action="add person")
        return tx.put(person)


def change_person(
    engine: Engine,
    *,
    as_person: str,
    person: str,
    name: str | None = None,
    role: str | Role | None = None,
    area_ref: str | None = None,
    district_ref: str | None = None,
    email: str | None = None,
    revision: int | None = None,
) -> Person:
    """Correct a name or an email address, change a role, or move someone to another district or area.

    Only what is given changes; an empty area or district ("") takes the person out of theirs."""
    current = _at(engine.person(person), revision)
    actor_id = setup_actor(engine, as_person, Act.CHANGE_PERSON)
    problems: list[Problem] = []
    fields = attrs.asdict(current, recurse=False)
    if name is not None:
        fields["name"] = name.strip()
    if email is not None:
        fields["email"] = email.strip()
    if role is not None:
        fields.update(_role(role, problems))
    if district_ref is not None or area_ref is not None:
        fields.update(_placement(engine, fields.get("role"), area_ref, district_ref, problems, keep=current))
    elif role is not None and not problems:
        problems += rules.placement_problems(fields["role"], fields["area_id"], fields["district_id"])
    changed = _built(Person, fields, problems)
    if changed == current:
        raise InvalidInput(Problem("", "nothing to change: give a new name, role, district, area or email address"))
    _refuse(rules.role_change_problems(current, changed.role, engine.people(), engine.today()))
    with engine.workspace.index() as tx:
        _held(tx.get(Person, current.id), "person", person)
        tx.attribute(at=engine.now(), actor_id=actor_id, action="change person")
        return tx.put(changed)


def retire_person(engine: Engine, *, as_person: str, person: str, on: date | str | None = None) -> Person:
    """Record that someone leaves from a day: from then they cannot act and no picker offers them; their name
    stays on everything they did, and their open duties wait on the dashboards of those who can reassign them."""
    leaving = engine.person(person)
    day = engine.day(on)
    actor_id = setup_actor(engine, as_person, Act.RETIRE_PERSON)
    _refuse(rules.retirement_problems(leaving, day, engine.people()))
    with engine.workspace.index() as tx:
        tx.attribute(at=engine.now(), actor_id=actor_id, action="retire person")
        return tx.put(attrs.evolve(_held(tx.get(Person, leaving.id), "person", person), left_on=day))


# settings -------------------------------------------------------------------------------------------------
def update_settings(engine: Engine, changes: dict, *, as_person: str | None = None) -> Settings:
    actor_id = setup_actor(engine, as_person, Act.CHANGE_SETTINGS)
    current = engine.workspace.settings()
    updated = Settings.from_fields(**{**attrs.asdict(current, recurse=False), **_merged(current, _sender_named(engine, changes))})
    _refuse(_morning_sender_problems(engine, updated))
    if updated.sign_in_required and not current.sign_in_required:
        from .accounts import requiring_problems

        _refuse(requiring_problems(engine, actor_id))
    with engine.workspace.index() as tx:
        tx.attribute(at=engine.now(), actor_id=actor_id, action="change settings")
        return tx.put(attrs.evolve(updated, revision=current.revision))


def _sender_named(engine: Engine, changes: dict) -> dict:
    """The changes with the person who sends the morning digests given by id, however they were named."""
    smtp = changes.get("smtp")
    if not isinstance(smtp, dict) or not isinstance(smtp.get("send_as"), str):
        return changes
    if not smtp["send_as"].strip():
        return {**changes, "smtp": {**smtp, "send_as": ""}}
    try:
        sender = engine.person(smtp["send_as"].strip())
    except (InvalidInput, NotFound) as error:
        raise InvalidInput(Problem("smtp.send_as", str(error))) from None
    return {**changes, "smtp": {**smtp, "send_as": sender.id}}


def _morning_sender_problems(engine: Engine, settings: Settings) -> list[Problem]:
    """Why the digests cannot be sent every morning as these settings say: someone must send them who may."""
    smtp = settings.smtp
    if not smtp.send_at:
        return []
    if not smtp.send_as:
        return [Problem("smtp.send_as", f"name who sends the digests at {smtp.send_at}: an area director")]
    refusal = decide(engine.person(smtp.send_as), Act.SEND_REMINDERS, today=engine.today())
    return [Problem("smtp.send_as", refusal)] if refusal else []


def _merged(current: Settings, changes: dict) -> dict:
    """Changes to a group of settings (the mail server) given as some of its fields: the rest stay as they are."""
    merged = dict(changes)
    for name, value in changes.items():
        held = getattr(current, name, None)
        if attrs.has(type(held)) and isinstance(value, dict):
            merged[name] = {**attrs.asdict(held, recurse=False), **value}
    return merged


# ----------------------------------------------------------------------------------------------------------
def _teams(teams: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in teams if t.strip()))


def _refuse_taken(records: list, name: str, what: str, *, besides: str | None = None) -> None:
    taken = rules.name_taken(records, name, what, besides=besides)
    if taken is not None:
        raise InvalidInput(taken)


def _refuse(problems: list[Problem]) -> None:
    if problems:
        raise InvalidInput(problems)


def _role(role: str | Role, problems: list[Problem]) -> dict:
    try:
        return {"role": Role.parse(role) if isinstance(role, str) else role}
    except ValueError as error:
        problems.append(Problem("role", str(error)))
        return {}


def _placement(
    engine: Engine, role: Role | None, area_ref: str | None, district_ref: str | None, problems: list[Problem],
    keep: Person | None = None,
) -> dict:
    """The area and district a person is placed in: a district brings its own area; "" takes them out of one."""
    area_id = keep.area_id if keep else None
    district_id = keep.district_id if keep else None
    if area_ref is not None:
        area_id = None
        if area_ref.strip():
            try:
                area_id = area(engine, area_ref).id
            except NotFound as error:
                problems.append(Problem("area", str(error)))
    if district_ref is not None:
        district_id = None
        if district_ref.strip():
            try:
                found = engine.district(district_ref)
                district_id, area_id = found.id, found.area_id
            except NotFound as error:
                problems.append(Problem("district", str(error)))
    if role is not None and not problems:
        problems += rules.placement_problems(role, area_id, district_id)
    return {"area_id": area_id, "district_id": district_id}


def _built(cls: type, fields: dict, problems: list[Problem]):
    try:
        record = cls.from_fields(**fields) if not problems else None
    except InvalidInput as error:
        problems += error.problems
    if problems:
        raise InvalidInput(problems)
    return record


def _changed(record, **changes):
    try:
        changed = attrs.evolve(record, **changes)
    except InvalidInput as error:
        raise InvalidInput(error.problems) from None
    if changed == record:
        raise InvalidInput(Problem("", "nothing to change: the new details are the ones it has"))
    return changed


def _at(record, revision: int | None):
    # With the revision the person was looking at, a change saved meanwhile by someone else is refused by the store.
    return attrs.evolve(record, revision=revision) if revision is not None else record


def _held(record, what: str, reference: str):
    if record is None:
        raise Refused(f"The {what} {reference!r} was removed by someone else; reopen the list")
    return record

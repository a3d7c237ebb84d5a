"""Setting up the authority: areas, districts, people and workspace settings."""

from __future__ import annotations

import attrs

from ..domain.authority import Area, District, Person
from ..domain.errors import InvalidInput, NotFound, Problem
from ..domain.settings import Settings
from ..domain.vocabulary import Role
from .access import setup_actor
from .core import Engine, resolve


def add_area(engine: Engine, name: str, *, as_person: str | None = None) -> Area:
    actor_id = setup_actor(engine, as_person)
    if any(a.name.lower() == name.strip().lower() for a in engine.workspace.areas()):
        raise InvalidInput(Problem("name", f"there is already an area called {name!r}"))
    with engine.workspace.index() as tx:
        tx.attribute(at=engine.now(), actor_id=actor_id, action="add area")
        return tx.put(Area(name=name.strip()))


def area(engine: Engine, reference: str) -> Area:
    return resolve(reference, engine.workspace.areas(), "area", lambda a: a.name)


def add_district(
    engine: Engine, name: str, area_ref: str, teams: tuple[str, ...] = (), *, as_person: str | None = None
) -> District:
    actor_id = setup_actor(engine, as_person)
    if any(d.name.lower() == name.strip().lower() for d in engine.workspace.districts()):
        raise InvalidInput(Problem("name", f"there is already a district called {name!r}"))
    try:
        in_area, new_area = area(engine, area_ref), None
    except NotFound:
        # A new area comes with its first district: one save and one audit entry, or neither.
        in_area = new_area = Area(name=area_ref.strip())
    with engine.workspace.index() as tx:
        tx.attribute(at=engine.now(), actor_id=actor_id, action="add district")
        district = tx.put(District(name=name.strip(), area_id=in_area.id, teams=tuple(t.strip() for t in teams if t.strip())))
        if new_area is not None:
            tx.put(new_area)
        return district


def add_person(
    engine: Engine,
    name: str,
    role: str | Role,
    *,
    area_ref: str | None = None,
    district_ref: str | None = None,
    as_person: str | None = None,
) -> Person:
    actor_id = setup_actor(engine, as_person)
    problems = []
    try:
        role = Role.parse(role) if isinstance(role, str) else role
    except ValueError as error:
        problems.append(Problem("role", str(error)))
    district = area_id = None
    if district_ref:
        try:
            district = engine.district(district_ref)
            area_id = district.area_id
        except NotFound as error:
            problems.append(Problem("district", str(error)))
    if area_ref:
        try:
            area_id = area(engine, area_ref).id
        except NotFound as error:
            problems.append(Problem("area", str(error)))
    if not problems and role is Role.DISTRICT_MANAGER and district is None:
        problems.append(Problem("district", "a district manager needs the district they manage"))
    if not problems and role is Role.AREA_MANAGER and area_id is None:
        problems.append(Problem("area", "an area manager needs the area they oversee"))
    if problems:
        raise InvalidInput(problems)
    with engine.workspace.index() as tx:
        tx.attribute(at=engine.now(), actor_id=actor_id, action="add person")
        return tx.put(
            Person.from_fields(name=name, role=role, area_id=area_id, district_id=district.id if district else None)
        )


def update_settings(engine: Engine, changes: dict, *, as_person: str | None = None) -> Settings:
    actor_id = setup_actor(engine, as_person)
    current = engine.workspace.settings()
    updated = Settings.from_fields(**{**attrs.asdict(current, recurse=False), **changes})
    with engine.workspace.index() as tx:
        tx.attribute(at=engine.now(), actor_id=actor_id, action="change settings")
        return tx.put(attrs.evolve(updated, revision=current.revision))

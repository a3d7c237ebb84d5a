"""The authority's structure: areas, districts and the people who take part in inspections.

Nothing is deleted: a person who leaves is retired from a date and a district that is merged or closed is
closed from a date, so every record that names them still reads as it did.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from attrs import field, frozen, validators

from .errors import InvalidInput, Problem, not_blank
from .ids import new_id
from .inspection import Inspection
from .replanning import fieldwork_started
from .vocabulary import Role
from .limits import within_limits
from .records import Record

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def valid_email(value: str) -> bool:
    return bool(_EMAIL.fullmatch(value))


def _email(instance, attribute, value: str) -> None:
    if value and not valid_email(value):
        raise InvalidInput(Problem(attribute.name, f"{value!r} is not an email address (name@example.org)"))


@frozen(kw_only=True, field_transformer=within_limits)
class Area(Record):
    KIND = "area"  # names its table and is stored in each document: never rename
    name: str = field(validator=not_blank)
    id: str = field(factory=new_id)
    revision: int = 0


@frozen(kw_only=True, field_transformer=within_limits)
class District(Record):
    KIND = "district"  # names its table and is stored in each document: never rename
    name: str = field(validator=not_blank)
    area_id: str
    teams: tuple[str, ...] = ()
    closed_on: date | None = None  # merged or closed from this day: it leaves the cycle plan, its history stays
    id: str = field(factory=new_id)
    revision: int = 0

    def is_closed(self, today: date) -> bool:
        return self.closed_on is not None and self.closed_on <= today


@frozen(kw_only=True, field_transformer=within_limits)
class Person(Record):
    KIND = "person"  # names its table and is stored in each document: never rename
    name: str = field(validator=not_blank)
    role: Role = field(validator=validators.instance_of(Role))
    area_id: str | None = None
    district_id: str | None = None
    email: str = field(default="", validator=_email)
    left_on: date | None = None  # retired from this day: they can no longer act, their name stays on what they did
    id: str = field(factory=new_id)
    revision: int = 0

    def has_left(self, today: date | None) -> bool:
        """Whether they have left by `today`; asked without a day, any recorded leaving counts."""
        return self.left_on is not None and (today is None or self.left_on <= today)


def name_key(name: str) -> str:
    """What makes two names the same name: case and spacing are ignored."""
    return " ".join(name.split()).casefold()


def named(records: Iterable, name: str) -> list:
    """The areas or districts called `name`, whatever its case and spacing."""
    wanted = name_key(name)
    return [r for r in records if name_key(r.name) == wanted]


def same_names(records: Iterable) -> list[list]:
    """Groups of areas or districts sharing a name, from workspaces made before names had to differ."""
    groups: dict[str, list] = {}
    for record in records:
        groups.setdefault(name_key(record.name), []).append(record)
    return [group for group in groups.values() if len(group) > 1]


def name_taken(records: Iterable, name: str, what: str, *, besides: str | None = None) -> Problem | None:
    """The problem with giving a new or renamed area or district a name another one already has."""
    clash = [r for r in named(records, name) if r.id != besides]
    if not clash:
        return None
    return Problem("name", f"there is already {what} called {clash[0].name!r} ({clash[0].id[:8]}): choose another name")


def placement_problems(role: Role, area_id: str | None, district_id: str | None) -> list[Problem]:
    """Where a person's job places them: a district manager in the district they manage, an area manager in
    the area they oversee."""
    if role is Role.DISTRICT_MANAGER and district_id is None:
        return [Problem("district", "a district manager needs the district they manage")]
    if role is Role.AREA_MANAGER and area_id is None:
        return [Problem("area", "an area manager needs the area they oversee")]
    return []


def current(people: Iterable[Person], today: date) -> list[Person]:
    """Those who have not left by `today`: the people pickers and new teams choose from."""
    return [p for p in people if not p.has_left(today)]


def open_districts(districts: Iterable[District], today: date) -> list[District]:
    return [d for d in districts if not d.is_closed(today)]


def retirement_problems(person: Person, on: date, people: Iterable[Person]) -> list[Problem]:
    """Why this person cannot be retired from `on`: already retired, or the last area director."""
    if person.left_on is not None:
        return [Problem("person", f"{person.name} already left on {person.left_on}")]
    if _last_director(person, people, on):
        return [Problem("person", f"{person.name} is the last area director: add another before they leave, "
                                  "or nobody could run the authority")]
    return []


def role_change_problems(person: Person, role: Role, people: Iterable[Person], today: date) -> list[Problem]:
    """Why this person's role cannot become `role`: the last area director stays one."""
    if role is not Role.AREA_DIRECTOR and _last_director(person, people, today):
        return [Problem("role", f"{person.name} is the last area director: add another before changing their role, "
                                "or nobody could run the authority")]
    return []


def _last_director(person: Person, people: Iterable[Person], on: date) -> bool:
    # After them, nobody could administer the authority.
    if person.role is not Role.AREA_DIRECTOR:
        return False
    return not any(p.id != person.id and p.role is Role.AREA_DIRECTOR and not p.has_left(on) for p in people)


def closing_problems(district: District, on: date, inspections: Iterable[Inspection]) -> list[Problem]:
    """Why a district cannot close from `on`: already closed, or an inspection of it still to start by then.

    An inspection under way carries on to its report and action plan; one not yet started is cancelled first,
    so that nobody arrives to inspect a district that is gone."""
    if district.closed_on is not None:
        return [Problem("district", f"{district.name} already closed on {district.closed_on}")]
    waiting = sorted(
        (i for i in inspections if i.district_id == district.id and not i.is_cancelled and not fieldwork_started(i)),
        key=lambda i: i.fieldwork_start,
    )
    return [
        Problem("district", f"{district.name} has an inspection planned to start on {i.fieldwork_start} "
                            f"({i.title or i.id[:8]}): cancel it first")
        for i in waiting
    ]


def described(person: Person, districts: Mapping[str, District], areas: Mapping[str, Area]) -> str:
    """A person as every picker and list shows them: name, role and where, so two of the same name differ."""
    where = districts[person.district_id].name if person.district_id in districts else (
        areas[person.area_id].name if person.area_id in areas else "")
    said = f"{person.name} · {person.role.label}" + (f", {where}" if where else "")
    return said + (f" (retired from {person.left_on:%d %b %Y})" if person.left_on is not None else "")

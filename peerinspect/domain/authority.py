"""The authority's structure: areas, districts and the people who take part in inspections."""

from __future__ import annotations

from attrs import field, frozen, validators

from .errors import not_blank
from .ids import new_id
from .vocabulary import Role
from .limits import within_limits
from .records import Record


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
    id: str = field(factory=new_id)
    revision: int = 0


@frozen(kw_only=True, field_transformer=within_limits)
class Person(Record):
    KIND = "person"  # names its table and is stored in each document: never rename
    name: str = field(validator=not_blank)
    role: Role = field(validator=validators.instance_of(Role))
    area_id: str | None = None
    district_id: str | None = None
    id: str = field(factory=new_id)
    revision: int = 0

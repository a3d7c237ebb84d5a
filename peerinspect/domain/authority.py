"""The authority's structure: areas, districts and the people who take part in inspections."""

from __future__ import annotations

from attrs import field, frozen, validators

from .errors import not_blank
from .ids import new_id
from .vocabulary import Role
from .limits import within_limits


@frozen(kw_only=True, field_transformer=within_limits)
class Area:
    name: str = field(validator=not_blank)
    id: str = field(factory=new_id)
    revision: int = 0


@frozen(kw_only=True, field_transformer=within_limits)
class District:
    name: str = field(validator=not_blank)
    area_id: str
    teams: tuple[str, ...] = ()
    id: str = field(factory=new_id)
    revision: int = 0


@frozen(kw_only=True, field_transformer=within_limits)
class Person:
    name: str = field(validator=not_blank)
    role: Role = field(validator=validators.instance_of(Role))
    area_id: str | None = None
    district_id: str | None = None
    id: str = field(factory=new_id)
    revision: int = 0

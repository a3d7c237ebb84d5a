"""Immediate safeguarding concerns: each needs an immediate action plan and never waits for the report."""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from .errors import not_blank
from .ids import new_id
from .limits import within_limits
from .records import Record


@frozen(kw_only=True, field_transformer=within_limits)
class ImmediatePlan(Record):
    owner_id: str
    first_action: str = field(validator=not_blank)
    made_on: date
    made_by: str


@frozen(kw_only=True, field_transformer=within_limits)
class SafeguardingConcern(Record):
    KIND = "concern"  # names its table and is stored in each document: never rename
    inspection_id: str
    raised_by: str
    raised_on: date
    description: str = field(validator=not_blank)
    evidence_id: str | None = None
    plan: ImmediatePlan | None = None
    id: str = field(factory=new_id)
    revision: int = 0

    @property
    def has_plan(self) -> bool:
        return self.plan is not None

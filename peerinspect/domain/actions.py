"""The district's action plan: one or more actions per recommendation, followed up until verified."""

from __future__ import annotations

from datetime import date

from attrs import field, frozen, validators

from .errors import not_blank
from .ids import new_id
from .vocabulary import ActionStatus
from .limits import within_limits
from .records import Record


@frozen(kw_only=True, field_transformer=within_limits)
class ProgressNote:
    on: date
    author_id: str
    text: str = field(validator=not_blank)


@frozen(kw_only=True, field_transformer=within_limits)
class Action(Record):
    KIND = "action"  # names its table and is stored in each document: never rename
    inspection_id: str
    recommendation_id: str
    what: str = field(validator=not_blank)
    owner_id: str | None = None
    due: date | None = None
    status: ActionStatus = field(default=ActionStatus.NOT_STARTED, validator=validators.instance_of(ActionStatus))
    notes: tuple[ProgressNote, ...] = ()
    done_on: date | None = None
    done_by: str | None = None  # who said it was done: they may not also be the one who verifies it
    verified_on: date | None = None
    verified_by: str | None = None
    sent_back_reason: str = ""
    added_on: date | None = None  # None only in records made before actions were dated
    id: str = field(factory=new_id)
    revision: int = 0

    @property
    def last_note(self) -> ProgressNote | None:
        return self.notes[-1] if self.notes else None

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and today > self.due and self.status in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days if self.is_overdue(today) and self.due else 0

"""An issued report: frozen once issued, with its date and a hash of its content."""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from .ids import new_id
from .limits import within_limits
from .records import Record


@frozen(kw_only=True, field_transformer=within_limits)
class IssuedReport(Record):
    KIND = "report"  # names its table and is stored in each document: never rename
    inspection_id: str
    version: int
    issued_on: date
    issued_by: str
    content: dict  # the report as structured data, rendered to Markdown or HTML on demand
    content_hash: str
    reason: str = ""  # why a later version corrects an earlier one
    id: str = field(factory=new_id)
    revision: int = 0

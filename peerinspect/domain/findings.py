"""What the inspection concludes: emerging findings, judgements per theme and recommendations."""

from __future__ import annotations

from datetime import date

from attrs import field, frozen, validators

from .errors import not_blank
from .ids import new_id
from .vocabulary import FindingKind, JudgementStatus
from .limits import within_limits
from .records import Record


@frozen(kw_only=True, field_transformer=within_limits)
class EmergingFinding(Record):
    KIND = "finding"  # names its table and is stored in each document: never rename
    inspection_id: str
    author_id: str
    theme_id: str
    kind: FindingKind = field(validator=validators.instance_of(FindingKind))
    text: str = field(validator=not_blank)
    recorded_on: date
    evidence_ids: tuple[str, ...] = ()
    proposed_theme: str = ""  # not empty: proposes a themed inspection into this (for example, neglect)
    id: str = field(factory=new_id)
    revision: int = 0


@frozen(kw_only=True, field_transformer=within_limits)
class Judgement(Record):
    KIND = "judgement"  # names its table and is stored in each document: never rename
    inspection_id: str
    theme_id: str
    grade: str
    reasons: str = field(validator=not_blank)
    author_id: str
    status: JudgementStatus = JudgementStatus.PROPOSED
    signed_off_by: str | None = None
    proposed_on: date | None = None  # None only in records made before judgements were dated
    signed_off_on: date | None = None
    id: str = field(factory=new_id)
    revision: int = 0


@frozen(kw_only=True, field_transformer=within_limits)
class Recommendation(Record):
    """What the report asks the district to do; the action plan must answer every one."""

    KIND = "recommendation"  # names its table and is stored in each document: never rename
    inspection_id: str
    theme_id: str
    text: str = field(validator=not_blank)
    written_on: date | None = None  # None only in records made before recommendations were dated
    id: str = field(factory=new_id)
    revision: int = 0

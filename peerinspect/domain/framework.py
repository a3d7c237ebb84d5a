"""An inspection framework: themes, criteria, the grade scale and the deadline rules, as data."""

from __future__ import annotations

from attrs import field, frozen

from .vocabulary import DurationUnit, InspectionKind, KEY_QUESTION


@frozen(kw_only=True)
class Grade:
    key: str
    label: str
    rank: int  # 1 is the best grade; used to order and chart grades


@frozen(kw_only=True)
class Criterion:
    id: str
    text: str


@frozen(kw_only=True)
class Theme:
    id: str
    title: str
    summary: str = ""
    criteria: tuple[Criterion, ...] = ()

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)


class DeadlineAnchor:
    """The events a deadline can run from."""

    FIELDWORK_END = "fieldwork_end"
    REPORT_ISSUED = "report_issued"
    CONCERN_RAISED = "concern_raised"

    ALL = (FIELDWORK_END, REPORT_ISSUED, CONCERN_RAISED)


@frozen(kw_only=True)
class DeadlineRule:
    id: str
    title: str
    after: str
    amount: int
    unit: DurationUnit


@frozen(kw_only=True)
class Framework:
    id: str
    title: str
    kind: InspectionKind = InspectionKind.FULL
    version: str = "1"
    key_question: str = KEY_QUESTION
    grades: tuple[Grade, ...] = ()
    themes: tuple[Theme, ...] = ()
    deadlines: tuple[DeadlineRule, ...] = ()
    fieldwork_days_min: int = 3
    fieldwork_days_max: int = 5
    # Short notice: the district hears at most this many working days before fieldwork starts.
    notice_working_days_max: int = 10
    focus: str = field(default="")

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def grade(self, key: str) -> Grade | None:
        return next((g for g in self.grades if g.key == key), None)

    def deadline(self, rule_id: str) -> DeadlineRule | None:
        return next((d for d in self.deadlines if d.id == rule_id), None)

    @property
    def grade_keys(self) -> tuple[str, ...]:
        return tuple(g.key for g in self.grades)

    def criterion_ids(self) -> frozenset[str]:
        return frozenset(c.id for t in self.themes for c in t.criteria)

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
    PLAN_RETURNED = "action_plan_returned"

    ALL = (FIELDWORK_END, REPORT_ISSUED, CONCERN_RAISED, PLAN_RETURNED)


@frozen(kw_only=True)
class DeadlineRule:
    id: str
    title: str
    after: str
    amount: int
    unit: DurationUnit


RESUBMISSION = "action_plan_resubmission"

# A framework that does not say how long a returned action plan has gets this rule.
DEFAULT_RESUBMISSION = DeadlineRule(
    id=RESUBMISSION, title="Returned action plan resubmitted", after=DeadlineAnchor.PLAN_RETURNED,
    amount=10, unit=DurationUnit.WORKING_DAYS,
)


@frozen(kw_only=True)
class SampleTargets:
    """How much fieldwork the framework asks for; None where it sets no target."""

    case_audits: int | None = None
    observations: int | None = None
    families: int | None = None  # children, young people, parents or carers spoken to

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.case_audits, self.observations, self.families))


# A finding should rest on at least this many kinds of independent source, unless the framework says otherwise.
DEFAULT_MINIMUM_SOURCE_KINDS = 2


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
    # Working days after the last day of fieldwork: 0 means feedback on the last day itself.
    feedback_days_after_fieldwork: int = 0
    # Working days after the last day of fieldwork in which evidence may still be recorded.
    evidence_days_after_fieldwork: int = 0
    # Calendar days after the last day of fieldwork that a field copy still opens: then it must come home.
    field_copy_days_after_fieldwork: int = 14
    # Short notice: the district hears at most this many working days before fieldwork starts.
    notice_working_days_max: int = 10
    focus: str = field(default="")
    minimum_source_kinds: int = DEFAULT_MINIMUM_SOURCE_KINDS
    # A theme graded below this grade needs at least one recommendation before the report is issued.
    recommendation_below: str = "good"
    family_questions: tuple[str, ...] = ()
    targets: SampleTargets = SampleTargets()

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def grade(self, key: str) -> Grade | None:
        return next((g for g in self.grades if g.key == key), None)

    def deadline(self, rule_id: str) -> DeadlineRule | None:
        return next((d for d in self.deadlines if d.id == rule_id), None)

    @property
    def resubmission(self) -> DeadlineRule:
        """How long a district has to resubmit an action plan that was returned to it."""
        return self.deadline(RESUBMISSION) or DEFAULT_RESUBMISSION

    @property
    def grade_keys(self) -> tuple[str, ...]:
        return tuple(g.key for g in self.grades)

    def criterion_ids(self) -> frozenset[str]:
        return frozenset(c.id for t in self.themes for c in t.criteria)

"""The evidence an inspection gathers. Every kind answers the key question: so what difference has been made?"""

from __future__ import annotations

import re
from datetime import date

from attrs import field, frozen, validators

from .errors import InvalidInput, Problem, not_blank
from .framework import Framework
from .ids import new_id
from .limits import within_limits
from .records import Record
from .vocabulary import (
    AgeBand,
    ConversationFormat,
    ConversationGroup,
    ConversationMode,
    LegalStatus,
    ObservationSetting,
    RiskFactor,
)

# A pseudonymous case reference: letters, digits and separators, never a child's name.
CASE_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_-]{1,31}$")
_HAS_DIGIT = re.compile(r"\d")


def _case_reference(instance, attribute, value: str) -> None:
    if not CASE_REFERENCE.match(value) or not _HAS_DIGIT.search(value):
        raise InvalidInput(
            Problem(
                attribute.name,
                f"{value!r} is not a case reference: use the case system's number (letters, digits, - or /), never a name",
            )
        )


def _sorted_unique(values) -> tuple:
    return tuple(sorted(set(values), key=str))


@frozen(kw_only=True, field_transformer=within_limits)
class _EvidenceBase(Record):
    inspection_id: str
    author_id: str
    recorded_on: date
    theme_id: str | None = None
    difference_made: str = ""
    id: str = field(factory=new_id)
    revision: int = 0


@frozen(kw_only=True, field_transformer=within_limits)
class FileReview(_EvidenceBase):
    KIND = "file_review"  # names its table and is stored in each document: never rename
    TITLE, PLURAL = "File reviews", "file reviews"
    case_reference: str = field(validator=_case_reference)
    team: str = field(validator=not_blank)
    allocated_worker: str = ""
    age_band: AgeBand = field(validator=validators.instance_of(AgeBand))
    legal_status: LegalStatus = field(validator=validators.instance_of(LegalStatus))
    risk_factors: tuple[RiskFactor, ...] = field(default=(), converter=_sorted_unique)
    disability_or_sen: bool = False
    grades: dict[str, str] = field(factory=dict)  # criterion id -> grade key
    strengths: str = ""
    areas_for_development: str = ""
    safeguarding_concern: str = ""  # not empty: an immediate safeguarding issue, described

    @property
    def raises_safeguarding(self) -> bool:
        return bool(self.safeguarding_concern.strip())


@frozen(kw_only=True, field_transformer=within_limits)
class Observation(_EvidenceBase):
    KIND = "observation"  # names its table and is stored in each document: never rename
    TITLE, PLURAL = "Observations of practice", "observations"
    setting: ObservationSetting = field(validator=validators.instance_of(ObservationSetting))
    practitioner: str = field(validator=not_blank)
    grade: str = field(validator=not_blank)
    notes: str = ""


@frozen(kw_only=True, field_transformer=within_limits)
class Conversation(_EvidenceBase):
    KIND = "conversation"  # names its table and is stored in each document: never rename
    TITLE, PLURAL = "Conversations", "conversations"
    with_group: ConversationGroup = field(validator=validators.instance_of(ConversationGroup))
    format: ConversationFormat = ConversationFormat.INDIVIDUAL
    mode: ConversationMode = ConversationMode.IN_PERSON
    notes: str = field(validator=not_blank)
    family_answers: dict[str, str] = field(factory=dict)  # number of the framework's family question ("1" first) -> answer


@frozen(kw_only=True, field_transformer=within_limits)
class PerformanceIndicator(_EvidenceBase):
    KIND = "indicator"  # names its table and is stored in each document: never rename
    TITLE, PLURAL = "Performance information", "performance indicators"
    name: str = field(validator=not_blank)
    value: str = field(validator=not_blank)
    comparator: str = ""
    period: str = ""
    commentary: str = ""  # on quality, not only compliance


Evidence = FileReview | Observation | Conversation | PerformanceIndicator

EVIDENCE_CLASSES: tuple[type, ...] = (FileReview, Observation, Conversation, PerformanceIndicator)
EVIDENCE_KINDS: dict[str, type] = {cls.KIND: cls for cls in EVIDENCE_CLASSES}


def evidence_kind(evidence: Evidence) -> str:
    return evidence.KIND


def check_against_framework(evidence: Evidence, framework: Framework) -> list[Problem]:
    """Problems with the parts of a piece of evidence that the framework defines: themes, criteria, grades."""
    problems: list[Problem] = []
    if evidence.theme_id is not None and framework.theme(evidence.theme_id) is None:
        problems.append(Problem("theme_id", f"{evidence.theme_id!r} is not a theme of {framework.title}"))
    if isinstance(evidence, FileReview):
        criteria = framework.criterion_ids()
        for criterion_id, grade in evidence.grades.items():
            if criterion_id not in criteria:
                problems.append(Problem(f"grades.{criterion_id}", f"{criterion_id!r} is not a criterion of {framework.title}"))
            if framework.grade(grade) is None:
                problems.append(Problem(f"grades.{criterion_id}", _not_on_scale(grade, framework)))
    if isinstance(evidence, Observation) and framework.grade(evidence.grade) is None:
        problems.append(Problem("grade", _not_on_scale(evidence.grade, framework)))
    if isinstance(evidence, Conversation):
        asked = {str(n) for n in range(1, len(framework.family_questions) + 1)}
        for number in evidence.family_answers:
            if number not in asked:
                problems.append(Problem(f"family_answers.{number}", _not_a_question(number, framework)))
    return problems


def _not_a_question(number: str, framework: Framework) -> str:
    count = len(framework.family_questions)
    if not count:
        return f"{framework.title} asks no family feedback questions"
    return f"{number!r} is not a family feedback question of {framework.title}: they are numbered 1 to {count}"


def _not_on_scale(grade: str, framework: Framework) -> str:
    return f"grade {grade!r} is not on the scale ({', '.join(framework.grade_keys)})"


# Free-text fields, where a child's name or date of birth has no place. Staff names
# (allocated worker, practitioner) are expected where asked for, so are not checked.
FREE_TEXT_FIELDS = ("notes", "strengths", "areas_for_development", "difference_made", "safeguarding_concern", "commentary")


def free_text(evidence: Evidence) -> dict[str, str]:
    fields = {name: getattr(evidence, name) for name in FREE_TEXT_FIELDS if hasattr(evidence, name)}
    for number, answer in getattr(evidence, "family_answers", {}).items():
        fields[f"family_answers.{number}"] = answer
    return fields

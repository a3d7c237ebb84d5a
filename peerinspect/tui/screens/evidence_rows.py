"""How each kind of evidence reads as one line of a list."""

from __future__ import annotations

from ...domain.evidence import Conversation, Evidence, FileReview, Observation, PerformanceIndicator
from ...domain.findings import EmergingFinding
from ...domain.framework import Framework
from ..widgets.evidence_list import EvidenceRow


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _theme(framework: Framework, theme_id: str | None) -> str:
    theme = framework.theme(theme_id) if theme_id else None
    return _short(theme.title, 28) if theme else "—"


def _grade_label(framework: Framework, key: str) -> str:
    grade = framework.grade(key)
    return grade.label if grade else key


def row_of(evidence: Evidence, framework: Framework, names: dict[str, str]) -> EvidenceRow:
    grades: tuple[str, ...] = ()
    match evidence:
        case FileReview():
            what = f"{evidence.case_reference} · {evidence.team} · {evidence.legal_status.label}"
            if evidence.raises_safeguarding:
                what = "⚠ " + what
            grades = tuple(evidence.grades.values())
        case Observation():
            what = f"{evidence.setting.label}: {evidence.practitioner}"
            grades = (evidence.grade,)
        case Conversation():
            what = f"{evidence.with_group.label}: {evidence.notes}"
        case PerformanceIndicator():
            what = f"{evidence.name} = {evidence.value}" + (f" ({evidence.comparator})" if evidence.comparator else "")
    counts = {g: grades.count(g) for g in dict.fromkeys(grades)}
    grade_text = ", ".join(f"{_grade_label(framework, g)}" + (f" ×{n}" if n > 1 else "") for g, n in counts.items())
    return EvidenceRow(
        id=evidence.id, recorded_on=evidence.recorded_on, what=_short(what), theme_id=evidence.theme_id,
        theme=_theme(framework, evidence.theme_id), author_id=evidence.author_id,
        author=names.get(evidence.author_id, "—"), grades=grades, grade_text=grade_text,
    )


def finding_row(finding: EmergingFinding, framework: Framework, names: dict[str, str]) -> EvidenceRow:
    proposes = f" → themed inspection: {finding.proposed_theme}" if finding.proposed_theme else ""
    return EvidenceRow(
        id=finding.id, recorded_on=finding.recorded_on, what=_short(f"{finding.kind.label}: {finding.text}{proposes}"),
        theme_id=finding.theme_id, theme=_theme(framework, finding.theme_id), author_id=finding.author_id,
        author=names.get(finding.author_id, "—"),
    )

"""The impact chain: every conclusion rests on evidence from more than one kind of independent source."""

from __future__ import annotations

from attrs import frozen

from .dossier import Dossier
from .evidence import Conversation, Evidence, FileReview, Observation, PerformanceIndicator
from .findings import EmergingFinding
from .framework import Framework
from .vocabulary import ConversationGroup, Label


class SourceKind(Label):
    """Where a piece of evidence comes from; two conversations with workers are one kind, not two."""

    FILE_REVIEW = "file_review"
    OBSERVATION = "observation"
    WORKER_OR_MANAGER = "worker_or_manager"
    CHILD_OR_FAMILY = "child_or_family"
    PARTNER_AGENCY = "partner_agency"
    PERFORMANCE_INFORMATION = "performance_information"


_BY_GROUP = {
    ConversationGroup.WORKER: SourceKind.WORKER_OR_MANAGER,
    ConversationGroup.TEAM_MANAGER: SourceKind.WORKER_OR_MANAGER,
    ConversationGroup.MIDDLE_MANAGER: SourceKind.WORKER_OR_MANAGER,
    ConversationGroup.CHILD_OR_YOUNG_PERSON: SourceKind.CHILD_OR_FAMILY,
    ConversationGroup.PARENT_OR_CARER: SourceKind.CHILD_OR_FAMILY,
    ConversationGroup.PARTNER_AGENCY: SourceKind.PARTNER_AGENCY,
    ConversationGroup.ELECTED_MEMBER: SourceKind.PARTNER_AGENCY,
}


def source_kind(evidence: Evidence) -> SourceKind:
    if isinstance(evidence, FileReview):
        return SourceKind.FILE_REVIEW
    if isinstance(evidence, Observation):
        return SourceKind.OBSERVATION
    if isinstance(evidence, Conversation):
        return _BY_GROUP[evidence.with_group]
    if isinstance(evidence, PerformanceIndicator):
        return SourceKind.PERFORMANCE_INFORMATION
    raise TypeError(f"not evidence: {evidence!r}")


@frozen(kw_only=True)
class FindingSupport:
    """One finding with the kinds of source behind it, measured against the framework's minimum."""

    finding: EmergingFinding
    kinds: tuple[SourceKind, ...]  # in the order SourceKind lists them
    minimum: int

    @property
    def count(self) -> int:
        return len(self.kinds)

    @property
    def below_minimum(self) -> bool:
        return self.count < self.minimum

    @property
    def text(self) -> str:
        """'2 kinds of source (file review, observation)', or 'no linked evidence'."""
        if not self.kinds:
            return "no linked evidence"
        noun = "kind" if self.count == 1 else "kinds"
        return f"{self.count} {noun} of source ({', '.join(k.label for k in self.kinds)})"


def finding_support(finding: EmergingFinding, dossier: Dossier, framework: Framework) -> FindingSupport:
    linked = set(finding.evidence_ids)
    found = {source_kind(e) for e in dossier.evidence if e.id in linked}
    return FindingSupport(
        finding=finding, kinds=tuple(k for k in SourceKind if k in found), minimum=framework.minimum_source_kinds,
    )


def support_of_findings(dossier: Dossier, framework: Framework) -> tuple[FindingSupport, ...]:
    return tuple(finding_support(f, dossier, framework) for f in dossier.findings)


def thinly_supported(dossier: Dossier, framework: Framework) -> tuple[FindingSupport, ...]:
    """The findings resting on fewer kinds of source than the framework asks for."""
    return tuple(s for s in support_of_findings(dossier, framework) if s.below_minimum)


def impact_blockers(dossier: Dossier, framework: Framework, reason: str) -> list[str]:
    """What the impact chain asks before the report is issued: a recommendation for every theme graded below
    the framework's line, and the lead's reason for issuing findings that rest on too few kinds of source."""
    problems = [
        f"Theme '{theme.title}' is graded below {_grade_label(framework, framework.recommendation_below)} "
        "and has no recommendation: the district needs to know what to improve"
        for theme in framework.themes
        if graded_below_line(dossier, framework, theme.id)
        and not any(r.theme_id == theme.id for r in dossier.recommendations)
    ]
    thin = thinly_supported(dossier, framework)
    if thin and not reason.strip():
        named = "; ".join(f"'{_short(s.finding.text)}' ({s.text})" for s in thin)
        problems.append(
            f"{len(thin)} finding{'s rest' if len(thin) != 1 else ' rests'} on fewer than "
            f"{framework.minimum_source_kinds} kinds of source: {named}. "
            "Link more evidence, or record in the note why the report is issued as it is"
        )
    return problems


def graded_below_line(dossier: Dossier, framework: Framework, theme_id: str) -> bool:
    """Whether the theme's judgement is worse than the framework's line ("good" by default)."""
    line = framework.grade(framework.recommendation_below)
    judgement = dossier.judgement_for(theme_id)
    grade = framework.grade(judgement.grade) if judgement else None
    return line is not None and grade is not None and grade.rank > line.rank


def _grade_label(framework: Framework, key: str) -> str:
    grade = framework.grade(key)
    return grade.label.lower() if grade else key


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"

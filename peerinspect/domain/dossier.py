"""Everything recorded about one inspection, read at one moment: the input to every rule about it."""

from __future__ import annotations

from attrs import evolve, frozen

from .actions import Action
from .evidence import EVIDENCE_CLASSES, Conversation, Evidence, FileReview, Observation, PerformanceIndicator
from .findings import EmergingFinding, Judgement, Recommendation
from .inspection import Inspection
from .report import IssuedReport
from .safeguarding import SafeguardingConcern
from .summary import InspectionSummary

# Every kind of record kept in an inspection's own file, beside the inspection itself.
INSPECTION_RECORD_CLASSES: tuple[type, ...] = (
    *EVIDENCE_CLASSES, EmergingFinding, Judgement, Recommendation, SafeguardingConcern, Action, IssuedReport,
)


@frozen(kw_only=True)
class Dossier:
    inspection: Inspection
    file_reviews: tuple[FileReview, ...] = ()
    observations: tuple[Observation, ...] = ()
    conversations: tuple[Conversation, ...] = ()
    indicators: tuple[PerformanceIndicator, ...] = ()
    findings: tuple[EmergingFinding, ...] = ()
    judgements: tuple[Judgement, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    concerns: tuple[SafeguardingConcern, ...] = ()
    actions: tuple[Action, ...] = ()
    reports: tuple[IssuedReport, ...] = ()

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return (*self.file_reviews, *self.observations, *self.conversations, *self.indicators)

    def keeping_evidence(self, evidence_ids: set[str]) -> "Dossier":
        """The dossier with only the evidence whose ids are given, everything else as it is."""
        return evolve(
            self,
            file_reviews=tuple(e for e in self.file_reviews if e.id in evidence_ids),
            observations=tuple(e for e in self.observations if e.id in evidence_ids),
            conversations=tuple(e for e in self.conversations if e.id in evidence_ids),
            indicators=tuple(e for e in self.indicators if e.id in evidence_ids),
        )

    def find_evidence(self, evidence_id: str) -> Evidence | None:
        return next((e for e in self.evidence if e.id == evidence_id), None)

    def judgement_for(self, theme_id: str) -> Judgement | None:
        return next((j for j in self.judgements if j.theme_id == theme_id), None)

    def actions_for(self, recommendation_id: str) -> tuple[Action, ...]:
        return tuple(a for a in self.actions if a.recommendation_id == recommendation_id)

    @property
    def latest_report(self) -> IssuedReport | None:
        return max(self.reports, key=lambda r: r.version, default=None)

    def summary(self) -> InspectionSummary:
        return InspectionSummary(inspection=self.inspection, concerns=self.concerns, actions=self.actions)

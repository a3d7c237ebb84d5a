"""Every record kind goes into the workspace and comes back equal; older documents are migrated on read."""

from datetime import date

import pytest

from peerinspect.domain.actions import Action, ProgressNote
from peerinspect.domain.evidence import Conversation, FileReview, Observation, PerformanceIndicator
from peerinspect.domain.findings import EmergingFinding, Judgement, Recommendation
from peerinspect.domain.report import IssuedReport
from peerinspect.domain.safeguarding import ImmediatePlan, SafeguardingConcern
from peerinspect.domain.vocabulary import (
    ActionStatus, AgeBand, ConversationGroup, ConversationMode, FindingKind, LegalStatus, ObservationSetting, RiskFactor,
)
from peerinspect.store import converter
from peerinspect.store.converter import from_document, to_document

from .conftest import WHEN

DAY = date(2026, 3, 10)


def inspection_records(inspection_id: str) -> list:
    common = dict(inspection_id=inspection_id, author_id="p1", recorded_on=DAY, theme_id="help-and-protection")
    return [
        FileReview(**common, case_reference="BSK-24-0001", team="Assessment", allocated_worker="Worker A",
                   age_band=AgeBand.AGED_4_TO_10, legal_status=LegalStatus.CHILD_PROTECTION_PLAN,
                   risk_factors=(RiskFactor.NEGLECT, RiskFactor.DOMESTIC_VIOLENCE), disability_or_sen=True,
                   grades={"hp-assessment": "good"}, strengths="s", areas_for_development="a", difference_made="d",
                   safeguarding_concern="unsafe sleeping"),
        Observation(**common, setting=ObservationSetting.HOME_VISIT, practitioner="P", grade="good", notes="n"),
        Conversation(**common, with_group=ConversationGroup.PARENT_OR_CARER, mode=ConversationMode.TELEPHONE,
                     notes="n", family_answers={"1": "yes", "5": "more visits"}),
        PerformanceIndicator(**common, name="Re-referrals", value="18%", comparator="22%", period="2025-26", commentary="c"),
        EmergingFinding(inspection_id=inspection_id, author_id="p1", theme_id="t", kind=FindingKind.STRENGTH,
                        text="t", recorded_on=DAY, evidence_ids=("e1",), proposed_theme="neglect"),
        Judgement(inspection_id=inspection_id, theme_id="t", grade="good", reasons="r", author_id="p1"),
        Recommendation(inspection_id=inspection_id, theme_id="t", text="r"),
        SafeguardingConcern(inspection_id=inspection_id, raised_by="p1", raised_on=DAY, description="d",
                            plan=ImmediatePlan(owner_id="p2", first_action="visit", made_on=DAY, made_by="p1")),
        Action(inspection_id=inspection_id, recommendation_id="r1", what="w", owner_id="p2", due=date(2026, 5, 1),
               status=ActionStatus.IN_PROGRESS, notes=(ProgressNote(on=DAY, author_id="p2", text="started"),)),
        IssuedReport(inspection_id=inspection_id, version=1, issued_on=DAY, issued_by="p1", content={"a": [1, "b"]},
                     content_hash="h"),
    ]


def test_every_inspection_record_round_trips_through_the_workspace(workspace, planned):
    records = inspection_records(planned.id)
    with workspace.inspection(planned.id) as tx:
        tx.attribute(at=WHEN, actor_id="p1", action="add all")
        saved = [tx.put(r) for r in records]
    dossier = workspace.dossier(planned.id)
    stored = [*dossier.evidence, *dossier.findings, *dossier.judgements, *dossier.recommendations,
              *dossier.concerns, *dossier.actions, *dossier.reports]
    assert sorted(stored, key=lambda r: r.id) == sorted(saved, key=lambda r: r.id)
    assert dossier.inspection == planned


def test_workspace_records_round_trip(workspace, planned):
    assert [p.name for p in workspace.people()] == ["Alex Director"]
    assert [a.name for a in workspace.areas()] == ["North"]
    assert workspace.summaries()[0].inspection == planned


def test_an_older_document_is_migrated_on_read(monkeypatch):
    review = inspection_records("i1")[0]
    old = to_document(review)
    old["_schema"] = 1
    old["worker"] = old.pop("allocated_worker")  # how an earlier schema might have named it

    def rename_worker(kind: str, document: dict) -> dict:
        if kind == "file_review":
            document["allocated_worker"] = document.pop("worker")
        return document

    monkeypatch.setattr(converter, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(converter.MIGRATIONS, 1, rename_worker)
    assert from_document(old) == review


def test_a_document_from_a_newer_version_is_refused_clearly():
    document = to_document(inspection_records("i1")[1])
    document["_schema"] = converter.SCHEMA_VERSION + 1
    with pytest.raises(ValueError, match="newer peerinspect"):
        from_document(document)


def test_the_index_summary_follows_the_inspection(workspace, planned):
    import attrs

    from peerinspect.domain.inspection import Stage

    with workspace.inspection(planned.id) as tx:
        tx.attribute(at=WHEN, actor_id="p1", action="notify")
        tx.put(attrs.evolve(planned, stage=Stage.NOTIFIED))
    assert workspace.summaries()[0].inspection.stage is Stage.NOTIFIED
    assert workspace.repair_index() == []


def test_a_stored_document_with_a_key_no_migration_explains_is_refused_by_name():
    document = to_document(inspection_records("i1")[1])
    document["practitoner"] = document.pop("practitioner")
    with pytest.raises(ValueError, match='unknown key "practitoner" \\(did you mean "practitioner"\\?\\)'):
        from_document(document)


def test_each_record_kind_is_declared_once_on_its_class_and_every_list_follows_it():
    from peerinspect.domain.dossier import INSPECTION_RECORD_CLASSES
    from peerinspect.domain.evidence import EVIDENCE_KINDS
    from peerinspect.engine.bundle import INSPECTION_RECORD_KINDS

    declared = [cls.KIND for cls in converter.RECORD_CLASSES]
    assert len(declared) == len(set(declared))
    assert all(converter.KINDS[cls.KIND] is cls for cls in converter.RECORD_CLASSES)
    assert set(INSPECTION_RECORD_KINDS) == {cls.KIND for cls in INSPECTION_RECORD_CLASSES} <= set(converter.KINDS)
    assert set(EVIDENCE_KINDS) <= set(INSPECTION_RECORD_KINDS)
    for record in inspection_records("i1"):
        assert to_document(record)["_kind"] == type(record).KIND

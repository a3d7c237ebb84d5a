"""The fictional sample: the committed bundles, their regeneration, and the demo workspace built from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from peerinspect import sample
from peerinspect.domain import ids
from peerinspect.domain.deadlines import DeadlineState
from peerinspect.domain.errors import NotFound
from peerinspect.domain.inspection import Stage
from peerinspect.domain.vocabulary import ActionStatus, AgeBand, ConversationGroup, JudgementStatus, LegalStatus, RiskFactor
from peerinspect.engine import bundle, queries
from peerinspect.engine.core import Engine

COMMITTED = Path(__file__).resolve().parents[1] / "inspections" / "sample"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Engine:
    return sample.build_sample(tmp_path_factory.mktemp("sample") / "workspace")


@pytest.fixture(scope="module")
def main_dossier(tmp_path_factory):
    engine = Engine.open(tmp_path_factory.mktemp("import") / "workspace", create=True)
    added = bundle.import_bundle(engine, (COMMITTED / "sample-inspection.json").read_text(encoding="utf-8"))
    assert added["inspection"] == 1
    return engine.workspace.dossier(engine.summary(sample.MAIN_TITLE).id)


# the committed bundle --------------------------------------------------------------------------
def test_the_main_inspection_holds_a_full_evidence_base(main_dossier):
    assert len(main_dossier.file_reviews) >= 30
    assert len(main_dossier.observations) == 10
    assert len(main_dossier.conversations) == 20
    assert len(main_dossier.indicators) == 10
    assert {c.with_group for c in main_dossier.conversations} == set(ConversationGroup)
    assert {o.setting.value for o in main_dossier.observations} == {
        "home_visit", "conference", "supervision", "team_meeting", "other"
    }
    assert all(e.difference_made.strip() for e in main_dossier.evidence), "every piece answers the key question"


def test_the_files_reviewed_cover_every_age_status_and_risk(main_dossier):
    reviews = main_dossier.file_reviews
    assert {r.age_band for r in reviews} == set(AgeBand)
    assert {r.legal_status for r in reviews} == set(LegalStatus)
    assert {f for r in reviews for f in r.risk_factors} == set(RiskFactor)
    looked_after = sum(r.legal_status in (LegalStatus.LOOKED_AFTER, LegalStatus.CARE_LEAVER) for r in reviews)
    assert 0.5 <= looked_after / len(reviews) <= 0.8  # about two thirds, as in the cases the survey tracked
    assert len({r.case_reference for r in reviews}) == len(reviews)
    assert all(r.case_reference.startswith("HRW-") for r in reviews)


def test_each_file_review_is_graded_on_its_own_themes_criteria(main_dossier, built):
    framework = built.framework(sample.FULL)
    for review in main_dossier.file_reviews:
        criteria = {c.id for c in framework.theme(review.theme_id).criteria}
        assert review.grades and set(review.grades) <= criteria


def test_care_ambassadors_hear_children_and_families(main_dossier):
    ambassadors = {m.person_id for m in main_dossier.inspection.team if m.role.value == "care_ambassador"}
    theirs = [c for c in main_dossier.conversations if c.author_id in ambassadors]
    assert theirs and all(c.with_group.is_family for c in theirs)
    assert {c.with_group for c in theirs} == {ConversationGroup.CHILD_OR_YOUNG_PERSON, ConversationGroup.PARENT_OR_CARER}
    assert any(c.family_answers for c in theirs)


def test_the_conclusions_are_complete(main_dossier):
    assert main_dossier.inspection.stage is Stage.REPORT_ISSUED
    assert {j.theme_id for j in main_dossier.judgements} == {sample.HP, sample.LA, sample.LMG}
    assert all(j.status is JudgementStatus.SIGNED_OFF and j.reasons for j in main_dossier.judgements)
    for theme in (sample.HP, sample.LA, sample.LMG):
        kinds = {f.kind.value for f in main_dossier.findings if f.theme_id == theme}
        assert kinds == {"strength", "area_for_development"}
    assert [f.proposed_theme for f in main_dossier.findings if f.proposed_theme] == ["neglect"]
    (concern,) = main_dossier.concerns
    assert concern.has_plan and concern.plan.made_on == concern.raised_on
    assert len(main_dossier.reports) == 1


def test_the_action_plan_is_under_way(main_dossier):
    statuses = [a.status for a in main_dossier.actions]
    assert ActionStatus.IN_PROGRESS in statuses and ActionStatus.NOT_STARTED in statuses
    assert statuses.count(ActionStatus.DONE) == 1  # awaiting the area manager's check
    assert {r.id for r in main_dossier.recommendations} == {a.recommendation_id for a in main_dossier.actions}


# regeneration -----------------------------------------------------------------------------------
def test_regenerating_gives_the_committed_bundles_byte_for_byte(built):
    texts = sample.bundle_texts(built)
    assert set(texts) == set(sample.BUNDLE_FILES)
    for name, text in texts.items():
        committed = (COMMITTED / name).read_text(encoding="utf-8")
        assert text == committed, f"{name} is stale: run 'python -m peerinspect.sample --output inspections/sample/'"


def test_two_builds_export_the_same_text(built, tmp_path):
    assert sample.bundle_texts(sample.build_sample(tmp_path / "again")) == sample.bundle_texts(built)


def test_the_command_writes_every_bundle(tmp_path, capsys):
    assert sample.main(["--output", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(sample.BUNDLE_FILES)
    assert capsys.readouterr().out.count("sample-") == len(sample.BUNDLE_FILES)


def test_building_leaves_record_ids_random_again(built):
    with sample.seeded_ids(1):
        first = ids.new_id()
    with sample.seeded_ids(1):
        assert ids.new_id() == first
    assert ids.new_id() != ids.new_id() != first


# the demo ---------------------------------------------------------------------------------------
def test_the_demo_holds_every_sample_inspection_and_district(tmp_path, built):
    demo = sample.build_demo(tmp_path / "demo")
    assert demo.today() == sample.DEMO_TODAY
    titles = {s.inspection.title: s.inspection.stage for s in demo.workspace.summaries()}
    assert titles == {
        sample.MAIN_TITLE: Stage.REPORT_ISSUED, sample.CLOSED_TITLE: Stage.CLOSED,
        sample.THEMED_TITLE: Stage.PLANNED, sample.PLANNED_TITLE: Stage.PLANNED,
    }
    assert {d.id for d in demo.workspace.districts()} == {d.id for d in built.workspace.districts()}
    assert {p.id for p in demo.workspace.people()} == {p.id for p in built.workspace.people()}
    assert demo.workspace.settings().authority == sample.AUTHORITY


def test_the_demo_shows_deadlines_in_every_interesting_state(tmp_path):
    demo = sample.build_demo(tmp_path / "demo")
    states = {(s.deadline.rule_id, s.state) for s in queries.deadline_statuses(demo, include_met=True)}
    assert ("report", DeadlineState.MET_LATE) in states
    assert ("action_plan", DeadlineState.DUE_SOON) in states
    assert ("immediate_plan", DeadlineState.MET_ON_TIME) in states
    assert ("action", DeadlineState.OVERDUE) in states


def test_the_demo_cycle_plan_shows_districts_short_of_inspections(tmp_path):
    coverage = {c.district.name: c for c in queries.cycle_plan(sample.build_demo(tmp_path / "demo"))}
    assert set(coverage) == {"Harrowmere", "Kestrel Downs", "Oakridge", "Saltmarsh", "Wyebrook"}
    assert len(coverage["Saltmarsh"].held) == 1 and len(coverage["Kestrel Downs"].planned) == 1
    assert coverage["Oakridge"].short_by == 2
    assert [i.title for i in coverage["Harrowmere"].themed] == [sample.THEMED_TITLE]


def test_the_themed_inspection_follows_the_neglect_finding(tmp_path):
    demo = sample.build_demo(tmp_path / "demo")
    themed = demo.summary(sample.THEMED_TITLE).inspection
    finding = next(f for f in demo.workspace.dossier(demo.summary(sample.MAIN_TITLE).id).findings if f.proposed_theme)
    assert themed.linked_finding_id == finding.id
    assert themed.framework_id == sample.NEGLECT


def test_building_the_demo_again_changes_nothing(tmp_path):
    first = sample.build_demo(tmp_path / "demo")
    before = (first.workspace.summaries(), first.workspace.people(), first.workspace.districts())
    again = sample.build_demo(tmp_path / "demo")
    assert (again.workspace.summaries(), again.workspace.people(), again.workspace.districts()) == before


def test_two_demos_are_the_same(tmp_path):
    one = sample.build_demo(tmp_path / "one", clock=sample.FixedClock(date(2026, 11, 26)))
    two = sample.build_demo(tmp_path / "two", clock=sample.FixedClock(date(2026, 11, 26)))
    assert one.workspace.summaries() == two.workspace.summaries()
    assert one.workspace.districts() == two.workspace.districts()


def test_the_demo_says_so_when_the_sample_is_missing(tmp_path):
    with pytest.raises(NotFound, match="sample-inspection.json"):
        sample.build_demo(tmp_path / "demo", source=tmp_path / "nowhere")

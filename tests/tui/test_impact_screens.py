"""What the evidence adds up to, on screen: each finding's sources beside the judgement, progress against a
framework's targets on the fieldwork screen, and the family questions the framework asks."""

from __future__ import annotations

from attrs import evolve
from textual.widgets import Static

from peerinspect.engine import conclusions, evidence, planning, workflow
from peerinspect.framework import load_framework
from peerinspect.tui.forms.conversation import conversation_form
from peerinspect.tui.screens.advance import AdvanceDialog
from peerinspect.tui.screens.fieldwork import FieldworkScreen
from peerinspect.tui.screens.judgements import JudgementsScreen
from peerinspect.tui.screens.report import ReportScreen
from peerinspect.tui.session import Session

from .conftest import app_for, inspection_id, journey, settle
from ..test_framework import SHIPPED


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@journey
async def test_the_judgement_screen_shows_each_findings_sources_against_the_minimum(engine):
    eastleigh = inspection_id(engine, "Eastleigh")  # its one finding links no evidence
    app = app_for(engine, "Ada Director")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = JudgementsScreen(Session(engine, engine.person("Ada Director")), eastleigh)
        await app.push_screen(screen)
        await settle(pilot)
        findings = text_of(screen, "#theme-findings")
    assert "each rests on at least 2 kinds of source" in findings
    assert "Neglect is recognised late in under-fives." in findings
    assert "no linked evidence: below the minimum" in findings


def practice_week(engine) -> str:
    inspection = planning.plan_inspection(
        engine, as_person="Ada Director", district="Fareham", framework_id="practice-week",
        fieldwork_start="2026-03-09", fieldwork_end="2026-03-13", notice_date="2026-03-02", lead="Ada Director",
        team=[("Ivy Inspector", "inspector")],
    ).id
    workflow.advance(engine, as_person="Ada Director", inspection=inspection, event="notify", on="2026-03-02")
    workflow.advance(engine, as_person="Ada Director", inspection=inspection, event="start_fieldwork", on="2026-03-09")
    evidence.add_evidence(engine, as_person="Ivy Inspector", inspection=inspection, kind="conversation",
                          fields={"with_group": "parent_or_carer", "notes": "We know what the plan is for"})
    return inspection


@journey
async def test_the_fieldwork_screen_shows_progress_against_the_frameworks_targets(engine):
    inspection = practice_week(engine)
    app = app_for(engine, "Ivy Inspector")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = FieldworkScreen(Session(engine, engine.person("Ivy Inspector")), inspection)
        await app.push_screen(screen)
        await settle(pilot)
        progress = text_of(screen, "#targets")
    assert progress == "Progress: 0 of 80 case audits · 0 of 20 observations · 1 of 25 families spoken to"


@journey
async def test_a_framework_without_targets_shows_no_progress_line(engine):
    app = app_for(engine, "Ivy Inspector")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = FieldworkScreen(Session(engine, engine.person("Ivy Inspector")), inspection_id(engine, "Eastleigh"))
        await app.push_screen(screen)
        await settle(pilot)
        assert not screen.query("#targets")


def test_the_conversation_form_asks_the_frameworks_own_family_questions():
    shipped = load_framework(SHIPPED / "hampshire-peer-inspection.toml")
    own = evolve(shipped, family_questions=("Did you feel listened to?", "What would you change?"))

    prompts = [f.label for f in conversation_form(own).fields if f.name.startswith("family_answers.")]
    shipped_prompts = [f.name for f in conversation_form(shipped).fields if f.name.startswith("family_answers.")]

    assert prompts == ["Did you feel listened to?", "What would you change?"]
    assert shipped_prompts == [f"family_answers.{n}" for n in range(1, 6)]
    assert not [f for f in conversation_form(evolve(shipped, family_questions=())).fields if f.name.startswith("family_")]


def drafted_with_a_thin_finding(engine) -> str:
    """An earlier Eastleigh inspection, drafted, whose one finding rests on a file review alone."""
    lead, theme_lead = "Ada Director", "Sam Senior"
    framework = engine.framework("hampshire-peer-inspection")
    inspection = planning.plan_inspection(
        engine, as_person=lead, district="Eastleigh", framework_id=framework.id, fieldwork_start="2026-01-12",
        fieldwork_end="2026-01-16", notice_date="2026-01-05", lead=lead,
        theme_leads={t.id: theme_lead for t in framework.themes}, team=[("Ivy Inspector", "inspector")],
    ).id
    step = lambda event, on: workflow.advance(engine, as_person=lead, inspection=inspection, event=event, on=on)  # noqa: E731
    step("notify", "2026-01-05")
    step("start_fieldwork", "2026-01-12")
    review = evidence.add_evidence(engine, as_person="Ivy Inspector", inspection=inspection, kind="file_review", fields={
        "recorded_on": "2026-01-13", "case_reference": "EA-5001", "team": "Team A", "age_band": "under_1",
        "legal_status": "child_in_need", "theme_id": "help-and-protection",
    }).evidence
    conclusions.record_finding(engine, as_person=theme_lead, inspection=inspection, theme_id="help-and-protection",
                               kind="strength", text="Babies are seen often", evidence_ids=(review.id,))
    step("give_feedback", "2026-01-16")
    for theme in framework.themes:
        conclusions.propose_judgement(engine, as_person=theme_lead, inspection=inspection, theme_id=theme.id,
                                      grade="good", reasons="The evidence shows it.")
        conclusions.sign_off_judgement(engine, as_person=lead, inspection=inspection, theme_id=theme.id)
    step("draft_report", "2026-01-19")
    return inspection


@journey
async def test_the_issue_dialog_names_the_thin_finding_and_issues_with_the_leads_reason(engine):
    inspection = drafted_with_a_thin_finding(engine)
    app = app_for(engine, "Ada Director")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(ReportScreen(Session(engine, engine.person("Ada Director")), inspection))
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, AdvanceDialog)
        blockers = str(dialog.query_one(".dialog-blockers", Static).render())
        assert "'Babies are seen often' (1 kind of source (file review))" in blockers
        dialog.fields["on"].value = "2026-01-23"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AdvanceDialog)  # refused without a reason: nothing issued
        assert "record in the note why" in str(dialog.query_one("#form-errors", Static).render())
        assert engine.summary(inspection).inspection.stage.value == "report_drafted"
        dialog.fields["note"].value = "The family declined to speak with us"
        await pilot.press("ctrl+s")
        await settle(pilot)
    issued = engine.summary(inspection).inspection
    assert issued.stage.value == "report_issued"
    assert issued.history[-1].note == "The family declined to speak with us"

"""Each role's main journey, driven by keys on a temporary workspace; the workspace is then read back."""

from __future__ import annotations

from datetime import date

from textual.widgets import TabbedContent

from peerinspect.domain.inspection import Stage
from peerinspect.domain.vocabulary import ActionStatus
from peerinspect.engine import queries
from peerinspect.tui.screens.action_plan import ActionPlanScreen
from peerinspect.tui.screens.advance import AdvanceDialog
from peerinspect.tui.screens.evidence_form import EvidenceForm
from peerinspect.tui.screens.fieldwork import FieldworkScreen
from peerinspect.tui.screens.immediate_plan import ImmediatePlanScreen
from peerinspect.tui.screens.judgements import JudgementsScreen
from peerinspect.tui.screens.plan import PlanScreen
from peerinspect.tui.screens.report import ReportScreen
from peerinspect.tui.widgets.field import Field

from .conftest import app_for, inspection_id, journey, open_inspection, settle


def field(screen, name: str) -> Field:
    return next(f for f in screen.query(Field) if f.spec.name == name)


async def type_into(pilot, screen, name: str, text: str) -> None:
    control = field(screen, name).control
    control.focus()
    await pilot.pause()
    await pilot.press(*text)


@journey
async def test_area_director_plans_an_inspection(engine):
    before = {s.id for s in engine.workspace.summaries()}
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        screen = pilot.app.screen
        assert isinstance(screen, PlanScreen)
        field(screen, "district").value = engine.district("Eastleigh").id
        await type_into(pilot, screen, "fieldwork_start", "2026-06-08")
        await type_into(pilot, screen, "fieldwork_end", "2026-06-09")
        await type_into(pilot, screen, "notice_date", "2026-06-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Two days is too short: the message is next to the end date, and nothing is saved.
        assert "working day" in str(field(screen, "fieldwork_end").query_one(".field-error").render())
        assert {s.id for s in engine.workspace.summaries()} == before
        field(screen, "fieldwork_end").value = ""
        await type_into(pilot, screen, "fieldwork_end", "2026-06-11")
        for theme, person in zip(engine.framework("hampshire-peer-inspection").themes, ("Sam Senior", "Ada Director", "Sam Senior")):
            field(screen, f"theme_leads.{theme.id}").value = engine.person(person).id
        field(screen, "team.inspector").control.select(engine.person("Ivy Inspector").id)
        field(screen, "team.care_ambassador").control.select(engine.person("Cal Ambassador").id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, PlanScreen)
    new = [s.inspection for s in engine.workspace.summaries() if s.id not in before]
    assert len(new) == 1
    planned = new[0]
    assert (planned.fieldwork_start, planned.fieldwork_end, planned.notice_date) == (
        date(2026, 6, 8), date(2026, 6, 11), date(2026, 6, 1))
    assert planned.lead_id == engine.person("Ada Director").id
    assert planned.district_id == engine.district("Eastleigh").id
    team = {(m.person_id, m.role.value, m.theme_id) for m in planned.team}
    themes = [t.id for t in engine.framework("hampshire-peer-inspection").themes]
    assert team == {
        (engine.person("Sam Senior").id, "theme_lead", themes[0]),
        (engine.person("Ada Director").id, "theme_lead", themes[1]),
        (engine.person("Sam Senior").id, "theme_lead", themes[2]),
        (engine.person("Ivy Inspector").id, "inspector", None),
        (engine.person("Cal Ambassador").id, "care_ambassador", None),
    }


@journey
async def test_area_director_signs_off_and_issues_the_report(engine):
    fareham = inspection_id(engine, "Fareham")
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Fareham")
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(pilot.app.screen, JudgementsScreen)
        await pilot.press("o")  # the first theme's judgement is only proposed
        await settle(pilot)
        await pilot.press("escape", "r")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReportScreen)
        assert "Fareham" in pilot.app.screen.query_one("#report").source
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AdvanceDialog)
        assert "cannot be undone" in str(pilot.app.screen.query_one(".dialog-warning").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReportScreen)
    dossier = engine.workspace.dossier(fareham)
    assert dossier.inspection.stage is Stage.REPORT_ISSUED
    assert dossier.inspection.report_issued_on == date(2026, 3, 10)
    assert all(j.status.value == "signed_off" for j in dossier.judgements)
    assert [r.version for r in dossier.reports] == [1]
    # Issuing starts the district's two weeks for its action plan.
    plan = [d for d in queries.deadline_statuses(engine) if d.deadline.key == f"action_plan:{fareham}"]
    assert plan and plan[0].deadline.due == date(2026, 3, 24)


@journey
async def test_inspector_raises_a_safeguarding_concern_and_the_immediate_plan_opens(engine):
    eastleigh = inspection_id(engine, "Eastleigh")
    before = engine.workspace.dossier(eastleigh)
    async with app_for(engine, "Ivy Inspector").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FieldworkScreen)
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EvidenceForm) and form.spec.kind == "file_review"
        await type_into(pilot, form, "case_reference", "Jo Bloggs")
        await pilot.pause()
        # Checked as it is typed, before any save.
        assert "never a name" in str(field(form, "case_reference").query_one(".field-error").render())
        field(form, "case_reference").control.value = ""
        await type_into(pilot, form, "case_reference", "EA-5555")
        field(form, "team").value = "Team A"
        field(form, "age_band").value = "1_to_3"
        field(form, "legal_status").value = "child_protection_plan"
        field(form, "grades.hp-risk").value = "inadequate"
        await type_into(pilot, form, "difference_made", "None yet")
        field(form, "_safeguarding").control.focus()
        await pilot.press("space")
        await pilot.pause()
        await type_into(pilot, form, "safeguarding_concern", "No visit for 8 weeks")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ImmediatePlanScreen)
        assert "No visit for 8 weeks" in str(pilot.app.screen.query_one("#concern").render())
        assert "Ada Director" in str(pilot.app.screen.query_one("#plan").render())  # the lead makes it
    after = engine.workspace.dossier(eastleigh)
    [review] = [r for r in after.file_reviews if r not in before.file_reviews]
    assert (review.case_reference, review.team, review.age_band.value, review.legal_status.value) == (
        "EA-5555", "Team A", "1_to_3", "child_protection_plan")
    assert review.grades == {"hp-risk": "inadequate"}
    assert review.difference_made == "None yet"
    assert review.author_id == engine.person("Ivy Inspector").id
    [concern] = [c for c in after.concerns if c not in before.concerns]
    assert (concern.evidence_id, concern.description, concern.plan) == (review.id, "No visit for 8 weeks", None)


@journey
async def test_lead_makes_the_immediate_plan(engine):
    eastleigh = inspection_id(engine, "Eastleigh")
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "WITHOUT A PLAN" in str(pilot.app.screen.query_one("#concerns").render())
        await open_inspection(pilot, "Eastleigh")
        await pilot.press("i")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ImmediatePlanScreen)
        field(screen, "owner").value = engine.person("Sam Senior").id
        await type_into(pilot, screen, "first_action", "Visit today")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [concern] = engine.workspace.dossier(eastleigh).concerns
    assert concern.plan.owner_id == engine.person("Sam Senior").id
    assert concern.plan.first_action == "Visit today"
    assert concern.plan.made_on == date(2026, 3, 10)


@journey
async def test_care_ambassador_records_a_conversation_and_sees_no_file_reviews(engine):
    eastleigh = inspection_id(engine, "Eastleigh")
    before = engine.workspace.dossier(eastleigh)
    async with app_for(engine, "Cal Ambassador").run_test(size=(80, 24)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        await pilot.press("f")
        await settle(pilot)
        screen = pilot.app.screen
        assert [pane.id for pane in screen.query_one(TabbedContent).query("TabPane")] == ["tab-conversation"]
        assert not screen.query("#list-file_review")
        listed = screen.query_one("#list-conversation").rows
        assert [r.author for r in listed] == ["Cal Ambassador"]  # only their own
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, EvidenceForm) and form.spec.kind == "conversation"
        assert not any(f.spec.name == "theme_id" for f in form.query(Field))
        prompt = field(form, "family_answers.1")
        assert not prompt.display
        field(form, "with_group").value = "parent_or_carer"
        await pilot.pause()
        assert prompt.display  # the five questions appear for a parent or carer
        await type_into(pilot, form, "notes", "Mum feels listened to")
        await type_into(pilot, form, "family_answers.1", "Yes")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FieldworkScreen)
    after = engine.workspace.dossier(eastleigh)
    [conversation] = [c for c in after.conversations if c not in before.conversations]
    assert conversation.author_id == engine.person("Cal Ambassador").id
    assert (conversation.with_group.value, conversation.notes, conversation.family_answers) == (
        "parent_or_carer", "Mum feels listened to", {"1": "Yes"})
    assert len(after.file_reviews) == len(before.file_reviews)


@journey
async def test_district_manager_writes_and_updates_the_action_plan(engine):
    gosport = inspection_id(engine, "Gosport")
    dee = engine.person("Dee District").id
    async with app_for(engine, "Dee District").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Gosport")
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ActionPlanScreen)
        for n, (what, due) in enumerate((("Audit plans", "2026-04-30"), ("Quarterly supervision audit", "2026-06-30"))):
            pilot.app.screen.query_one("#actions").move_cursor(row=n)
            await pilot.press("n")
            await pilot.pause()
            dialog = pilot.app.screen
            await type_into(pilot, dialog, "what", what)
            await type_into(pilot, dialog, "due", due)
            await pilot.press("ctrl+s")
            await settle(pilot)
        pilot.app.screen.query_one("#actions").move_cursor(row=0)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*"Training booked", "enter")
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
    dossier = engine.workspace.dossier(gosport)
    actions = {a.what: a for a in dossier.actions}
    assert set(actions) == {"Audit plans", "Quarterly supervision audit"}
    assert {a.owner_id for a in actions.values()} == {dee}
    assert actions["Audit plans"].due == date(2026, 4, 30)
    assert [n.text for n in actions["Audit plans"].notes] == ["Training booked"]
    assert actions["Audit plans"].status is ActionStatus.IN_PROGRESS
    assert [a.recommendation_id for a in sorted(actions.values(), key=lambda a: a.due)] == [
        r.id for r in dossier.recommendations]
    assert dossier.inspection.stage is Stage.ACTION_PLAN_SUBMITTED


@journey
async def test_area_manager_approves_the_plan_and_verifies_an_action(submitted_engine):
    engine = submitted_engine
    gosport = inspection_id(engine, "Gosport")
    async with app_for(engine, "Al Area").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Gosport")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AdvanceDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        table = pilot.app.screen.query_one("#actions")
        done = next(a for a in engine.workspace.dossier(gosport).actions if a.status is ActionStatus.DONE)
        table.move_cursor(row=table.get_row_index(done.id))
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    dossier = engine.workspace.dossier(gosport)
    assert dossier.inspection.stage is Stage.ACTION_PLAN_APPROVED
    verified = [a for a in dossier.actions if a.status is ActionStatus.VERIFIED]
    assert [a.id for a in verified] == [done.id]
    assert verified[0].verified_by == engine.person("Al Area").id


@journey
async def test_the_district_manager_reads_why_the_plan_was_returned_on_the_action_plan_screen(submitted_engine):
    from peerinspect.engine import workflow
    from peerinspect.tui.session import Session

    gosport = inspection_id(submitted_engine, "Gosport")
    workflow.advance(submitted_engine, as_person="Al Area", inspection=gosport, event="return_action_plan",
                     on="2026-03-05", note="Each action needs a measure of success")
    app = app_for(submitted_engine, "Dee District")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = ActionPlanScreen(Session(submitted_engine, submitted_engine.person("Dee District")), gosport)
        await app.push_screen(screen)
        await settle(pilot)
        status = str(screen.query_one("#plan-status").render())
    assert "Returned on 05 Mar 2026: Each action needs a measure of success" in status
    assert "returned: resubmission due Thu 19 Mar 2026 (in 9 days)" in status

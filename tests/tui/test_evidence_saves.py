"""Saving evidence when the engine asks for a second look, when someone else saved first, and after the report is issued."""

from __future__ import annotations

from peerinspect.engine.evidence import edit_evidence
from peerinspect.tui.screens.evidence_form import EvidenceForm
from peerinspect.tui.screens.fieldwork import FieldworkScreen

from .conftest import app_for, inspection_id, journey, open_inspection, settle
from .test_journeys import field, type_into


def message_of(screen, name: str) -> str:
    return str(field(screen, name).query_one(".field-error").render())


def footer_keys(screen) -> dict[str, str]:
    return {b.binding.action: b.binding.description for b in screen.active_bindings.values() if b.enabled}


@journey
async def test_a_full_name_in_the_notes_is_a_warning_and_saves_only_when_confirmed(engine):
    eastleigh = inspection_id(engine, "Eastleigh")
    before = engine.workspace.dossier(eastleigh).conversations
    async with app_for(engine, "Cal Ambassador").run_test(size=(80, 24)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = pilot.app.screen
        field(form, "with_group").value = "child_or_young_person"
        await type_into(pilot, form, "notes", "Jamie Carter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Still on the form: the warning is next to the notes, as a warning, and nothing was saved.
        assert pilot.app.screen is form
        assert "full name" in message_of(form, "notes") and "Jamie Carter" in message_of(form, "notes")
        assert field(form, "notes").has_class("-warning") and not field(form, "notes").has_class("-invalid")
        assert "Ctrl+S again" in str(form.query_one("#form-errors").render())
        assert footer_keys(form).get("save_anyway") == "Save anyway"
        assert engine.workspace.dossier(eastleigh).conversations == before
        # Notes changed after the warning are checked afresh: the next Ctrl+S warns again, saving nothing.
        field(form, "notes").control.text = "Jamie Carter is settled"
        await pilot.pause()
        assert "save_anyway" not in footer_keys(form)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form and field(form, "notes").has_class("-warning")
        assert engine.workspace.dossier(eastleigh).conversations == before
        # Confirmed: saved as written.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FieldworkScreen)
    [saved] = [c for c in engine.workspace.dossier(eastleigh).conversations if c not in before]
    assert saved.notes == "Jamie Carter is settled"


@journey
async def test_a_save_over_someone_elses_change_is_refused_and_keeps_what_was_typed(engine):
    eastleigh = inspection_id(engine, "Eastleigh")
    [observation] = engine.workspace.dossier(eastleigh).observations
    async with app_for(engine, "Ivy Inspector").run_test(size=(100, 30)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        pilot.app.screen.query_one("#list-observation DataTable").focus()
        await pilot.press("enter")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, EvidenceForm) and form.existing.id == observation.id
        assert not form.query("#field-amendment_reason")  # asked only once the report is issued
        # The lead changes the same observation while the form is open.
        edit_evidence(engine, as_person="Ada Director", inspection=eastleigh, evidence_id=observation.id,
                      changes={"grade": "outstanding"}, revision=observation.revision)
        await type_into(pilot, form, "notes", "Mine: ")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form
        shown = str(form.query_one("#form-errors").render())
        # Who saved over it is named, so the inspector knows whom to ask; what she typed stays.
        assert "changed by Ada Director (at " in shown and "someone else" not in shown
        assert "Reopen it to see their changes" in shown and "What you typed is still here" in shown
        assert field(form, "notes").value == "Mine: " + observation.notes
    [stored] = engine.workspace.dossier(eastleigh).observations
    assert (stored.grade, stored.notes) == ("outstanding", observation.notes)


@journey
async def test_evidence_changed_after_the_report_is_issued_is_an_amendment_with_its_reason(engine):
    gosport = inspection_id(engine, "Gosport")
    [observation] = engine.workspace.dossier(gosport).observations
    async with app_for(engine, "Ivy Inspector").run_test(size=(100, 30)) as pilot:
        await open_inspection(pilot, "Gosport")
        await pilot.press("f")
        await settle(pilot)
        assert "new" not in footer_keys(pilot.app.screen)  # the report is out: nothing new can be added
        await pilot.press("right_square_bracket")
        await settle(pilot)
        pilot.app.screen.query_one("#list-observation DataTable").focus()
        await pilot.press("enter")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, EvidenceForm) and "Amend observation" in str(form.query_one(".screen-title").render())
        field(form, "grade").value = "outstanding"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Without a reason nothing is saved, and the reason's field says why it is needed.
        assert pilot.app.screen is form
        assert "say why" in message_of(form, "amendment_reason")
        assert engine.workspace.dossier(gosport).observations == (observation,)
        await type_into(pilot, form, "amendment_reason", "Wrong grade")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, EvidenceForm)
    [stored] = engine.workspace.dossier(gosport).observations
    assert stored.grade == "outstanding"
    last = engine.workspace.audit_entries(gosport)[-1]
    assert last.action == "amend Observation: Wrong grade"
    assert "amendment_reason" not in last.changes


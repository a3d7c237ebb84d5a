"""Field copies in the terminal UI: taken from the inspection screen, worked on with the same screens and rules,
brought home, and their conflicts settled by keeping a version or writing a merged text."""

from __future__ import annotations

import pytest

from peerinspect.engine import evidence
from peerinspect.engine.core import Engine
from peerinspect.field import sealing
from peerinspect.field.checkout import check_out
from peerinspect.field.contents import read_copy
from peerinspect.field.opened import open_copy
from peerinspect.tui.app import make_app
from peerinspect.tui.screens.conflicts import ConflictDialog, ConflictsScreen
from peerinspect.tui.screens.field_copy import CheckOutDialog, ReturnDialog
from peerinspect.tui.screens.inspection import InspectionScreen

from .conftest import app_for, inspection_id, journey, open_inspection, settle
from .test_journeys import field, type_into

PASSPHRASE = "a passphrase for the laptop"


@pytest.fixture(autouse=True)
def _quick_passphrases(monkeypatch):
    monkeypatch.setattr(sealing, "SCRYPT_COST", min(sealing.COSTS_READ))


def enabled(screen) -> set[str]:
    return {b.binding.action for b in screen.active_bindings.values() if b.enabled}


async def open_dialog(pilot, key: str, kind: type, **typed: str):
    """Press `key` on the inspection screen, and type into each field of the dialog it opens."""
    await pilot.press(key)
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, kind)
    for name, text in typed.items():
        await type_into(pilot, dialog, name, text)
    return dialog


@journey
async def test_an_inspector_takes_a_field_copy_from_the_inspection_screen(engine, tmp_path):
    path = tmp_path / "eastleigh.copy"
    async with app_for(engine, "Ivy Inspector").run_test(size=(80, 24)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        assert {"field_checkout", "field_return"} <= enabled(pilot.app.screen)
        dialog = await open_dialog(pilot, "o", CheckOutDialog, output=str(path), passphrase=PASSPHRASE, again="not the same")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is dialog and "differ" in str(field(dialog, "again").query_one(".field-error").render())
        assert not path.exists()
        field(dialog, "again").value = PASSPHRASE
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, InspectionScreen)
    contents, _ = read_copy(path, PASSPHRASE)
    assert contents.label.holder_name == "Ivy Inspector"


@journey
async def test_in_a_field_copy_the_same_screens_offer_only_what_the_field_allows(engine, tmp_path):
    path = tmp_path / "ada.copy"
    check_out(engine, as_person="Ada Director", inspection=inspection_id(engine, "Eastleigh"), output=path, passphrase=PASSPHRASE)
    opened = open_copy(path, PASSPHRASE, open_engine=lambda root, **kw: Engine.open(root, clock=engine.clock, **kw))
    try:
        async with make_app(opened.engine, as_person="Ada Director").run_test(size=(80, 24)) as pilot:
            await open_inspection(pilot, "Eastleigh")
            assert "field copy" in pilot.app.sub_title
            screen = pilot.app.screen
            # The lead records evidence and concerns in the field; steps, replanning and copies wait for home.
            assert "fieldwork" in enabled(screen)
            assert not {"next_step", "change_plan", "field_checkout", "field_return", "field_conflicts"} & enabled(screen)
            assert "No step is yours to take now." in str(screen.query_one("#steps").get_option_at_index(0).prompt)
    finally:
        opened.close()


@journey
async def test_a_copy_brought_home_in_the_tui_and_its_conflict_settled_with_a_merged_text(engine, tmp_path):
    eastleigh = inspection_id(engine, "Eastleigh")
    path = tmp_path / "ivy.copy"
    check_out(engine, as_person="Ivy Inspector", inspection=eastleigh, output=path, passphrase=PASSPHRASE)
    review = next(r for r in engine.workspace.dossier(eastleigh).file_reviews if r.author_id == engine.person("Ivy Inspector").id)
    opened = open_copy(path, PASSPHRASE, open_engine=lambda root, **kw: Engine.open(root, clock=engine.clock, **kw))
    try:
        evidence.edit_evidence(opened.engine, as_person="Ivy Inspector", inspection=eastleigh, evidence_id=review.id,
                               changes={"strengths": "Seen at the visit: the plan is working"}, revision=review.revision)
    finally:
        opened.close()
    evidence.edit_evidence(engine, as_person="Ada Director", inspection=eastleigh, evidence_id=review.id,
                           changes={"strengths": "Corrected at home"}, revision=review.revision)

    async with app_for(engine, "Ivy Inspector").run_test(size=(80, 24)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        await open_dialog(pilot, "b", ReturnDialog, file=str(path), passphrase=PASSPHRASE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, InspectionScreen)
        assert "1 record(s) changed both at home and in a field copy" in str(screen.query_one("#conflict-list").render())

        await pilot.press("k")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictsScreen)
        await pilot.press("enter")
        await settle(pilot)
        settling = pilot.app.screen
        assert isinstance(settling, ConflictDialog)
        assert field(settling, "strengths").value == "Corrected at home"  # what the record shows meanwhile
        field(settling, "strengths").control.text = "Corrected at home; and the plan is working"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConflictsScreen)
        assert "No conflicts for you to settle." in str(pilot.app.screen.query_one("#conflicts-intro").render())
    held = next(r for r in engine.workspace.dossier(eastleigh).file_reviews if r.id == review.id)
    assert held.strengths == "Corrected at home; and the plan is working"

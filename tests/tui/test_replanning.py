"""The lead changes or cancels a planned inspection from its overview, on the planning form filled in."""

from __future__ import annotations

from datetime import date

from peerinspect.engine import planning
from peerinspect.tui.screens.inspection import InspectionScreen
from peerinspect.tui.screens.plan import PlanScreen
from peerinspect.tui.screens.text_dialog import TextDialog
from peerinspect.tui.session import Session

from .conftest import app_for, inspection_id, journey
from .test_offered_acts import settle  # a load a newer load replaced was cancelled: that is expected
from .test_journeys import field


def enabled(screen) -> set[str]:
    return {b.binding.action for b in screen.active_bindings.values() if b.enabled}


def _planned(engine) -> str:
    return planning.plan_inspection(
        engine, as_person="Ada Director", district="Fareham", framework_id="hampshire-peer-inspection",
        fieldwork_start="2026-06-08", fieldwork_end="2026-06-11", lead="Ada Director",
        team=[("Ivy Inspector", "inspector")],
    ).id


async def _overview(pilot, engine, who: str, inspection: str) -> InspectionScreen:
    await settle(pilot)
    screen = InspectionScreen(Session(engine, engine.person(who)), inspection)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


@journey
async def test_the_lead_changes_the_dates_on_the_planning_form_filled_in(engine):
    inspection = _planned(engine)
    async with app_for(engine, "Ada Director").run_test(size=(100, 30)) as pilot:
        overview = await _overview(pilot, engine, "Ada Director", inspection)
        assert {"change_plan", "cancel_inspection"} <= enabled(overview)
        await pilot.press("c")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, PlanScreen)
        assert field(form, "district").value == engine.district("Fareham").id and field(form, "district").control.disabled
        assert field(form, "fieldwork_start").value == "2026-06-08"
        assert field(form, "team.inspector").value == [engine.person("Ivy Inspector").id]
        field(form, "fieldwork_start").value = "2026-06-15"
        field(form, "fieldwork_end").value = "2026-06-18"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is overview
    changed = engine.summary(inspection).inspection
    assert (changed.fieldwork_start, changed.fieldwork_end) == (date(2026, 6, 15), date(2026, 6, 18))
    assert [m.person_id for m in changed.team] == [engine.person("Ivy Inspector").id]


@journey
async def test_the_lead_cancels_an_inspection_saying_why(engine):
    inspection = _planned(engine)
    async with app_for(engine, "Ada Director").run_test(size=(100, 30)) as pilot:
        overview = await _overview(pilot, engine, "Ada Director", inspection)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TextDialog)
        await pilot.press(*"Snow", "enter")
        await settle(pilot)
        assert "Cancelled on" in str(overview.query_one("#overview").render())
        assert not {"change_plan", "cancel_inspection", "next_step"} & enabled(overview)
    assert engine.summary(inspection).inspection.cancelled.reason == "Snow"


@journey
async def test_once_fieldwork_starts_the_form_adds_people_only_and_others_see_no_such_keys(engine):
    eastleigh = inspection_id(engine, "Eastleigh")  # in fieldwork
    planned_end = engine.summary(eastleigh).inspection.fieldwork_end
    shorter = date.fromordinal(planned_end.toordinal() - 1)
    async with app_for(engine, "Ivy Inspector").run_test(size=(100, 30)) as pilot:
        overview = await _overview(pilot, engine, "Ivy Inspector", eastleigh)
        assert not {"change_plan", "cancel_inspection"} & enabled(overview)
    async with app_for(engine, "Ada Director").run_test(size=(100, 30)) as pilot:
        await _overview(pilot, engine, "Ada Director", eastleigh)
        await pilot.press("c")
        await settle(pilot)
        form = pilot.app.screen
        field(form, "fieldwork_end").value = shorter.isoformat()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form  # refused: the reason is shown, nothing saved
    assert engine.summary(eastleigh).inspection.fieldwork_end == planned_end

"""A themed inspection planned from the emerging finding that proposes it."""

from __future__ import annotations

from datetime import date

from peerinspect.domain.vocabulary import InspectionKind
from peerinspect.tui.screens.fieldwork import FieldworkScreen
from peerinspect.tui.screens.plan import PlanScreen

from .conftest import app_for, inspection_id, journey, open_inspection, settle
from .test_journeys import field


def enabled(screen) -> set[str]:
    return {b.binding.action for b in screen.active_bindings.values() if b.enabled}


@journey
async def test_the_lead_plans_the_themed_inspection_a_finding_proposes(engine):
    eastleigh = inspection_id(engine, "Eastleigh")
    [finding] = engine.workspace.dossier(eastleigh).findings  # "Neglect is recognised late…", proposes neglect
    before = {s.id for s in engine.workspace.summaries()}
    async with app_for(engine, "Ada Director").run_test(size=(100, 30)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        await pilot.press("f")
        await settle(pilot)
        assert "plan_themed" not in enabled(pilot.app.screen)  # file reviews propose nothing
        await pilot.press("left_square_bracket")  # round to the last tab: emerging findings
        await settle(pilot)
        pilot.app.screen.query_one("#list-finding DataTable").focus()
        await pilot.pause()
        assert "plan_themed" in enabled(pilot.app.screen)
        await pilot.press("t")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, PlanScreen)
        assert "neglect" in str(screen.query_one("#proposed-by").render())
        assert field(screen, "district").value == engine.district("Eastleigh").id
        assert field(screen, "district").control.disabled
        assert field(screen, "framework").value == "thematic-neglect"
        field(screen, "notice_date").value = "2026-06-03"
        field(screen, "fieldwork_start").value = "2026-06-08"
        field(screen, "fieldwork_end").value = "2026-06-10"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FieldworkScreen)
    [planned] = [s.inspection for s in engine.workspace.summaries() if s.id not in before]
    assert planned.kind is InspectionKind.THEMED and planned.framework_id == "thematic-neglect"
    assert planned.linked_finding_id == finding.id
    assert planned.district_id == engine.district("Eastleigh").id
    assert (planned.fieldwork_start, planned.fieldwork_end) == (date(2026, 6, 8), date(2026, 6, 10))
    assert planned.lead_id == engine.person("Ada Director").id
    assert planned.notice_date == date(2026, 6, 3)


@journey
async def test_a_theme_lead_cannot_plan_it(engine):
    async with app_for(engine, "Sam Senior").run_test(size=(100, 30)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        pilot.app.screen.query_one("#list-finding DataTable").focus()
        await pilot.pause()
        assert "plan_themed" not in enabled(pilot.app.screen)

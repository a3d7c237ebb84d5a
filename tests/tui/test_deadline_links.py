"""A deadline on the dashboard opens the screen that deals with it, or says why this person may not open it."""

from __future__ import annotations

import pytest

from peerinspect.tui.screens.action_plan import ActionPlanScreen
from peerinspect.tui.screens.dashboard import Dashboard
from peerinspect.tui.screens.inspection import InspectionScreen
from peerinspect.tui.screens.report import ReportScreen
from peerinspect.tui.widgets.deadlines import DeadlineRow

from .conftest import app_for, inspection_id, journey, settle


def row_for(pilot, kind: str, district: str) -> DeadlineRow:
    wanted = inspection_id(pilot.app.engine, district)
    return next(row for row in pilot.app.screen.query(DeadlineRow)
                if row.deadline.rule_id == kind and row.deadline.inspection_id == wanted)


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


@pytest.mark.parametrize("kind, district, screen", [
    ("report", "Fareham", ReportScreen),
    ("action_plan", "Gosport", ActionPlanScreen),
    ("immediate_plan", "Eastleigh", InspectionScreen),
])
@journey
async def test_enter_on_a_deadline_opens_the_screen_that_deals_with_it(engine, kind, district, screen):
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        row_for(pilot, kind, district).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, screen)
        assert pilot.app.screen.inspection_id == inspection_id(engine, district)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Dashboard)


@journey
async def test_an_action_due_opens_the_action_plan_for_the_district(submitted_engine):
    async with app_for(submitted_engine, "Dee District").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        row = row_for(pilot, "action", "Gosport")
        await pilot.click(row)
        await settle(pilot)
        assert isinstance(pilot.app.screen, ActionPlanScreen)
        assert pilot.app.screen.inspection_id == inspection_id(submitted_engine, "Gosport")


@journey
async def test_the_footer_shows_the_key_that_opens_a_deadline(engine):
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert pilot.app.screen.active_bindings["enter"].binding.description != "Open deadline"  # the inspections have it
        row_for(pilot, "report", "Fareham").focus()
        await settle(pilot)
        offered = pilot.app.screen.active_bindings["enter"].binding
        assert offered.show and offered.description == "Open deadline"
        await pilot.press("down")  # the arrows go from one deadline to the next
        assert isinstance(pilot.app.focused, DeadlineRow)


@journey
async def test_a_screen_the_role_may_not_open_gives_the_rulebooks_reason(engine):
    # The area manager oversees Fareham's report deadline, but the draft report is not theirs to read.
    async with app_for(engine, "Al Area").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard = pilot.app.screen
        row_for(pilot, "report", "Fareham").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is dashboard and pilot.app.is_running
        assert any("area managers oversee the district's action plan" in notice for notice in notices(pilot.app))


@journey
async def test_the_command_palette_opens_a_deadline_too(engine):
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = {title: run for title, _, run in pilot.app.screen.palette_commands()}
        commands["Open deadline: Written report — Fareham"]()
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReportScreen)
        assert pilot.app.screen.inspection_id == inspection_id(engine, "Fareham")

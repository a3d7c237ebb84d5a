"""At 80×24, every key a screen offers in its footer can be seen, for every person who reaches that screen.

Each person walks from the dashboard into every inspection they can open and every screen its keys open,
one row and one tab at a time where the keys depend on the selection; on each screen, every binding that is
enabled and marked to show must have its key fully inside the footer, left of the More key.
"""

from __future__ import annotations

import pytest
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, TabbedContent
from textual.widgets._footer import FooterKey

from peerinspect.engine import workflow
from peerinspect.tui.screens.action_plan import ActionPlanScreen
from peerinspect.tui.screens.administration import AdministrationScreen
from peerinspect.tui.screens.fieldwork import FieldworkScreen
from peerinspect.tui.widgets.inspections import InspectionTable

from .conftest import app_for, inspection_id, journey, open_inspection, settle

NARROW = (80, 24)
PEOPLE = ["Ada Director", "Sam Senior", "Ivy Inspector", "Cal Ambassador", "Dee District", "Al Area"]
# Actions that only open another screen: safe to take while walking, since they change nothing.
REDRAWS_TO_WAIT = 25
OPENS = {"fieldwork", "judgements", "report", "action_plan", "immediate_plan", "new", "plan", "cycle", "administer",
         "add", "change", "retire"}


def keys_out_of_sight(screen: Screen) -> list[str]:
    """The enabled, shown bindings whose key is not fully visible in the footer."""
    footer = screen.query_one(Footer)
    drawn = list(footer.query(FooterKey))
    more = [key for key in drawn if key.has_class("-command-palette")]
    right = more[0].region.x if more else footer.region.right
    visible = {
        key.key for key in drawn
        if not key.has_class("-command-palette") and key.region.width
        and footer.region.x <= key.region.x and key.region.right <= right
    }
    wanted = [
        (binding.key, binding.description) for binding, enabled in
        ((active.binding, active.enabled) for active in screen.active_bindings.values())
        if binding.show and enabled and binding.key != screen.app.COMMAND_PALETTE_BINDING
    ]
    return [f"{key} {description}" for key, description in wanted if key not in visible]


def buttons_out_of_sight(screen: Screen) -> list[str]:
    """A dialog names its keys on its buttons: each must be inside the terminal."""
    whole = screen.region
    return [str(button.label) for button in screen.query(Button) if not whole.contains_region(button.region)]


def out_of_sight(screen: Screen) -> list[str]:
    return keys_out_of_sight(screen) if screen.query(Footer) else buttons_out_of_sight(screen)


def where(screen: Screen) -> str:
    return f"{type(screen).__name__} ({screen.app.sub_title}; {screen.title or ''})"


class Walk:
    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.problems: list[str] = []
        self.seen: set[str] = set()
        self.forms_seen: set[tuple[str, str]] = set()

    @property
    def screen(self) -> Screen:
        return self.pilot.app.screen

    async def check(self, state: str = "") -> None:
        screen = self.screen
        self.seen.add(type(screen).__name__)
        missing = out_of_sight(screen)
        # The footer rebuilds itself after the refresh that follows a change of keys; on a busy machine that can
        # be a few frames late, so a key counts as hidden only if it is still hidden once the footer has caught up.
        for _ in range(REDRAWS_TO_WAIT) if missing else ():
            await self.pilot.pause(0.02)
            missing = out_of_sight(screen)
            if not missing:
                break
        if missing:
            self.problems.append(f"{where(screen)} {state}: cannot see {', '.join(missing)}")

    async def each_state(self) -> None:
        """Check the screen in each state that changes its keys: every tab, every row of the action plan."""
        screen = self.screen
        if isinstance(screen, FieldworkScreen):
            tabs = screen.query_one(TabbedContent)
            for pane in [p.id for p in tabs.query("TabPane")]:
                tabs.active = pane
                await settle(self.pilot)  # a tab's list is built when first shown, and the footer follows it
                await self.check(f"tab {pane}")
                await self.open_from_here()
            return
        if isinstance(screen, AdministrationScreen):
            # Each tab offers its own keys, on its first row: a form opened from each is checked as it opens.
            tabs = screen.query_one(TabbedContent)
            for pane in [p.id for p in tabs.query("TabPane")]:
                tabs.active = pane
                await settle(self.pilot)
                await self.check(f"tab {pane}")
                await self.open_from_here()
            return
        if isinstance(screen, ActionPlanScreen):
            table = screen.query_one(DataTable)
            for row in range(table.row_count):
                table.move_cursor(row=row)
                await self.pilot.pause()
                await self.check(f"row {row}")
            return
        await self.check()

    async def open_from_here(self) -> None:
        screen = self.screen
        openers = [
            active.binding.key for active in screen.active_bindings.values()
            if active.enabled and active.node is screen and active.binding.action in OPENS
        ]
        for key in openers:
            # A form's keys are the same on every inspection: each is checked once per person, which keeps the walk short.
            form = (key, screen.query_one(TabbedContent).active) if isinstance(screen, FieldworkScreen) else None
            if form in self.forms_seen:
                continue
            await self.pilot.press(key)
            await settle(self.pilot)
            if self.screen is screen:
                continue
            if form is not None:
                self.forms_seen.add(form)
            await self.each_state()
            if not isinstance(self.screen, (FieldworkScreen, AdministrationScreen)):
                await self.open_from_here()
            while self.screen is not screen:
                await self.pilot.app.pop_screen()
                await settle(self.pilot)


async def walk_everything(pilot) -> Walk:
    walk = Walk(pilot)
    await settle(pilot)
    await walk.check()
    await walk.open_from_here()
    table = walk.screen.query_one(InspectionTable)
    for row in range(table.row_count):
        table.move_cursor(row=row)
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        await walk.check()
        await walk.open_from_here()
        await pilot.app.pop_screen()
        await settle(pilot)
    return walk


@pytest.mark.parametrize("person", PEOPLE)
@journey
async def test_every_key_a_screen_offers_fits_at_80_columns(submitted_engine, person):
    """On the workspace with the most to do: Gosport's plan submitted, one action done and waiting to be verified."""
    async with app_for(submitted_engine, person).run_test(size=NARROW) as pilot:
        walk = await walk_everything(pilot)
    assert walk.problems == []
    assert {"Dashboard", "InspectionScreen"} <= walk.seen


@pytest.mark.parametrize("person", ["Dee District", "Al Area"])
@journey
async def test_every_key_fits_while_the_action_plan_is_written(engine, person):
    async with app_for(engine, person).run_test(size=NARROW) as pilot:
        walk = await walk_everything(pilot)
    assert walk.problems == []
    assert "ActionPlanScreen" in walk.seen


def visible_keys(screen: Screen) -> set[str]:
    wanted = {active.binding.key for active in screen.active_bindings.values() if active.enabled}
    return wanted - {missing.split(" ")[0] for missing in keys_out_of_sight(screen)}


@journey
async def test_the_area_manager_sees_every_step_of_the_action_plan_at_80_columns(submitted_engine):
    gosport = inspection_id(submitted_engine, "Gosport")
    async with app_for(submitted_engine, "Al Area").run_test(size=NARROW) as pilot:
        await open_inspection(pilot, "Gosport")
        await pilot.press("a")
        await settle(pilot)
        plan = pilot.app.screen
        done = next(a for a in plan.dossier.actions if a.status.value == "done")
        table = plan.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(done.id))
        await settle(pilot)
        assert {"a", "t", "v", "b", "escape"} <= visible_keys(plan)  # approve, return, verify, send back, back

        workflow.advance(submitted_engine, as_person="Al Area", inspection=gosport, event="approve_action_plan",
                         on="2026-03-10")
        plan.load()
        await settle(pilot)
        assert {"m", "v", "b", "escape"} <= visible_keys(plan)  # start monitoring, verify, send back, back


@journey
async def test_the_person_picker_fits(engine):
    from peerinspect.tui.app import make_app

    async with make_app(engine).run_test(size=NARROW) as pilot:
        await settle(pilot)
        walk = Walk(pilot)
        await walk.check()
    assert walk.problems == []


@pytest.mark.parametrize("person", ["Ada Director", "Al Area"])
@journey
async def test_the_administration_screen_and_its_forms_fit_at_80_columns(engine, person):
    async with app_for(engine, person).run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        walk = Walk(pilot)
        await walk.each_state()
    assert walk.problems == []
    assert "AdministrationScreen" in walk.seen


@journey
async def test_the_dashboard_fits_with_a_leavers_duties_on_it(engine):
    from peerinspect.engine import authority

    authority.retire_person(engine, as_person="Ada Director", person="Sam Senior")
    async with app_for(engine, "Ada Director").run_test(size=NARROW) as pilot:
        await settle(pilot)
        walk = Walk(pilot)
        await walk.check()
    assert walk.problems == []

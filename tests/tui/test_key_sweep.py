"""Every key the footer shows, on every screen each person can reach, with good and bad input in every form
and dialog that opens: nothing a person presses ends the app."""

from __future__ import annotations

import random

import pytest

from peerinspect.tui.screens.confirm import Confirm
from peerinspect.tui.widgets.inspections import InspectionTable

from .conftest import app_for, settle
from .keys import INVALID_TEXT, PRINTABLE, KeyLog, footer_keys
from .world import trial_copy

PEOPLE = ("Ada Director", "Sam Senior", "Ivy Inspector", "Cal Ambassador", "Dee District", "Al Area")
DEEPEST = 5
# Screens whose keys change most with the inspection's stage: swept on each inspection; the rest once.
BY_STAGE = {"InspectionScreen", "FieldworkScreen", "ActionPlanScreen"}  # dashboard, inspection, fieldwork, form, dialog


def where(screen) -> str:
    """A screen, and for the screens whose keys follow the inspection's stage, the inspection it shows."""
    name = type(screen).__name__
    if name in BY_STAGE:
        return f"{name}:{screen.inspection_id}"
    spec = getattr(screen, "spec", None)
    return f"{name}:{spec.kind}" if spec is not None else name


def inspections_of(screen) -> int:
    found = list(screen.query(InspectionTable))
    return found[0].row_count if found else 0


class Sweep:
    def __init__(self, pilot, rng: random.Random) -> None:
        self.pilot, self.rng = pilot, rng
        self.log = KeyLog(pilot.app)
        self.seen: set[str] = set()

    @property
    def app(self):
        return self.pilot.app

    async def press(self, key: str) -> None:
        await self.log.press(self.pilot, key)

    async def screen(self, depth: int = 0) -> None:
        """Press every key the footer shows here, then Tab, Enter and a printable key; explore what opens."""
        here = self.app.screen
        self.seen.add(where(here))
        if here.query("Input, TextArea"):
            await self.fill()
            if not await self.back_to(here):
                return
        footer = footer_keys(here)
        leaving = [key for key in footer if key == "escape"]  # last, or the rest would be pressed elsewhere
        keys = [key for key in footer if key != "escape"] + ["tab", "enter", self.rng.choice(PRINTABLE)] + leaving
        if depth == 0:
            keys = [*keys, *(f"open:{row}" for row in range(inspections_of(here)))]
        for key in keys:
            if not await self.back_to(here):
                return
            if key.startswith("open:"):
                await self.open_row(here, int(key[5:]))
            else:
                await self.press(key)
            opened = self.app.screen
            if opened is here or here not in self.app.screen_stack:
                continue
            if where(opened) not in self.seen and depth < DEEPEST:
                await self.screen(depth + 1)
        await self.back_to(here)

    async def open_row(self, dashboard, row: int) -> None:
        """Each of the person's inspections, not only the first: its row chosen, then Enter."""
        table = dashboard.query_one(InspectionTable)
        table.focus()
        table.move_cursor(row=row)
        await self.press("enter")

    async def fill(self) -> None:
        """A form or dialog: saved as it came, then with bad input, then with a printable line typed."""
        await self.press("ctrl+s")
        await self.log.paste(self.pilot, self.rng.choice(INVALID_TEXT))
        await self.press("ctrl+s")
        await self.press("tab")
        for _ in range(4):
            await self.log.tap(self.rng.choice(PRINTABLE))
        await self.press("enter")

    async def back_to(self, screen) -> bool:
        """Escape until `screen` is on top again, discarding typed input when asked; False if it is gone."""
        for _ in range(12):
            if screen not in self.app.screen_stack:
                return False
            if self.app.screen is screen:
                return True
            top = self.app.screen
            await self.press("escape")
            if isinstance(self.app.screen, Confirm) and self.app.screen is not top:
                await self.press("y")  # "Discard what you typed?"
        raise AssertionError(f"Escape does not lead back from {self.app.screen!r}; keys {self.log.keys[-20:]}")


@pytest.mark.sweep
@pytest.mark.parametrize("submitted", [False, True], ids=["plan-due", "plan-submitted"])
@pytest.mark.parametrize("person", PEOPLE)
def test_every_footer_key_on_every_reachable_screen(tmp_path_factory, tmp_path, person, submitted, key_count):
    if submitted and person not in ("Dee District", "Al Area"):
        pytest.skip("the submitted plan changes only the district's and the area's screens")
    import asyncio

    engine = trial_copy(tmp_path_factory, tmp_path, action_plan_submitted=submitted)

    async def run() -> Sweep:
        async with app_for(engine, person).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            sweep = Sweep(pilot, random.Random(f"{person}-{submitted}"))
            await sweep.screen()
            sweep.log.check()
            return sweep

    sweep = asyncio.run(run())
    key_count.append(len(sweep.log.keys))
    assert any(place.startswith("InspectionScreen") for place in sweep.seen), (sweep.seen, " ".join(sweep.log.keys))


@pytest.fixture(scope="module")
def key_count():
    counted: list[int] = []
    yield counted
    print(f"\nkey sweep: {sum(counted)} keys pressed")


@pytest.mark.sweep
@pytest.mark.parametrize("person, tab", [
    ("Ada Director", "people"), ("Ada Director", "districts"), ("Ada Director", "areas"), ("Ada Director", "settings"),
    ("Al Area", "districts"),
])
def test_every_footer_key_on_each_tab_of_the_administration_screen(tmp_path_factory, tmp_path, person, tab):
    import asyncio

    from textual.widgets import TabbedContent

    engine = trial_copy(tmp_path_factory, tmp_path)

    async def run() -> Sweep:
        async with app_for(engine, person).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            sweep = Sweep(pilot, random.Random(f"administration-{person}-{tab}"))
            await sweep.press("a")
            pilot.app.screen.query_one(TabbedContent).active = f"tab-{tab}"
            await settle(pilot)
            await sweep.screen()
            sweep.log.check()
            return sweep

    sweep = asyncio.run(run())
    assert "AdministrationScreen" in sweep.seen, sweep.seen
    assert len(sweep.seen) > 1, (sweep.seen, " ".join(sweep.log.keys))  # a form opened from it was swept too


@pytest.mark.sweep
def test_every_footer_key_on_the_sign_in_screens(tmp_path_factory, tmp_path):
    """The sign-in screen, then the first-password form it leads to: neither is left by any key but a good
    sign-in and a good new password, and nothing pressed ends the app."""
    import asyncio

    from textual.widgets import Input

    from peerinspect.engine import accounts, authority
    from peerinspect.tui.app import make_app
    from peerinspect.tui.screens.password_forms import ChangePasswordForm
    from peerinspect.tui.screens.sign_in import SignInScreen

    engine = trial_copy(tmp_path_factory, tmp_path)
    accounts.set_password(engine, as_person="Ada Director", person="Ada Director", password="violet-harbour-lantern")
    authority.update_settings(engine, {"sign_in_required": True}, as_person="Ada Director")

    async def run() -> Sweep:
        async with make_app(engine).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            sweep = Sweep(pilot, random.Random("sign-in"))
            await sweep.screen()
            assert isinstance(pilot.app.screen, SignInScreen)
            pilot.app.screen.query_one("#sign-in-name", Input).value = "Ada Director"
            pilot.app.screen.query_one("#sign-in-password", Input).value = "violet-harbour-lantern"
            await sweep.press("enter")
            await settle(pilot)
            assert isinstance(pilot.app.screen, ChangePasswordForm)
            await sweep.screen()
            assert isinstance(pilot.app.screen, ChangePasswordForm)
            sweep.log.check()
            return sweep

    sweep = asyncio.run(run())
    assert {"SignInScreen", "ChangePasswordForm"} <= sweep.seen, sweep.seen

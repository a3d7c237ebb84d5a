"""Every piece of text the app paints reaches WCAG AA contrast (4.5:1), in the dark theme and in the light one.

Each screen is opened as its users see it, and the colours are read from what it paints (tests/tui/painted.py),
so the measure covers the theme's colours, the stylesheet and Textual's own widgets together.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import DataTable, Input

from peerinspect.engine import accounts, authority
from peerinspect.tui.app import make_app
from peerinspect.tui.themes import THEMES

from .conftest import app_for, journey, open_inspection, settle
from .painted import below_aa


def keys(*pressed: str, district: str | None = None):
    async def walk(pilot) -> None:
        if district is None:
            await settle(pilot)
        else:
            await open_inspection(pilot, district)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return walk


def done_action(*pressed: str):
    """On Gosport's action plan: the action marked done, under the cursor, then these keys."""

    async def walk(pilot) -> None:
        await keys("a", district="Gosport")(pilot)
        plan = pilot.app.screen
        done = next(a for a in plan.dossier.actions if a.status.value == "done")
        table = plan.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(done.id))
        table.focus()
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return walk


async def overdue_plan(pilot) -> None:
    """Gosport's submitted plan a week after both actions fell due: one done, one overdue."""
    pilot.app.engine.clock.now = datetime(2026, 5, 6, 9, 0)
    await keys("a", district="Gosport")(pilot)


async def refused_sign_in(pilot) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#sign-in-name", Input).value = "Ada Director"
    pilot.app.screen.query_one("#sign-in-password", Input).value = "not-her-password"
    await pilot.press("enter")
    await settle(pilot)


def requiring_sign_in(engine) -> None:
    accounts.set_password(engine, as_person="Ada Director", person="Ada Director", password="violet-harbour-lantern")
    authority.update_settings(engine, {"sign_in_required": True}, as_person="Ada Director")


SCREENS = {
    "sign in, refused": (None, refused_sign_in),
    "person picker": (None, keys()),
    "person picker, nobody matches": (None, keys("z", "z", "q")),
    "dashboard, area director": ("Ada Director", keys()),
    "dashboard, district manager": ("Dee District", keys()),
    "inspection with a concern": ("Ada Director", keys(district="Eastleigh")),
    "fieldwork": ("Ivy Inspector", keys("f", district="Eastleigh")),
    "fieldwork, findings": ("Ada Director", keys("f", *["right_square_bracket"] * 4, district="Eastleigh")),
    "file review refused with errors": ("Ivy Inspector", keys("f", "n", "ctrl+s", district="Eastleigh")),
    "conversation form": ("Cal Ambassador", keys("f", "n", "tab", district="Eastleigh")),
    "judgements": ("Ada Director", keys("j", district="Fareham")),
    "report": ("Ada Director", keys("r", district="Fareham")),
    "next step dialog": ("Ada Director", keys("n", district="Fareham")),
    "action plan, submitted": ("Al Area", done_action()),
    "action plan, an action overdue": ("Al Area", overdue_plan),
    "save as dialog": ("Dee District", keys("a", "w", district="Gosport")),
    "verify dialog": ("Al Area", done_action("v")),
    "send back dialog": ("Al Area", done_action("b")),
    "cycle plan": ("Ada Director", keys("c")),
    "administration": ("Ada Director", keys("a")),
    "help": ("Ada Director", keys("f1")),
    "command palette": ("Ada Director", keys("ctrl+p")),
}


@pytest.mark.parametrize("screen", list(SCREENS))
@journey
async def test_every_text_reaches_aa_in_both_themes(request, screen):
    person, walk = SCREENS[screen]
    # Al Area checks Gosport's submitted plan: the workspace where one has been submitted.
    on = request.getfixturevalue("submitted_engine" if person == "Al Area" else "engine")
    if screen.startswith("sign in"):
        requiring_sign_in(on)
    app = make_app(on) if person is None else app_for(on, person)
    faint = []
    async with app.run_test(size=(120, 40)) as pilot:
        await walk(pilot)
        for theme in THEMES:
            pilot.app.theme = theme
            await settle(pilot)
            faint += [f"{theme}: {text}" for text in dict.fromkeys(below_aa(pilot.app))]
    assert not faint, "text below WCAG AA (4.5:1):\n" + "\n".join(faint)

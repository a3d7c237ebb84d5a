"""Keyboard conventions: help, the command palette, the theme toggle, the person picker, keys shown by role."""

from __future__ import annotations

from peerinspect.tui.app import make_app
from peerinspect.tui.commands import ScreenCommands
from peerinspect.tui.screens.dashboard import Dashboard
from peerinspect.tui.screens.help import HelpScreen
from peerinspect.tui.screens.picker import PersonPicker

from .conftest import app_for, journey, settle


def footer_actions(screen) -> set[str]:
    return {b.binding.action for b in screen.active_bindings.values() if b.enabled}


@journey
async def test_without_a_person_the_app_asks_who_is_using_it(engine):
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, PersonPicker)
        await pilot.press("down", "down", "enter")  # Al Area, Ada Director, Cal Ambassador: by name
        await settle(pilot)
        assert isinstance(pilot.app.screen, Dashboard)
        assert pilot.app.screen.session.person.name == "Cal Ambassador"


@journey
async def test_keys_follow_the_role(engine):
    async with app_for(engine, "Ivy Inspector").run_test() as pilot:
        await settle(pilot)
        assert "plan" not in footer_actions(pilot.app.screen)
        assert "cycle" not in footer_actions(pilot.app.screen)
    async with app_for(engine, "Ada Director").run_test() as pilot:
        await settle(pilot)
        assert {"plan", "cycle"} <= footer_actions(pilot.app.screen)


@journey
async def test_help_theme_and_palette(engine):
    async with app_for(engine, "Ada Director").run_test() as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        assert "Plan inspection" in pilot.app.screen.query_one("Markdown").source
        await pilot.press("escape")
        dark = pilot.app.theme
        await pilot.press("ctrl+t")
        assert pilot.app.theme != dark
        provider = ScreenCommands(pilot.app.screen)
        titles = [title for title, _, _ in provider._commands()]
        assert {"Plan inspection", "Cycle plan", "Help", "Open Eastleigh inspection"} <= set(titles)


def test_every_screen_uses_the_footer_that_rebuilds_once_per_change():
    """Textual's own footer rebuilds on every bindings refresh; a screen that took it would stall as fieldwork did."""
    import ast
    from pathlib import Path

    import peerinspect.tui

    tui = Path(peerinspect.tui.__file__).parent
    plain = [
        str(path.relative_to(tui)) for path in sorted(tui.rglob("*.py")) if path.name != "footer.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module == "textual.widgets" and any(n.name == "Footer" for n in node.names)
    ]
    assert plain == []

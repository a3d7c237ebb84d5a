"""The settings file: the theme is remembered, the keymap rebinds keys by id, and a bad file never stops the app."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from peerinspect.tui import settings
from peerinspect.tui.screens.fieldwork import FieldworkScreen
from peerinspect.tui.screens.help import HelpScreen

from .conftest import app_for, journey, open_inspection, settle


def settings_file(config: Path) -> Path:
    return config / "peerinspect" / "settings.toml"


def written(config: Path, text: str) -> Path:
    path = settings_file(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def notices(app) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


def footer_keys(screen) -> dict[str, str]:
    """The footer's keys, by what they do: 'Fieldwork' -> 'w'."""
    return {key.description: key.key_display for key in screen.query(FooterKey)}


def test_the_file_is_under_the_config_folder_xdg_names(own_config_folder):
    assert settings.settings_path() == settings_file(own_config_folder)


@journey
async def test_the_chosen_theme_is_remembered_for_the_next_start(engine, own_config_folder):
    async with app_for(engine, "Ada Director").run_test() as pilot:
        await settle(pilot)
        assert pilot.app.theme == "dark"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert pilot.app.theme == "light"
    path = settings_file(own_config_folder)
    assert 'theme = "light"' in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    async with app_for(engine, "Ada Director").run_test() as pilot:
        await settle(pilot)
        assert pilot.app.theme == "light"
        assert notices(pilot.app) == ""


@journey
async def test_changing_the_theme_keeps_the_persons_other_lines_and_comments(engine, own_config_folder):
    path = written(own_config_folder, '# mine\ntheme = "dark"  # for the evening\n\n[keymap]\nfieldwork = "w"\n')
    os.chmod(path, 0o644)
    async with app_for(engine, "Ada Director").run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
    assert path.read_text() == '# mine\ntheme = "light"  # for the evening\n\n[keymap]\nfieldwork = "w"\n'
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@journey
async def test_the_keymap_rebinds_a_screens_key_and_the_footer_and_help_show_it(engine, own_config_folder):
    written(own_config_folder, '[keymap]\nfieldwork = "w"\ntoggle-theme = "f9"\n')
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        assert footer_keys(pilot.app.screen)["Fieldwork"] == "w"
        await pilot.press("f")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, FieldworkScreen)
        await pilot.press("f1")
        await settle(pilot)
        help_text = pilot.app.screen.query_one("Markdown").source
        assert "| w | Fieldwork |" in help_text and "**F9** switches" in help_text
        await pilot.press("escape")
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FieldworkScreen)
        await pilot.press("f9")
        await settle(pilot)
        assert pilot.app.theme == "light"
        assert notices(pilot.app) == ""


@journey
async def test_the_help_screen_says_where_the_settings_file_is(engine, own_config_folder):
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)
        assert str(settings_file(own_config_folder)) in pilot.app.screen.query_one("Markdown").source


BAD_FILES = {
    "not TOML": ('theme = "light"\n[keymap\nfieldwork = "w"\n', ["settings.toml, line 2:"]),
    "not UTF-8": (b'theme = "\xff"\n', ["cannot be read: it is not UTF-8 text"]),
    "an unknown theme": ('theme = "solarized"\n', ['theme = "solarized" is not a theme: choose "dark" or "light"']),
    "a theme that is not a string": ("theme = 3\n", ["theme = 3 is not a theme"]),
    "an unknown setting": ('colour = "light"\n', ["'colour' is not a setting"]),
    "a keymap that is not a table": ('keymap = "w"\n', ['keymap must be a table of binding id = "keys"']),
    "an unknown binding id": ('[keymap]\nfeildwork = "w"\n', ["keymap.feildwork names no binding"]),
    "a key Textual cannot match": ('[keymap]\nfieldwork = "ctl+w"\n',
                                   ["keymap.fieldwork = \"ctl+w\": 'ctl' in 'ctl+w' is not a modifier"]),
    "an empty key": ('[keymap]\nfieldwork = "w,"\n', ['keymap.fieldwork = "w,": a key is missing']),
    "keys that are not a string": ("[keymap]\nfieldwork = 7\n", ["keymap.fieldwork = 7: keys are written as a string"]),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
@journey
async def test_a_bad_file_is_named_the_defaults_stand_in_and_the_file_is_left_as_it_was(engine, own_config_folder,
                                                                                        case):
    content, said = BAD_FILES[case]
    path = settings_file(own_config_folder)
    path.parent.mkdir(parents=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = path.read_bytes()
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        shown = notices(pilot.app)
        assert str(path) in shown
        for words in said:
            assert words in shown
        assert pilot.app.theme == "dark"
        await pilot.press("f")  # the default key still opens fieldwork
        await settle(pilot)
        assert isinstance(pilot.app.screen, FieldworkScreen)
    assert path.read_bytes() == before


@journey
async def test_a_file_that_is_not_toml_is_not_overwritten_when_the_theme_changes(engine, own_config_folder):
    path = written(own_config_folder, 'theme = "light"\n[keymap\n')
    before = path.read_bytes()
    async with app_for(engine, "Ada Director").run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert pilot.app.theme == "light"
        assert "Theme not remembered" in notices(pilot.app)
    assert path.read_bytes() == before


@journey
async def test_an_unknown_theme_is_replaced_when_the_person_changes_it_and_the_keymap_is_kept(engine, own_config_folder):
    path = written(own_config_folder, 'theme = "solarized"\n[keymap]\nfieldwork = "w"\n')
    async with app_for(engine, "Ada Director").run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
    assert path.read_text() == 'theme = "light"\n[keymap]\nfieldwork = "w"\n'


@journey
async def test_a_config_folder_that_cannot_be_made_changes_the_theme_for_now_and_says_so(engine, own_config_folder):
    own_config_folder.write_text("")  # a file where the folder should be: refused to everyone, root included
    async with app_for(engine, "Ada Director").run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert pilot.app.theme == "light"
        assert "Theme not remembered" in notices(pilot.app)
        assert str(settings_file(own_config_folder)) in notices(pilot.app)
    assert own_config_folder.read_text() == ""


@journey
async def test_a_settings_file_that_cannot_be_read_is_named(engine, own_config_folder):
    path = settings_file(own_config_folder)
    path.mkdir(parents=True)  # a folder in its place: unreadable to everyone, root included
    async with app_for(engine, "Ada Director").run_test() as pilot:
        await settle(pilot)
        assert f"{path} cannot be read" in notices(pilot.app)
        assert pilot.app.theme == "dark"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "Theme not remembered" in notices(pilot.app)
    assert path.is_dir()

"""The terminal UI's settings file: the theme it opens in and a keymap, under the user's config folder.

    theme = "light"

    [keymap]
    fieldwork = "w"            # a binding's id = the keys that take it, comma-separated
    toggle-theme = "f9,ctrl+t"

A file that is wrong in part never stops the app: what is wrong is named, its default is used, and the file is
left as the person wrote it. Choosing a theme rewrites the theme alone, keeping every other line and comment.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from types import MappingProxyType

from attrs import field, frozen

from ..owner_only import make_folder, replace_file

# Points the app at another settings file: for tests, or for a second set of settings.
ENVIRONMENT_VARIABLE = "PEERINSPECT_SETTINGS"
FILE_NAME = "settings.toml"
KNOWN_SETTINGS = ("theme", "keymap")


def settings_path() -> Path:
    """$PEERINSPECT_SETTINGS, else settings.toml in the user's config folder ($XDG_CONFIG_HOME/peerinspect)."""
    if os.environ.get(ENVIRONMENT_VARIABLE):
        return Path(os.environ[ENVIRONMENT_VARIABLE]).expanduser()
    from platformdirs import user_config_path  # only needed when no file was named

    return user_config_path("peerinspect") / FILE_NAME


@frozen
class Settings:
    """What the file asks for that can be used: a theme's name (None for the default) and keys by binding id."""

    theme: str | None = None
    keymap: Mapping[str, str] = field(factory=dict, converter=lambda keys: MappingProxyType(dict(keys)))


@frozen
class SettingsRead:
    """The settings a file gave, what was wrong with it in words, and whether the file may be rewritten.

    A file that is not TOML at all is never rewritten: there is no way to keep what its owner meant."""

    path: Path
    settings: Settings
    problems: tuple[str, ...] = ()
    rewritable: bool = True


def read_settings(path: Path, themes: Collection[str], key_problem: Callable[[str], str | None]) -> SettingsRead:
    """The settings in `path`, keeping only the theme among `themes` and the keys `key_problem` finds no fault in."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return SettingsRead(path, Settings())
    except (OSError, UnicodeDecodeError) as error:
        reason = "it is not UTF-8 text" if isinstance(error, UnicodeDecodeError) else error.strerror or str(error)
        return SettingsRead(path, Settings(), (f"{path} cannot be read: {reason}.",), rewritable=False)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return SettingsRead(path, Settings(), (f"{path}, {_where(error)}",), rewritable=False)
    problems = [f"{path}: {name!r} is not a setting (the settings are theme and keymap)."
                for name in document if name not in KNOWN_SETTINGS]
    theme = document.get("theme")
    if theme is not None and theme not in themes:
        choices = " or ".join(f'"{name}"' for name in themes)
        problems.append(f"{path}: theme = {_shown(theme)} is not a theme: choose {choices}.")
        theme = None
    keymap = document.get("keymap", {})
    if not isinstance(keymap, dict):
        problems.append(f'{path}: keymap must be a table of binding id = "keys", not {_shown(keymap)}.')
        keymap = {}
    usable = {}
    for binding_id, keys in keymap.items():
        problem = key_problem(keys) if isinstance(keys, str) else "keys are written as a string, such as \"ctrl+k\""
        if problem is None:
            usable[binding_id] = keys
        else:
            problems.append(f"{path}: keymap.{binding_id} = {_shown(keys)}: {problem}; its default key is kept.")
    return SettingsRead(path, Settings(theme, usable), tuple(problems))


def unknown_bindings(read: SettingsRead, binding_ids: Collection[str]) -> list[str]:
    """The keymap's entries naming no binding of the app, each in words."""
    return [f"{read.path}: keymap.{binding_id} names no binding; the ids are listed in the README."
            for binding_id in read.settings.keymap if binding_id not in binding_ids]


def remember_theme(path: Path, theme: str) -> None:
    """Set the file's theme, keeping every other entry and comment in it; made owner-only, replaced in one step.

    Raises OSError when the folder or the file cannot be written, and ValueError when the file is not TOML."""
    import tomlkit  # only when the theme changes: it keeps the person's own lines and comments as they wrote them

    target = path.resolve()  # a settings file linked from elsewhere (a dotfiles folder) stays a link
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as error:
        raise ValueError(f"{path}, {error}") from error
    document["theme"] = theme
    make_folder(target.parent)
    replace_file(target, tomlkit.dumps(document).encode("utf-8"))


def _where(error: tomllib.TOMLDecodeError) -> str:
    """tomllib's message with the line first: 'line 3: Expected '=' after a key (column 7)'."""
    message = str(error)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    if found is None:
        return f"{message[0].lower()}{message[1:]}." if message else "not TOML."
    detail = message[: found.start()] + message[found.end():]
    return f"line {found[1]}: {detail} (column {found[2]})."


def _shown(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)

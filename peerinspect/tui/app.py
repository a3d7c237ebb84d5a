"""The terminal app: built by one factory from the engine it works on and the person using it."""

from __future__ import annotations

import gc
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

from ..domain.authority import Person
from ..domain.errors import Refused
from ..domain.permissions import Act
from ..engine import accounts
from ..engine.core import Engine
from .commands import ScreenCommands
from .keymap import key_problem
from .messages import SettingsProblems, ThemeNotRemembered
from .screens.picker import PersonPicker
from .session import Session
from .settings import SettingsRead, read_settings, remember_theme, settings_path, unknown_bindings
from .signing_in import SignsIn
from .themes import DEFAULT_THEME, THEMES, other_theme


class PeerInspectApp(SignsIn, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "peerinspect"
    COMMANDS = App.COMMANDS | {ScreenCommands}
    BINDINGS = [
        # Off the footer, so each screen's own acts fit at 80 columns: F1 and the command palette list them.
        Binding("f1", "help", "Help", show=False, id="help"),
        Binding("question_mark", "help", "Help", show=False, id="help-key"),
        Binding("ctrl+t", "toggle_dark", "Light/dark", show=False, id="toggle-theme"),
        Binding("f2", "change_password", "Change my password", show=False, id="change-password",
                tooltip="Choose a new password for signing in"),
        Binding("ctrl+q", "quit", "Quit", show=False, id="quit", priority=True),
        # Always at the footer's right: it lists every act of the screen, shown in the footer or not.
        Binding("ctrl+p", "command_palette", "More", show=False, id="command-palette", priority=True,
                tooltip="Every action on this screen, help, the theme and quit"),
    ]

    def __init__(self, engine: Engine, person: Person | None, settings: SettingsRead, *, sign_in: bool = False) -> None:
        super().__init__()
        self.engine = engine
        self.first_person = person
        self.sign_in = sign_in  # the workspace requires it: the person signs in rather than being chosen
        self.settings = settings
        for theme in THEMES.values():
            self.register_theme(theme)
        self.theme = settings.settings.theme or DEFAULT_THEME
        # Only the two themes whose every colour is measured for contrast are offered, by Ctrl+T or the palette.
        for name in list(self.available_themes):
            if name not in THEMES:
                self.unregister_theme(name)
        self.set_keymap(settings.settings.keymap)

    def run(self, *args, **kwargs):
        # What is loaded by now (the code, the frameworks, the engine) lasts as long as the app: frozen out of the
        # garbage collector's sight, a full collection while a screen opens walks only what the screens made since,
        # not every module too, and holds up the app for a fraction of the time.
        gc.freeze()
        return super().run(*args, **kwargs)

    def on_mount(self) -> None:
        if self.settings.problems:
            self.post_message(SettingsProblems(self.settings.problems))
        if self.settings.settings.keymap:
            self._check_binding_ids()
        if self.sign_in:
            self.begin_signing_in(self.first_person.name if self.first_person else "")
        elif self.first_person is None:
            self.push_screen(PersonPicker(self.engine), self.open_as)
        else:
            self.open_as(self.first_person)

    def open_as(self, person: Person | None) -> None:
        if person is None:
            self.exit()
            return
        from .screens.dashboard import Dashboard  # after the first screen: the person picker shows without it

        self.show_who(person)
        self.push_screen(Dashboard(Session(self.engine, person)))

    def show_who(self, person: Person | None) -> None:
        """The person acting, in every screen's title bar; nobody while the sign-in screen waits for someone."""
        if person is None:
            self.sub_title = ""
            return
        self.sub_title = f"{person.name} · {person.role.label}" + (" · field copy" if self.engine.field_holder else "")

    @work(thread=True, group="settings", exit_on_error=False)
    def _check_binding_ids(self) -> None:
        from .binding_ids import binding_ids  # imports every screen: off the event loop, and only for a keymap

        try:
            unknown = unknown_bindings(self.settings, binding_ids())
        except Exception as error:  # noqa: BLE001 - a check that fails must not end the app; the keys still work
            unknown = [f"{self.settings.path}: the keymap's binding ids could not be checked ({error})."]
        if unknown:
            self.post_message(SettingsProblems(tuple(unknown)))

    def on_settings_problems(self, message: SettingsProblems) -> None:
        problems = "\n".join(f"• {problem}" for problem in message.problems)
        self.notify(f"{problems}\nThe defaults are used for these; the file is left as it is.",
                    title="Settings", severity="warning", timeout=20)

    def action_toggle_dark(self) -> None:
        self.theme = other_theme(self.theme)
        self._remember_theme(self.theme)

    @work(thread=True, group="settings", exclusive=True, exit_on_error=False)
    def _remember_theme(self, theme: str) -> None:
        if not self.settings.rewritable:
            self.post_message(ThemeNotRemembered(f"{self.settings.path} cannot be read, so it is left as it is: "
                                                 "correct it, and the next change of theme is kept."))
            return
        try:
            remember_theme(self.settings.path, theme)
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.post_message(ThemeNotRemembered(f"{self.settings.path} could not be written: {reason}."))

    def on_theme_not_remembered(self, message: ThemeNotRemembered) -> None:
        self.notify(f"{message.reason} The {self.theme} theme is used until peerinspect closes.",
                    title="Theme not remembered", severity="warning", timeout=10)

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # it renders Markdown: slow to import, and not needed to start

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


def make_app(engine: Engine, *, as_person: str | None = None, settings: Path | None = None) -> App:
    """The app on this engine's workspace, for `as_person` (a name or id), or opening on a person picker; where the
    workspace requires sign-in, on the sign-in screen (with `as_person`'s name filled in).

    Its theme and keys come from the `settings` file (by default the one under the user's config folder)."""
    person = engine.person(as_person) if as_person is not None else None
    read = read_settings(settings or settings_path(), THEMES, key_problem)
    if accounts.required(engine):
        return PeerInspectApp(engine, person, read, sign_in=True)
    if person is not None:
        # Someone who has left may do nothing at all: the rulebook says so, and the app does not open for them.
        refused = Session(engine, person).why_not(Act.READ_SUMMARY)
        if refused is not None:
            raise Refused(refused)
    return PeerInspectApp(engine, person, read)

"""Signing in, where the workspace requires it: the first screen, and the one an idle session comes back to.

Escape never leaves it (Ctrl+Q quits): it clears the password. The check runs in the background, as saves do,
and a refusal is said plainly, in the engine's own words.
"""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from ...domain.authority import Person
from ...engine import accounts
from ...engine.accounts import SignedIn
from ...engine.core import Engine
from ..failures import describe
from ..saving import SavesInBackground
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar


class SignInScreen(SavesInBackground, Screen[SignedIn]):
    BINDINGS = [
        Binding("enter", "sign_in", "Sign in", id="sign-in", priority=True),
        Binding("escape", "clear", "Clear", id="clear-sign-in",
                tooltip="Clear the password; Escape does not leave this screen (Ctrl+Q quits)"),
    ]

    def __init__(self, engine: Engine, *, name: str = "", ended: Person | None = None) -> None:
        super().__init__()
        self.engine, self.suggested, self.ended = engine, name, ended
        # What the person typed at sign-in, kept only until a first password is changed.
        self.password_given = ""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="sign-in-box"):
            yield Static("Sign in", classes="screen-title")
            if self.ended is not None:
                minutes = self.engine.settings().idle_minutes
                unit = "minute" if minutes == 1 else "minutes"
                yield Static(f"{escape(self.ended.name)}'s session ended after {minutes} {unit} without use. "
                             "Sign in to go on: what was open is kept.", classes="intro", id="ended")
            yield Label("Name")
            yield Input(value=self.suggested or (self.ended.name if self.ended else ""), id="sign-in-name", compact=True)
            yield Label("Password")
            yield Input(password=True, id="sign-in-password", compact=True)
            yield Static("", id="sign-in-refused", classes="field-error")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Sign in"
        name = self.query_one("#sign-in-name", Input)
        (self.query_one("#sign-in-password", Input) if name.value else name).focus()

    def action_sign_in(self) -> None:
        name = self.query_one("#sign-in-name", Input)
        password = self.query_one("#sign-in-password", Input)
        if not name.value.strip():
            name.focus()
            return
        if not password.value:
            password.focus()
            return
        typed_name, typed = name.value, password.value
        self.refused("")
        self.save_in_background(lambda: accounts.sign_in(self.engine, typed_name, typed),
                                then=lambda signed: self.signed_in(signed, typed), failed=self.not_signed_in)

    def signed_in(self, signed: SignedIn, password: str) -> None:
        self.password_given = password if signed.must_change else ""
        self.query_one("#sign-in-password", Input).value = ""
        self.dismiss(signed)

    def not_signed_in(self, error: Exception) -> None:
        password = self.query_one("#sign-in-password", Input)
        password.value = ""
        password.focus()
        self.refused(describe(error, "sign in"))

    def refused(self, text: str) -> None:
        self.query_one("#sign-in-refused", Static).update(escape(text))

    def action_clear(self) -> None:
        password = self.query_one("#sign-in-password", Input)
        password.value = ""
        password.focus()

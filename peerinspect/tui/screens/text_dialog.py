"""A short piece of text asked for on its own: a recommendation, a reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class TextDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-text")]

    def __init__(self, title: str, label: str, value: str = "") -> None:
        super().__init__(classes="dialog")
        self.heading, self.label, self.value = title, label, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.heading, classes="dialog-title")
            yield Label(self.label)
            yield Input(self.value, id="text", compact=True)
            yield Static("", classes="field-error")
            yield Static("Enter to save, Escape to cancel", classes="intro")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one(".field-error", Static).update("write something first, or press Escape")
            return
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)

"""One thing picked from a short list: a version of the report, a framework."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class ChoiceDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-choice")]

    def __init__(self, title: str, options: list[tuple[str, str]], chosen: str | None = None) -> None:
        super().__init__(classes="dialog")
        self.heading, self.options, self.chosen = title, options, chosen

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.heading, classes="dialog-title")
            yield OptionList(*(Option(Text(label), id=value) for label, value in self.options), id="choices")
            yield Static("Enter to choose, Escape to cancel", classes="intro")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        if self.chosen is not None:
            choices.highlighted = choices.get_option_index(self.chosen)
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Who is using peerinspect: chosen once at the start, and every screen then shows what their role can do."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...domain.authority import Person
from ...engine import authority
from ...engine.core import Engine
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar


class PersonPicker(Screen[Person | None]):
    BINDINGS = [Binding("escape", "cancel", "Quit", id="cancel")]

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        # Those who have left are not offered: they can no longer act.
        self.people = authority.people_now(engine)
        self.labels = authority.person_labels(engine, self.people)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Who are you? Choose yourself and press Enter.", classes="screen-title")
        if not self.people:
            yield Static("This workspace has nobody in it yet: add people with the command line first.", classes="intro")
        yield OptionList(*(Option(Text(self.labels[p.id]), id=p.id) for p in self.people), id="people")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(p for p in self.people if p.id == event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)

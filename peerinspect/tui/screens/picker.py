"""Who is using peerinspect: chosen once at the start, and every screen then shows what their role can do.

Typing narrows the list; the arrows and Enter choose without leaving what is typed. Escape clears what is
typed and never quits: quitting has its own key, in the footer.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.authority import Person
from ...engine import authority
from ...engine.core import Engine
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar


def matches(label: str, typed: str) -> bool:
    """Every word typed is found somewhere in the label (name, role, district), whatever the case."""
    label = label.casefold()
    return all(word in label for word in typed.casefold().split())


class PersonPicker(Screen[Person | None]):
    BINDINGS = [
        Binding("escape", "clear_or_back", "Clear", id="clear-filter", tooltip="Clear what is typed"),
        Binding("up", "move(-1)", "Up", show=False, id="previous-person"),
        Binding("down", "move(1)", "Down", show=False, id="next-person"),
        # The app's own quit key, shown here: before a person is chosen there is nothing else to leave by.
        Binding("ctrl+q", "app.quit", "Quit", id="quit-from-picker", priority=True),
    ]

    def __init__(self, engine: Engine, *, can_go_back: bool = False) -> None:
        super().__init__()
        # Those who have left are not offered: they can no longer act.
        self.people = authority.people_now(engine)
        self.labels = authority.person_labels(engine, self.people)
        self.can_go_back = can_go_back  # opened from a dashboard: Escape on an empty filter returns to it

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Who are you? Type to find yourself, then press Enter.", classes="screen-title")
        if not self.people:
            yield Static("This workspace has nobody in it yet: add people with the command line first.", classes="intro")
        yield Input(placeholder="Name, role or district", id="find-person")
        yield OptionList(id="people")
        yield Static("", id="no-match", classes="intro")
        yield Footer()

    def on_mount(self) -> None:
        self.show_matching("")
        self.query_one(Input).focus()

    def show_matching(self, typed: str) -> None:
        people = self.query_one(OptionList)
        people.clear_options()
        found = [p for p in self.people if matches(self.labels[p.id], typed)]
        people.add_options(Option(Text(self.labels[p.id]), id=p.id) for p in found)
        if found:
            people.highlighted = 0
        no_match = self.query_one("#no-match", Static)
        no_match.update(Text(f"Nobody matches “{typed.strip()}”: Escape clears it.") if typed.strip() and not found else "")
        no_match.display = bool(typed.strip() and not found)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_matching(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        people = self.query_one(OptionList)
        if people.highlighted is not None:
            self.choose(people.get_option_at_index(people.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.choose(event.option.id)

    def choose(self, person_id: str | None) -> None:
        self.dismiss(next(p for p in self.people if p.id == person_id))

    def action_move(self, step: int) -> None:
        people = self.query_one(OptionList)
        if people.option_count:
            current = people.highlighted if people.highlighted is not None else -step
            people.highlighted = max(0, min(people.option_count - 1, current + step))

    def action_clear_or_back(self) -> None:
        typed = self.query_one(Input)
        if typed.value:
            typed.value = ""
            typed.focus()
        elif self.can_go_back:
            self.dismiss(None)

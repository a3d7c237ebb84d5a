"""Cycle plan: every district against the current three-year cycle, and those short of their two inspections."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from ...engine import queries
from ..loading import LoadsInBackground
from ..messages import Loaded
from ..session import Session
from ..widgets.coverage import CoverageTable
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar


class CycleScreen(LoadsInBackground, Screen):
    """Cycle plan"""

    BINDINGS = [Binding("escape", "back", "Back", id="back")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="cycle-title", classes="screen-title")
        yield CoverageTable(id="coverage")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Cycle plan"
        self.load()

    def read(self):
        return queries.cycle_plan(self.session.engine)

    def show_loaded(self, message: Loaded) -> None:
        coverage = message.view
        short = sum(1 for c in coverage if not c.is_covered)
        if coverage:
            first = coverage[0]
            self.query_one("#cycle-title", Static).update(
                f"Cycle {first.cycle_start:%d %b %Y} to {first.cycle_end:%d %b %Y}: "
                f"{short} of {len(coverage)} districts still short of their inspections"
            )
        self.query_one(CoverageTable).show(coverage)
        self.query_one(CoverageTable).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

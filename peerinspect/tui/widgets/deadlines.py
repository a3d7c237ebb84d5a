"""Deadlines, most urgent first, each coloured by its state."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...domain.deadlines import DeadlineStatus

# Wide enough for "overdue by 99 days", so the dates below each other line up.
STATE_WIDTH = 18
SYMBOL = {"overdue": "✖", "due_today": "●", "due_soon": "▲", "upcoming": "·", "met_on_time": "✓", "met_late": "✓"}


class DeadlineList(Static):
    """Set `.show(statuses, titles, mine)`: the screen hands the deadlines down; this only draws them."""

    def show(self, statuses: list[DeadlineStatus], titles: dict[str, str], mine: str) -> None:
        self.remove_children()
        if not statuses:
            self.update("Nothing due that is yours to act on or oversee.")
            return
        self.update("")
        self.mount_all(
            Static(self._line(s, titles, mine), classes=f"deadline -{s.state.value.replace('_', '-')}") for s in statuses
        )

    @staticmethod
    def _line(status: DeadlineStatus, titles: dict[str, str], mine: str) -> Text:
        d = status.deadline
        yours = "  (yours)" if mine in d.owner_ids else ""
        line = Text()
        line.append(f"{SYMBOL.get(status.state.value, '·')} {status.describe():<{STATE_WIDTH}}", style="bold")
        line.append(f" {d.due:%d %b}  {d.title}{yours} — {titles.get(d.inspection_id, '')}")
        return line

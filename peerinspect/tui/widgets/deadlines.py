"""Deadlines, most urgent first, each coloured by its state; Enter or a click on one asks to open it."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from ...domain.deadlines import Deadline, DeadlineStatus

# Wide enough for "overdue by 99 days", so the dates below each other line up.
STATE_WIDTH = 18
SYMBOL = {"overdue": "✖", "due_today": "●", "due_soon": "▲", "upcoming": "·", "met_on_time": "✓", "met_late": "✓"}


class DeadlineRow(Static, can_focus=True):
    """One deadline: focused by Tab or the arrows, opened by Enter or a click."""

    DEFAULT_CSS = """
    DeadlineRow:focus { background: $block-cursor-background 60%; }
    """
    BINDINGS = [
        Binding("enter", "open", "Open deadline", id="open-deadline", tooltip="Open the screen that deals with this deadline"),
        Binding("up", "app.focus_previous", "Previous", show=False, id="previous-deadline"),
        Binding("down", "app.focus_next", "Next", show=False, id="next-deadline"),
    ]

    def __init__(self, status: DeadlineStatus, line: Text) -> None:
        super().__init__(line, classes=f"deadline -{status.state.value.replace('_', '-')}")
        self.deadline = status.deadline

    def action_open(self) -> None:
        self.post_message(DeadlineList.Opened(self.deadline))

    def on_click(self) -> None:
        self.focus()
        self.action_open()


class DeadlineList(Static):
    """Set `.show(statuses, titles, mine)`: the screen hands the deadlines down; this only draws them."""

    class Opened(Message):
        def __init__(self, deadline: Deadline) -> None:
            super().__init__()
            self.deadline = deadline

    def show(self, statuses: list[DeadlineStatus], titles: dict[str, str], mine: str) -> None:
        self.remove_children()
        if not statuses:
            self.update("Nothing due that is yours to act on or oversee.")
            return
        self.update("")
        self.mount_all(DeadlineRow(s, self._line(s, titles, mine)) for s in statuses)

    @staticmethod
    def _line(status: DeadlineStatus, titles: dict[str, str], mine: str) -> Text:
        d = status.deadline
        yours = "  (yours)" if mine in d.owner_ids else ""
        line = Text()
        line.append(f"{SYMBOL.get(status.state.value, '·')} {status.describe():<{STATE_WIDTH}}", style="bold")
        line.append(f" {d.due:%d %b}  {d.title}{yours} — {titles.get(d.inspection_id, '')}")
        return line

"""Help: what this screen offers, and how to get around."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

GENERAL = """\
## Getting around

- **Tab / Shift+Tab** move between fields; **Enter** opens the selected row.
- **Ctrl+S** saves a form; **Escape** goes back.
- **Ctrl+P** opens the command palette: every screen and action, searchable.
- **Ctrl+T** switches between the light and the dark theme.
- **F1** or **?** shows this help; **Ctrl+Q** quits.

Every piece of evidence answers the key question: *so what difference has been made?*
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "Close", id="close-help")]

    def __init__(self, below: Screen) -> None:
        super().__init__(classes="dialog")
        self.below = below

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box help"):
            yield Markdown(f"# Help: {self.below.__class__.__doc__ or ''}".split("\n")[0] + "\n\n" + self._keys() + GENERAL)

    def _keys(self) -> str:
        rows = ["## On this screen", "", "| key | does |", "|---|---|"]
        seen = set()
        for key, active in self.below.active_bindings.items():
            binding = active.binding
            # The focused widget's own keys (cursor moves) would bury the screen's actions.
            if not isinstance(active.node, (Screen, App)) or not active.enabled or not binding.description or (binding.action, binding.description) in seen:
                continue
            seen.add((binding.action, binding.description))
            rows.append(f"| {self.app.get_key_display(binding)} | {binding.description} |")
        return "\n".join(rows) + "\n\n"

    def action_close(self) -> None:
        self.dismiss(None)

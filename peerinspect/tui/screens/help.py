"""Help: what this screen offers, and how to get around."""

from __future__ import annotations

import re

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

# {binding-id} stands for that binding's keys as the keymap in the settings file has them.
GENERAL = """\
## Getting around

- **Tab / Shift+Tab** move between fields; **Enter** opens the selected row.
- **Ctrl+S** saves a form; **Escape** goes back.
- **{command-palette}** opens the command palette: every screen and action, searchable.
- **{toggle-theme}** switches between the light and the dark theme.
- **{help}** or **{help-key}** shows this help; **{quit}** quits.

Every piece of evidence answers the key question: *so what difference has been made?*

## Settings

The theme and the keys are kept in `{settings}`. A key is changed by its id, shown above:

```toml
theme = "light"

[keymap]
fieldwork = "w"
```
"""


def readable_key(key: str) -> str:
    """A key as the help names it: ctrl+t as Ctrl+T, question_mark as ?, escape as Esc."""
    *modifiers, name = key.split("+")
    name = format_key(name)
    name = name.upper() if len(name) == 1 or re.fullmatch(r"f\d+", name) else name.title()
    return "+".join([*(modifier.title() for modifier in modifiers), name])


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "close", "Close", id="close-help")]

    def __init__(self, below: Screen) -> None:
        super().__init__(classes="dialog")
        self.below = below

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box help"):
            yield Markdown(f"# Help: {self.below.__class__.__doc__ or ''}".split("\n")[0] + "\n\n" + self._keys()
                           + self._general())

    def _general(self) -> str:
        keymap = self.app.settings.settings.keymap
        text = GENERAL.replace("{settings}", str(self.app.settings.path))
        for binding in self.app.BINDINGS:
            keys = keymap.get(binding.id, binding.key).split(",")
            text = text.replace(f"{{{binding.id}}}", " / ".join(readable_key(key.strip()) for key in keys))
        return text

    def _keys(self) -> str:
        rows = ["## On this screen", "", "| key | does | id |", "|---|---|---|"]
        seen = set()
        for key, active in self.below.active_bindings.items():
            binding = active.binding
            # The focused widget's own keys (cursor moves) would bury the screen's actions.
            if not isinstance(active.node, (Screen, App)) or not active.enabled or not binding.description or (binding.action, binding.description) in seen:
                continue
            seen.add((binding.action, binding.description))
            rows.append(f"| {self.app.get_key_display(binding)} | {binding.description} | {binding.id or ''} |")
        return "\n".join(rows) + "\n\n"

    def action_close(self) -> None:
        self.dismiss(None)

"""The footer, rebuilt once per change of what the screen offers, however often the bindings were refreshed.

Textual's footer schedules a rebuild of all its keys for every refresh of the bindings: a screen that fills
a list refreshes them once per row highlighted, tab shown and load ended, and each rebuild mounts every key anew.
One rebuild after the next paint reads the bindings as they are then, which covers every refresh before it.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rebuild_due = False

    def bindings_changed(self, screen: Screen) -> None:
        if self.rebuild_due:
            return
        self.rebuild_due = True
        # Runs after the next paint, just before the rebuild that Textual's footer schedules below.
        self.call_after_refresh(self._rebuild_done)
        super().bindings_changed(screen)

    def _rebuild_done(self) -> None:
        self.rebuild_due = False

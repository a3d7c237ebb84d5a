"""The footer, rebuilt only when what the screen offers has changed, however often the bindings were refreshed.

Textual's footer rebuilds all its keys for every refresh of the bindings: a screen refreshes them on every key
pressed, row highlighted, tab shown and load ended, and each rebuild mounts every key anew and styles it. Most of
those refreshes change nothing the footer shows. One check after the next paint reads the bindings as they are
then, which covers every refresh before it, and rebuilds only if a key, its label, or whether it is enabled, changed.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.check_due = False
        self.shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if self.check_due or not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        self.check_due = True
        self.call_after_refresh(self._rebuild_if_changed)

    def _rebuild_if_changed(self) -> None:
        self.check_due = False
        if not self.is_attached:
            return
        shown = self._what_is_shown()
        if shown != self.shown:
            self.shown = shown
            self.call_later(self.recompose)

    def _what_is_shown(self) -> tuple:
        app = self.app
        return tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action, binding.show,
             enabled, tooltip)
            for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
        )

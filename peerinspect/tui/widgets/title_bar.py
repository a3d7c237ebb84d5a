"""The header every screen shows: Textual's Header, whose title can change while its screen is being closed.

Textual's own header looks its title label up when the title changes and fails if the screen was closed
meanwhile (Escape pressed while a screen was still opening), which ends the app; this one skips the update.
"""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class TitleBar(Header):
    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # in place of Header's own title watchers

        def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title())
            except (NoMatches, NoScreen):
                pass  # the screen is closing: there is no title left to change

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)

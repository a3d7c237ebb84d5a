"""Screens read what they show in a worker that always ends in a message: Loaded, or Failed with the reason.

A damaged file or a busy workspace shows as a line on the screen and a notification; the app carries on.
"""

from __future__ import annotations

import inspect

from rich.markup import escape
from textual import work
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from .failures import describe
from .messages import Failed, Loaded


class LoadsInBackground:
    """Mixed into a Screen that defines `read()` (run in a thread) and `show_loaded(Loaded)`."""

    def read(self) -> object:
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        try:
            view = self.read()
        except Exception as error:  # noqa: BLE001 - every failure becomes a message, never the end of the app
            message = Failed(describe(error))
        else:
            message = Loaded(view)
        if not get_current_worker().is_cancelled:
            self.post_message(message)

    def still_shown(self) -> bool:
        """A load can end just as its screen is closed: what it read is then no longer wanted anywhere."""
        return self in self.app.screen_stack

    async def on_loaded(self, message: Loaded) -> None:
        if self.still_shown():
            shown = self.show_loaded(message)
            if inspect.isawaitable(shown):
                await shown

    def show_loaded(self, message: Loaded) -> None:
        raise NotImplementedError

    def on_failed(self, message: Failed) -> None:
        if not self.still_shown():
            return
        self.show_load_problem(message.reason)
        self.notify(message.reason, title="Could not open", severity="error", timeout=10)

    def show_load_problem(self, reason: str) -> None:
        found = list(self.query("#load-problem"))
        if found:
            found[0].update(escape(reason))
            return
        problem = Static(escape(reason), id="load-problem", classes="concern-banner")
        headers = list(self.query(Header))
        if headers:
            self.mount(problem, after=headers[0])
        else:
            self.mount(problem, before=0)

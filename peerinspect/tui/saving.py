"""Saves run in a worker, never on the event loop, so the screen keeps answering while the store waits.

If another session holds the inspection, the screen says so and offers to stop waiting. Every save ends in
a message to the screen that asked for it: Saved with what was saved, or NotSaved with the reason.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from textual import work

from .failures import describe
from .messages import NotSaved, Saved, WaitingForLock


class SavesInBackground:
    """Mixed into a Screen: `save_in_background(call, then=…, failed=…)` runs `call()` off the event loop."""

    _stop_waiting: threading.Event | None = None
    _waiting_dialog = None

    @property
    def saving(self) -> bool:
        return self._stop_waiting is not None

    def save_in_background(self, call: Callable[[], Any], *, then: Callable[[Any], None],
                           failed: Callable[[Exception], None] | None = None) -> None:
        if self.saving:
            self.notify("Still saving: one moment", severity="warning")
            return
        self._stop_waiting = stop = threading.Event()
        self._save(call, then, failed, stop)

    @work(thread=True, group="save", exit_on_error=False)
    def _save(self, call, then, failed, stop: threading.Event) -> None:
        try:
            with self.app.engine.watching_lock_waits(lambda: self.post_message(WaitingForLock(stop)), stop):
                result = call()
        except Exception as error:  # noqa: BLE001 - every failure becomes a message, never the end of the app
            self.post_message(NotSaved(error, failed))
        else:
            self.post_message(Saved(result, then))

    def on_waiting_for_lock(self, message: WaitingForLock) -> None:
        from .screens.waiting import WaitingDialog

        if message.stop is self._stop_waiting and not message.stop.is_set():
            self._waiting_dialog = WaitingDialog(message.stop)
            self.app.push_screen(self._waiting_dialog)

    def _save_ended(self) -> None:
        self._stop_waiting = None
        if self._waiting_dialog is not None:
            self._waiting_dialog.finished()
            self._waiting_dialog = None

    def on_saved(self, message: Saved) -> None:
        self._save_ended()
        message.then(message.result)

    def on_not_saved(self, message: NotSaved) -> None:
        self._save_ended()
        if message.then is not None:
            message.then(message.error)
        else:
            self.notify(describe(message.error, "save"), title="Not saved", severity="error", timeout=10)

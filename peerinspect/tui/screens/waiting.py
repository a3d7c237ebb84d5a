"""Shown while a save waits for another session to finish with the inspection; Escape stops waiting."""

from __future__ import annotations

import threading

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class WaitingDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape", "stop", "Stop waiting", id="stop-waiting")]

    def __init__(self, stop: threading.Event) -> None:
        super().__init__(classes="dialog")
        self.stop = stop
        self.over = False  # the save ended while another screen was on top of this one

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="waiting"):
            yield Static("Waiting to save…", classes="dialog-title")
            yield Static("Another session is saving to this inspection; yours follows as soon as it has finished. "
                         "Escape stops waiting and saves nothing.", classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Stop waiting (esc)", id="stop")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_stop()

    def action_stop(self) -> None:
        self.stop.set()
        self.finished()

    def finished(self) -> None:
        """The save ended (or was stopped): this dialog goes, now or as soon as it is on top again."""
        self.over = True
        if self.is_current:
            self.dismiss(None)

    def on_screen_resume(self) -> None:
        if self.over:
            self.dismiss(None)

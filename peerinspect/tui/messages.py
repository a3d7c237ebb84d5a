"""Messages that travel up from workers and widgets to the screens that own them."""

from __future__ import annotations

from textual.message import Message


class Loaded(Message):
    """A worker finished reading what a screen shows; the screen replaces what it showed."""

    def __init__(self, view: object) -> None:
        super().__init__()
        self.view = view


class Failed(Message):
    """A worker could not read what a screen shows: the reason, for a notification."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

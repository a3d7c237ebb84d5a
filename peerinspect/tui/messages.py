"""Messages that travel up from workers and widgets to the screens that own them."""

from __future__ import annotations

import threading
from typing import Any, Callable

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


class Saved(Message):
    """A save in the background went through; `then` is what the screen does with what was saved."""

    def __init__(self, result: Any, then: Callable[[Any], None]) -> None:
        super().__init__()
        self.result, self.then = result, then


class NotSaved(Message):
    """A save in the background did not go through; nothing was changed."""

    def __init__(self, error: Exception, then: Callable[[Exception], None] | None) -> None:
        super().__init__()
        self.error, self.then = error, then


class WaitingForLock(Message):
    """A save found another session holding the inspection; setting `stop` gives up the wait."""

    def __init__(self, stop: threading.Event) -> None:
        super().__init__()
        self.stop = stop


class SettingsProblems(Message):
    """What is wrong in the settings file, each in words: the defaults stand in for it."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__()
        self.problems = problems


class ThemeNotRemembered(Message):
    """The theme changed, but the settings file could not keep it: why, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

"""Pressing keys as a person would, and reading which keys the footer offers: shared by the key sweep and
the random walks."""

from __future__ import annotations

import asyncio
import string

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.screen import Screen

from .world import crashed

# Keys a sweep never presses: quitting ends the run, switching person starts another person's run, and the
# theme toggle only repaints (slowly) what was shown.
NOT_SWEPT = {"quit", "app.quit", "switch_person", "toggle_dark"}
PRINTABLE = string.ascii_letters + string.digits + " -/.,'?!:;@#"
INVALID_TEXT = ("2026-13-45", "31/02/2026", "   ", "x" * 120, "Jane Smith 01/02/2015", "[b]markup[/b]", "'; drop")


class Crashed(AssertionError):
    pass


class KeyLog:
    """Every key sent to one app, so a crash names the keys that led to it."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.keys: list[str] = []

    def check(self) -> None:
        error = crashed(self.app)
        if error is not None:
            raise Crashed(f"{type(error).__name__}: {error} after keys {self.keys[-40:]}") from error

    async def tap(self, key: str) -> None:
        """Send one key the way a terminal does, without waiting for the screen to repaint."""
        char = key if len(key) == 1 else None
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        event = events.Key(key, char)
        event.set_sender(self.app)
        self.app._driver.send_message(event)
        self.keys.append(key)
        await asyncio.sleep(0)

    async def press(self, pilot, key: str) -> None:
        """One key, then let the app, its workers and the screen catch up."""
        await self.tap(key)
        await pilot.pause()
        if self.app.workers:
            await self.app.workers.wait_for_complete()
            await pilot.pause()
        self.check()

    async def paste(self, pilot, text: str) -> None:
        """Text pasted into whatever has focus, as a terminal sends a paste: one event."""
        event = events.Paste(text)
        event.set_sender(self.app)
        self.app._driver.send_message(event)
        self.keys.append(f"paste:{text}")
        await pilot.pause()
        self.check()


def footer_keys(screen: Screen) -> list[str]:
    """The keys the footer shows on this screen, for what this person may do now."""
    keys = []
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if active.enabled and binding.show and binding.action not in NOT_SWEPT and key not in keys:
            keys.append(key)
    return keys

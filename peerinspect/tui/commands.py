"""The command palette: every screen to go to, and every action the current screen offers this person."""

from __future__ import annotations

from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen


class ScreenCommands(Provider):
    def _commands(self):
        screen = self.screen
        seen = set()
        for binding_info in screen.active_bindings.values():
            node, binding, enabled = binding_info.node, binding_info.binding, binding_info.enabled
            # Widgets' own keys (cursor moves and the like) are not commands of the screen.
            if not isinstance(node, (Screen, App)) or not enabled or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            help_text = f"{binding.description} ({binding_info.binding.key_display or binding.key})"
            yield binding.description, help_text, partial(self.app.run_action, binding.action, node)
        extra = getattr(screen, "palette_commands", None)
        if extra is not None:
            yield from extra()

    async def discover(self) -> Hits:
        for title, help_text, run in self._commands():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)

"""The web server: Textualize's textual-serve, with our own page and a log that never holds what was typed.

textual-serve starts one process per browser tab and relays the terminal through a websocket. Its own page
fetches a font from Google; ours (templates/app_index.html) loads everything from this server, by paths
relative to the page, so it works the same behind a reverse proxy that adds TLS.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from textual_serve.server import Server

from . import morning, warm

TEMPLATES = Path(__file__).resolve().parent / "templates"


class OwnPageServer(Server):
    """textual-serve running `command` for each tab, on our page, with a log that keeps no typed keys."""

    def __init__(self, command: str, *, host: str, port: int) -> None:
        super().__init__(command, host=host, port=port, title="peerinspect", templates_path=TEMPLATES)

    def initialize_logging(self) -> None:
        # textual-serve's own handler prints a failure's local variables, which can hold the keys a person typed
        # (a password among them): our log says what failed and where, never with what.
        logging.basicConfig(level=logging.DEBUG if self.debug else logging.INFO,
                            format="%(asctime)s %(levelname)s %(message)s", force=True)
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app) -> None:
        print(f"peerinspect: serving on {self.public_url} (Ctrl+C stops)", flush=True)


class WorkspaceServer(OwnPageServer):
    """Serves the terminal UI on one workspace, each tab forked from a warm template process where that can be."""

    def __init__(self, workspace: Path, *, host: str, port: int) -> None:
        self.template = warm.TemplateProcess(workspace) if warm.supported() else None
        command = self.template.command if self.template else warm.plain_command(workspace)
        super().__init__(command, host=host, port=port)
        self.workspace = workspace
        self._watching: asyncio.Task | None = None
        self._reminding: asyncio.Task | None = None

    def serve(self, debug: bool = False) -> None:
        if self.template is None:
            return super().serve(debug)
        # Started before the server listens, to warm up meanwhile: a tab that comes sooner starts the plain way.
        self.template.start()
        try:
            super().serve(debug)
        finally:
            self.template.stop()

    async def on_startup(self, app) -> None:
        print(f"peerinspect: serving {self.workspace} on {self.public_url} (Ctrl+C stops)", flush=True)
        if self.template is not None:
            self._watching = asyncio.create_task(self.template.watch())
        self._reminding = asyncio.create_task(morning.send_every_morning(self.workspace))

    async def on_shutdown(self, app) -> None:
        if self._reminding is not None:
            self._reminding.cancel()
        if self._watching is not None:
            self._watching.cancel()

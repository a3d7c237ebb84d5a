"""The web server: Textualize's textual-serve, with our own page and a log that never holds what was typed.

textual-serve starts one process per browser tab and relays the terminal through a websocket. Its own page
fetches a font from Google; ours (templates/app_index.html) loads everything from this server, by paths
relative to the page, so it works the same behind a reverse proxy that adds TLS.
"""

from __future__ import annotations

import logging
import shlex
import sys
from pathlib import Path

from textual_serve.server import Server

TEMPLATES = Path(__file__).resolve().parent / "templates"


def tab_command(workspace: Path) -> str:
    """The shell command the server runs for each tab that connects."""
    return f"{shlex.quote(sys.executable)} -m peerinspect.serving.tab {shlex.quote(str(workspace))}"


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
    """Serves the terminal UI on one workspace."""

    def __init__(self, workspace: Path, *, host: str, port: int) -> None:
        super().__init__(tab_command(workspace), host=host, port=port)
        self.workspace = workspace

    async def on_startup(self, app) -> None:
        print(f"peerinspect: serving {self.workspace} on {self.public_url} (Ctrl+C stops)", flush=True)

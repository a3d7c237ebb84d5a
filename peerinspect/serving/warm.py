"""Warm tabs: the server keeps one template process (zygote.py) running and has each tab forked from it.

A tab started from scratch imports Textual and the engine first, seconds of work that twenty tabs opened at once
repeat twenty times over two cores. Forked from a template process that has done it once, a tab pays only for its
own screens. The template listens on a socket in a folder of its own (0700, the socket 0600), and is started again
whenever it has ended; meanwhile tabs start the plain way (launch.py falls back).

Linux only: forking a process that has imported a GUI toolkit's worth of modules, and the prctl that ends the
template with the server, are Linux's. Elsewhere the server starts each tab as before.
"""

from __future__ import annotations

import asyncio
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import launch

SOCKET_NAME = "tabs.sock"
WATCH_SECONDS = 0.5
WARM = "tabs start warm, forked from the template process"


def supported() -> bool:
    return sys.platform.startswith("linux")


def plain_command(workspace: Path) -> str:
    return f"{shlex.quote(sys.executable)} -m peerinspect.serving.tab {shlex.quote(str(workspace))}"


class TemplateProcess:
    """The template process for one workspace: started, watched, started again, and stopped with the server."""

    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace
        self.folder = Path(tempfile.mkdtemp(prefix="peerinspect-tabs-"))  # 0700: mkdtemp makes it owner-only
        self.socket = self.folder / SOCKET_NAME
        self.process: subprocess.Popen | None = None

    @property
    def command(self) -> str:
        """The shell command for each tab: the launcher, which replaces the shell and imports almost nothing."""
        return (f"exec {shlex.quote(sys.executable)} -S -E {shlex.quote(launch.__file__)} "
                f"{shlex.quote(str(self.socket))} {shlex.quote(str(self.workspace))}")

    def start(self) -> None:
        self.socket.unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "peerinspect.serving.zygote", str(self.socket), str(self.workspace)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)

    async def watch(self) -> None:
        """Says when tabs start warm, and starts the template again whenever it has ended, while the server runs."""
        listening = False
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            if self.process is not None and self.process.poll() is not None:
                print(f"peerinspect: the tab template process ended ({self.process.returncode}); starting another",
                      file=sys.stderr, flush=True)
                self.start()
                listening = False
            elif not listening and self.socket.exists():
                print(f"peerinspect: {WARM}", flush=True)
                listening = True

    def stop(self) -> None:
        """Ends the template, which asks its tabs to close first, and removes its folder."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

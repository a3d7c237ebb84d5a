"""Tabs forked from the warm template process: each starts as textual-serve starts it (the command, its pipes, its
environment), opens on the sign-in screen and ends cleanly; the template's socket is owner-only; a tab still starts
when the template has died, and the server starts another; no child is left a zombie; killing the server ends the
template and its tabs."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from textual_serve.app_service import AppService

from peerinspect.serving import warm

from .conftest import PATIENCE_SECONDS, free_port

pytestmark = pytest.mark.skipif(not warm.supported(), reason="tabs are forked from a template on Linux only")


class PipedTab:
    """One tab's process as textual-serve runs it, and what its terminal has shown so far."""

    def __init__(self, command: str) -> None:
        import pyte

        environment = AppService(command, write_bytes=None, write_str=None, close=None,
                                 download_manager=None)._build_environment(80, 24)
        self.process = subprocess.Popen(command, shell=True, env=environment, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.screen = pyte.Screen(80, 24)
        self._stream = pyte.ByteStream(self.screen)
        self._pending = b""

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, wanted: str) -> None:
        deadline = time.monotonic() + PATIENCE_SECONDS
        while wanted not in self.text:
            assert time.monotonic() < deadline, f"the tab never showed {wanted!r}; it shows:\n{self.text}"
            if select.select([self.process.stdout], [], [], 0.2)[0]:
                chunk = os.read(self.process.stdout.fileno(), 65536)
                assert chunk, f"the tab ended before showing {wanted!r}: {self.process.stderr.read()!r}"
                self._feed(chunk)

    def _feed(self, chunk: bytes) -> None:
        self._pending += chunk
        if self._pending.startswith(b"__GANGLION__\n"):
            self._pending = self._pending[len(b"__GANGLION__\n"):]
        while len(self._pending) >= 5 and len(self._pending) >= 5 + int.from_bytes(self._pending[1:5], "big"):
            size = int.from_bytes(self._pending[1:5], "big")
            kind, payload, self._pending = self._pending[:1], self._pending[5:5 + size], self._pending[5 + size:]
            if kind == b"D":
                self._stream.feed(payload)

    def quit(self) -> int:
        """Closes the tab as textual-serve does when its browser tab goes; the launcher's exit status."""
        message = json.dumps({"type": "quit"}).encode()
        self.process.stdin.write(b"M" + len(message).to_bytes(4, "big") + message)
        self.process.stdin.flush()
        return self.process.wait(timeout=PATIENCE_SECONDS)


def children(pid: int) -> dict[int, str]:
    """The processes whose parent is `pid`, with their state (Z: a zombie)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found[int(entry.name)] = fields[0]
    return found


def alive(pid: int) -> bool:
    try:
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) != "Z"
    except OSError:
        return False


def eventually(condition, what: str) -> None:
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


@pytest.fixture
def template(served_workspace):
    started = warm.TemplateProcess(served_workspace.resolve())
    started.start()
    eventually(started.socket.exists, "the template process never listened")
    yield started
    started.stop()


def test_the_templates_socket_and_folder_are_owner_only(template):
    assert template.socket.stat().st_mode & 0o777 == 0o600
    assert template.folder.stat().st_mode & 0o777 == 0o700
    template.stop()
    assert not template.folder.exists()


def test_a_tab_forked_from_the_template_opens_on_sign_in_and_ends_cleanly(template):
    tab = PipedTab(template.command)
    tab.wait_for("Password")
    assert "Sign in" in tab.text
    # The tab is the template's child, not a Python the launcher started from scratch.
    assert list(children(tab.process.pid)) == []
    assert len(children(template.process.pid)) == 1
    assert tab.quit() == 0


def test_a_tab_still_starts_when_the_template_has_died(template):
    template.process.kill()
    template.process.wait()
    tab = PipedTab(template.command)
    tab.wait_for("Password")
    assert tab.quit() == 0


def test_tabs_that_close_leave_no_zombie_behind(template):
    tabs = [PipedTab(template.command) for _ in range(3)]
    for tab in tabs:
        tab.wait_for("Password")
    assert len(children(template.process.pid)) == 3
    assert [tab.quit() for tab in tabs] == [0, 0, 0]
    eventually(lambda: children(template.process.pid) == {}, f"children left: {children(template.process.pid)}")


def test_a_tab_whose_launcher_is_killed_ends_too(template):
    tab = PipedTab(template.command)
    tab.wait_for("Password")
    [forked] = children(template.process.pid)
    tab.process.kill()
    tab.process.wait()
    eventually(lambda: not alive(forked), "the tab went on without its launcher")
    eventually(lambda: children(template.process.pid) == {}, "the ended tab was not reaped")


def serving(workspace: Path) -> tuple[subprocess.Popen, int]:
    """`peerinspect serve` once its template listens; the server and the template's pid."""
    server = subprocess.Popen([sys.executable, "-m", "peerinspect", "--workspace", str(workspace), "serve",
                               "--port", str(free_port())], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + PATIENCE_SECONDS * 2
    for line in server.stdout:
        if warm.WARM in line:
            break
        assert time.monotonic() < deadline, "the server never said its tabs start warm"
    [template] = children(server.pid)
    return server, template


def socket_of(template: int) -> str:
    return Path(f"/proc/{template}/cmdline").read_bytes().split(b"\0")[-3].decode()


def test_the_server_starts_another_template_when_its_template_dies(served_workspace):
    server, template = serving(served_workspace)
    try:
        os.kill(template, signal.SIGKILL)
        deadline = time.monotonic() + PATIENCE_SECONDS * 2
        for line in server.stdout:
            if warm.WARM in line:
                break
            assert time.monotonic() < deadline, "no new template listened"
        [replacement] = children(server.pid)
        assert replacement != template
    finally:
        server.terminate()
        server.wait(timeout=PATIENCE_SECONDS)


def test_killing_the_server_ends_its_template_and_tabs(served_workspace):
    server, template = serving(served_workspace)
    launcher = Path(warm.launch.__file__)
    tab = PipedTab(f"exec {sys.executable} -S -E {launcher} {socket_of(template)} {served_workspace}")
    tab.wait_for("Password")
    [forked] = children(template)
    server.kill()
    server.wait()
    eventually(lambda: not alive(template), "the template outlived the server")
    eventually(lambda: not alive(forked), "a tab outlived the server")
    assert tab.process.wait(timeout=PATIENCE_SECONDS) == 0  # asked to close, it closed cleanly

"""The template process: everything a tab needs already imported, forked once per browser tab (Linux only).

`python -m peerinspect.serving.zygote SOCKET WORKSPACE` imports Textual, the app and its screens, the engine and
argon2, then listens on SOCKET (owner-only) for launchers (launch.py). For each, it takes the tab's three pipes and
environment, forks, and the child becomes the tab: its pipes as standard input, output and error, the environment
as its own, the workspace opened fresh (files and locks are never shared across forks), and the tab run as tab.py
runs it. The template process reaps every child and tells its launcher how it ended.

Forking is safe only while a process has one thread: nothing imported here starts one (Textual starts its threads
when an app runs, which happens only in the children), and the template checks before it listens.
"""

from __future__ import annotations

import ctypes
import importlib
import os
import selectors
import signal
import socket
import sys
import threading
import time
from pathlib import Path

from .launch import EXIT, STARTED

# Everything a tab imports on its way to the sign-in screen and the dashboard, imported once here.
WARM_MODULES = (
    "argon2",
    "textual.app",
    "textual.drivers.web_driver",
    "peerinspect.engine.core",
    "peerinspect.engine.accounts",
    "peerinspect.tui.app",
    "peerinspect.serving.tab",
)
PR_SET_PDEATHSIG = 1
# How long a launcher has to hand over its pipes and environment before the template gives up on it.
HANDOVER_SECONDS = 5
# How long tabs have to close (recording their sign-outs) when the template process is stopped.
CLOSING_SECONDS = 5


def warm() -> None:
    for module in WARM_MODULES:
        importlib.import_module(module)
    if threading.active_count() != 1:
        raise RuntimeError(f"{threading.active_count()} threads after importing: forking would not be safe")


def end_with_parent() -> None:
    """The kernel sends SIGTERM to this process when the process that started it ends, however it ends."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def exit_code(status: int) -> int:
    """The status a shell would give: the code, or 128 plus the signal that ended it."""
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code


def receive(connection: socket.socket) -> tuple[list[int], dict[str, str]]:
    """The tab's three pipes and its environment, as launch.py sends them."""
    connection.settimeout(HANDOVER_SECONDS)
    header, fds, _, _ = socket.recv_fds(connection, 8, 3)
    if len(fds) != 3 or len(header) != 8:
        for fd in fds:
            os.close(fd)
        raise ConnectionError("the launcher sent no pipes")
    wanted, body = int.from_bytes(header, "big"), bytearray()
    while len(body) < wanted:
        chunk = connection.recv(wanted - len(body))
        if not chunk:
            for fd in fds:
                os.close(fd)
            raise ConnectionError("the launcher went away during its handover")
        body += chunk
    entries = (entry.decode("utf-8", "surrogateescape").partition("=") for entry in bytes(body).split(b"\0") if entry)
    return fds, {name: value for name, _, value in entries}


def become_tab(fds: list[int], environment: dict[str, str], workspace: Path) -> int:
    """In the forked child: takes the tab's pipes and environment, then runs the tab."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)
    os.environ.clear()
    os.environ.update(environment)
    # Textual reads its settings (the driver, frames per second, colours) from the environment when imported.
    import textual.constants

    importlib.reload(textual.constants)
    from .tab import run_tab

    return run_tab(workspace)


class Template:
    """The listening socket, the children running as tabs, and the launcher each one answers to."""

    def __init__(self, listener: socket.socket, workspace: Path) -> None:
        self.listener, self.workspace = listener, workspace
        self.tabs: dict[int, socket.socket] = {}
        self.stopping = False
        self.woken_read, self.woken_write = os.pipe()
        os.set_blocking(self.woken_read, False)
        os.set_blocking(self.woken_write, False)
        self.selector = selectors.DefaultSelector()
        self.selector.register(listener, selectors.EVENT_READ, "listener")
        self.selector.register(self.woken_read, selectors.EVENT_READ, "signal")

    def run(self) -> int:
        signal.set_wakeup_fd(self.woken_write)
        signal.signal(signal.SIGCHLD, lambda *_: None)  # delivered through the wakeup pipe
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        while not self.stopping:
            for key, _ in self.selector.select():
                if key.data == "listener":
                    self.accept()
                elif key.data == "signal":
                    self.drain_wakeups()
                    self.reap()
                else:
                    self.launcher_went_away(key.fileobj, key.data)
        self.close_tabs()
        return 0

    def stop(self, *_: object) -> None:
        self.stopping = True

    def accept(self) -> None:
        connection, _ = self.listener.accept()
        try:
            fds, environment = receive(connection)
        except (OSError, ValueError):
            connection.close()
            return
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            self.in_child(connection, fds, environment)
        for fd in fds:
            os.close(fd)
        try:
            connection.sendall(STARTED)
        except OSError:
            pass  # the launcher has gone: its tab is ended below, when the selector sees the hang-up
        connection.setblocking(False)
        self.tabs[pid] = connection
        self.selector.register(connection, selectors.EVENT_READ, pid)

    def in_child(self, connection: socket.socket, fds: list[int], environment: dict[str, str]) -> None:
        code = 1
        try:
            signal.set_wakeup_fd(-1)
            for handled in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT):
                signal.signal(handled, signal.SIG_DFL)
            self.selector.close()
            for held in (self.listener, connection, *self.tabs.values()):
                held.close()
            os.close(self.woken_read)
            os.close(self.woken_write)
            code = become_tab(fds, environment, self.workspace)
        except BaseException as error:  # noqa: BLE001 - the server's log gets a line, and the child must not return
            print(f"peerinspect: the served session ended ({type(error).__name__}: {error})", file=sys.stderr)
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                # Never back into the template's loop, nor through its exit handlers.
                os._exit(code)

    def drain_wakeups(self) -> None:
        try:
            while os.read(self.woken_read, 512):
                pass
        except BlockingIOError:
            pass

    def reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            connection = self.tabs.pop(pid, None)
            if connection is not None:
                if connection.fileno() in self.selector.get_map():
                    self.selector.unregister(connection)
                try:
                    connection.setblocking(True)
                    connection.sendall(EXIT + f"{exit_code(status)}\n".encode())
                except OSError:
                    pass
                connection.close()

    def launcher_went_away(self, connection: socket.socket, pid: int) -> None:
        """A launcher never writes after its handover: readable means it has gone, so its tab goes too."""
        try:
            if connection.recv(64):
                return
        except BlockingIOError:
            return
        except OSError:
            pass
        self.selector.unregister(connection)
        try:
            os.kill(pid, signal.SIGTERM)  # the tab's driver ends the app cleanly on SIGTERM, recording the sign-out
        except ProcessLookupError:
            pass

    def close_tabs(self) -> None:
        """Asks every tab to close (each records its sign-out), then ends those that do not."""
        for pid in list(self.tabs):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + CLOSING_SECONDS
        while self.tabs and time.monotonic() < deadline:
            self.reap()
            if self.tabs:
                time.sleep(0.05)
        for pid in list(self.tabs):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        while self.tabs:
            pid, status = os.waitpid(-1, 0)
            self.tabs.pop(pid, None)


def listen(path: Path) -> socket.socket:
    """The socket launchers connect to: owner-only from the moment it exists."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    previous = os.umask(0o177)
    try:
        listener.bind(str(path))
    finally:
        os.umask(previous)
    listener.listen(128)
    return listener


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 2:
        print("usage: python -m peerinspect.serving.zygote SOCKET WORKSPACE", file=sys.stderr)
        return 2
    end_with_parent()
    parent = os.getppid()
    warm()
    if os.getppid() != parent:
        return 1  # the server ended while this warmed up
    path = Path(arguments[0])
    try:
        return Template(listen(path), Path(arguments[1])).run()
    finally:
        # Gone with the template, even when the server that made its folder was killed outright.
        path.unlink(missing_ok=True)
        try:
            path.parent.rmdir()
        except OSError:
            pass


if __name__ == "__main__":
    sys.exit(main())

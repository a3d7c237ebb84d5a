"""Whole processes, timed from outside: a command from start to exit, and the demo from start to its first screen.

Every process runs with its bytecode cached under /tmp (PYTHONPYCACHEPREFIX), as an installed
package has it, and after one untimed run that fills that cache; its output is thrown away.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from cache import CACHE

PYCACHE = CACHE / "pycache"
# Escape sequences a terminal obeys, taken out of what the demo writes before looking for its text.
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
FIRST_SCREEN = b"Name, role or district"  # the person picker's search box: the demo's first screen
QUIT = b"\x11"  # ctrl+q
TERMINAL_SIZE = struct.pack("HHHH", 40, 120, 0, 0)  # rows, columns: 120x40


def environment(scratch: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(PYCACHE), TMPDIR=str(scratch), TERM="xterm-256color")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def python_command(*args: str) -> list[str]:
    return [sys.executable, *args]


def peerinspect_command(*args: str) -> list[str]:
    return python_command("-m", "peerinspect", *args)


def run_once(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def alternate(commands: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, list[float]]:
    """Seconds per run of each command, the commands taking turns, so a busy moment falls on all of them."""
    for command in commands.values():
        run_once(command, env)  # fills the bytecode cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(run_once(command, env))
    return times


def first_screen(command: list[str], env: dict[str, str], *, text: bytes = FIRST_SCREEN, timeout: float = 60.0) -> float:
    """Seconds from starting the command in a terminal of 120x40 to its first screen being written, then quits it."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the command, its terminal the pseudo-terminal
        try:
            # Sized before the command starts: sized from the parent, it can ask before the size is set and draw at 0x0.
            fcntl.ioctl(0, termios.TIOCSWINSZ, TERMINAL_SIZE)
            os.execve(command[0], command, env)
        finally:
            os._exit(127)
    started = time.perf_counter()
    written, found = b"", None
    try:
        while found is None and time.perf_counter() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.5)
            chunk = _read(fd) if ready else b""
            if ready and not chunk:
                break  # it ended without showing the screen
            written += chunk
            if text in ESCAPES.sub(b"", written):
                found = time.perf_counter() - started
        os.write(fd, QUIT)
        _wait_for_exit(pid, fd)
    finally:
        os.close(fd)
    if found is None:
        raise RuntimeError(f"{' '.join(command)} did not show {text!r} within {timeout} s: "
                           f"{ESCAPES.sub(b'', written)[-400:]!r}")
    return found


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal's other end closed: the process ended
        return b""


def _wait_for_exit(pid: int, fd: int, patience: float = 10.0) -> None:
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if select.select([fd], [], [], 0.1)[0] and not _read(fd):
            break
        if os.waitpid(pid, os.WNOHANG)[0]:
            return
    else:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)

"""`peerinspect demo` in a terminal: its workspace is built by a second process while the UI loads, then shown;
built in the same process instead where a second one cannot be made safely, or failed."""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from peerinspect.cli import tui_commands

ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def read_until(fd: int, wanted: bytes, seen: bytes, timeout: float = 60.0) -> bytes:
    deadline = time.monotonic() + timeout
    while wanted not in ESCAPES.sub(b"", seen) and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.5)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def exit_status(pid: int, patience: float = 30.0) -> int:
    """The process's exit status; if it has not ended by then, it is killed and the test fails naming its threads."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        ended, status = os.waitpid(pid, os.WNOHANG)
        if ended:
            return status
        time.sleep(0.05)
    threads = sorted(Path(f"/proc/{pid}/task").glob("*/comm")) if Path(f"/proc/{pid}").exists() else []
    names = [path.read_text().strip() for path in threads]
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail(f"the demo did not end within {patience} s of ctrl+q; its threads: {names}")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a pseudo-terminal needs fork")
def test_the_demo_shows_its_people_quits_and_says_where_its_workspace_is(tmp_path):
    env = dict(os.environ, TMPDIR=str(tmp_path), TERM="xterm-256color", COLUMNS="100", LINES="30")
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "peerinspect", "demo"], env)
    status = None
    try:
        seen = read_until(fd, b"Morwenna Tallis", b"")  # one of the sample's people: the workspace was built
        assert b"Who are you?" in ESCAPES.sub(b"", seen)
        os.write(fd, b"\x11")  # ctrl+q
        seen = read_until(fd, b"The demo workspace is kept at", seen)
        status = exit_status(pid)
    finally:
        if status is None:  # a failed step leaves the demo drawing on a terminal nobody reads any more
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    kept = re.search(rb"kept at (\S+)", ESCAPES.sub(b"", seen)).group(1).decode()
    assert kept.startswith(str(tmp_path)) and (Path(kept) / "workspace.json").exists()
    assert len(list(tmp_path.glob("peerinspect-demo-*"))) == 1  # the second process built it; nothing built twice


def failing_build(root: Path) -> None:
    (root.parent / "half-built").write_text("")
    raise OSError("no space left on device")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks")
def test_a_second_process_that_fails_says_so_by_its_exit_code_alone(tmp_path, capfd):
    (tmp_path / "workspace").mkdir()
    builder = tui_commands._forked(failing_build, tmp_path / "workspace")
    assert builder is not None
    assert not tui_commands._succeeded(builder)
    assert (tmp_path / "half-built").exists()  # it ran, in its own process
    assert capfd.readouterr() == ("", "")  # and wrote nothing on the terminal


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks")
def test_the_demo_is_built_in_the_same_process_when_another_thread_runs(tmp_path):
    started, stop = threading.Event(), threading.Event()
    other = threading.Thread(target=lambda: (started.set(), stop.wait()))
    other.start()
    try:
        started.wait()
        assert tui_commands._forked(failing_build, tmp_path / "workspace") is None
    finally:
        stop.set()
        other.join()
    assert not (tmp_path / "half-built").exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks")
def test_a_failed_second_process_is_cleared_and_the_demo_built_again_here(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    monkeypatch.setattr(tui_commands.sys.stdout, "isatty", lambda: True)
    built_here, shown, build = [], [], tui_commands._build_demo

    def forked_build_that_fails(work, root):
        pid = os.fork()
        if pid == 0:
            os._exit(1)
        (root.parent / "half-built").write_text("")
        return pid

    class App:
        def run(self):
            shown.append(True)

    def build_here(root):
        built_here.append(root)
        return build(root)

    monkeypatch.setattr(tui_commands, "_forked", forked_build_that_fails)
    monkeypatch.setattr(tui_commands, "_app_factory", lambda: lambda engine, as_person: App())
    monkeypatch.setattr(tui_commands, "_build_demo", build_here)
    assert tui_commands.demo(argparse.Namespace(as_person=None)) == 0
    assert shown and len(built_here) == 1
    left = list(tmp_path.glob("peerinspect-demo-*"))
    assert left == [built_here[0].parent] and not (left[0] / "half-built").exists()
    assert (built_here[0] / "workspace.json").exists()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names each file by /proc")
def test_the_second_process_puts_every_file_of_the_demo_on_disk_once_at_the_end(tmp_path, monkeypatch):
    synced: list[str] = []
    real = os.fsync

    def recorded(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(os, "fsync", recorded)
    root = tmp_path / "demo" / "workspace"
    root.parent.mkdir()
    tui_commands._build_demo_at_once(root)
    assert os.fsync is recorded  # its own again after the build
    written = [str(path) for path in root.rglob("*")] + [str(root), str(root.parent)]
    assert sorted(synced) == sorted(written)  # each file and folder once, none during the build

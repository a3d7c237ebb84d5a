"""`peerinspect serve` refuses, saying what to do, where it would be unsafe or cannot listen; it changes nothing."""

from __future__ import annotations

import socket
import subprocess
import sys

from peerinspect.engine.core import Engine

from .conftest import free_port


def serve(workspace, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peerinspect", "--workspace", str(workspace), "serve", *arguments],
                          capture_output=True, text=True, timeout=60)


def test_a_workspace_that_does_not_require_sign_in_is_not_served(tmp_path):
    Engine.create(tmp_path / "open")
    before = sorted((p.name, p.read_bytes()) for p in (tmp_path / "open").rglob("*") if p.is_file())
    done = serve(tmp_path / "open", "--port", str(free_port()))
    assert done.returncode == 2
    assert "does not require sign-in" in done.stderr and "--sign-in-required yes" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted((p.name, p.read_bytes()) for p in (tmp_path / "open").rglob("*") if p.is_file()) == before


def test_a_port_already_taken_is_named(served_workspace):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        done = serve(served_workspace, "--port", str(taken.getsockname()[1]))
    assert done.returncode == 2
    assert "--port" in done.stderr and "cannot listen on 127.0.0.1:" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_port_out_of_range_is_refused_before_anything_opens(tmp_path):
    done = serve(tmp_path / "nowhere", "--port", "99999")
    assert done.returncode == 2 and "--port" in done.stderr and "1 to 65535" in done.stderr
    assert not (tmp_path / "nowhere").exists()

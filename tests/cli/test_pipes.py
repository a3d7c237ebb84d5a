"""Output piped into a reader that stops early (`peerinspect ... | head -1`) ends quietly, exit 0; and --version."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "inspections" / "sample"


def run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess:
    """Run peerinspect with its output going to a pipe whose reader has already gone, as after `head -1`."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-m", "peerinspect", *args], stdout=write_end, stderr=subprocess.PIPE,
                              text=True, timeout=60)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("deadlines", "--help")])
def test_help_and_version_into_a_closed_pipe_end_quietly(args):
    finished = run_into_closed_pipe(*args)
    assert (finished.returncode, finished.stderr) == (0, "")


def test_a_listing_into_a_closed_pipe_ends_quietly_not_as_an_internal_fault(tmp_path):
    workspace = str(tmp_path / "ws")
    subprocess.run([sys.executable, "-m", "peerinspect", "--workspace", workspace, "init"], check=True, capture_output=True)
    bundle = sorted(SAMPLE.glob("*.json"))[0]
    subprocess.run([sys.executable, "-m", "peerinspect", "--workspace", workspace, "import", str(bundle), "--yes"],
                   check=True, capture_output=True)
    finished = run_into_closed_pipe("--workspace", workspace, "inspection", "list")
    assert (finished.returncode, finished.stderr) == (0, "")


def test_version_names_the_installed_release(capsys):
    from importlib import metadata

    from peerinspect.cli import main

    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0
    assert capsys.readouterr().out.strip() == f"peerinspect {metadata.version('peerinspect')}"

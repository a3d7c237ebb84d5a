"""The bench is run by hand, not by the suite: this runs its quick mode once, so that it cannot quietly stop working."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ("evidence save p95", "one 4 KB append + fsync", "--help, whole process", "deadlines --json",
           "demo, start to first screen", "dashboard data", "open one inspection", "load average")


def test_the_quick_bench_prints_every_figure_beside_its_yardstick():
    finished = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_store.py"), "--quick", "--runs", "3", "--process-runs", "1"],
        capture_output=True, text=True, timeout=600,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    for figure in FIGURES:
        assert figure in finished.stdout, figure
    assert "SQLite" in finished.stdout

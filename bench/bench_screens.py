"""How long each screen holds up the app as it opens on a large inspection, against a plain screen.

    python bench/bench_screens.py               # each screen on the large trial, three openings each
    python bench/bench_screens.py --runs 5

The workspace is the large trial (peerinspect.tui.trial.build_large_trial): Eastleigh's inspection with
a thousand records more than the trial's. Each screen is opened from the inspection's overview, headless
at 120×40, as the area director, until it shows in full (tests/tui/test_never_blocks.py says what that is
for each screen, and this measures the same screens). The figure is the
longest stretch of CPU time the event loop spent without answering (tests/tui/stalls.py says why CPU
time), the least of the runs; the overview's own opening is the yardstick, measured the same way in the
same app. Garbage already held is frozen first, as the app does when it starts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from peerinspect.tui.trial import build_large_trial  # noqa: E402
from tests.tui.test_never_blocks import SCREENS, opening  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="peerinspect-bench-") as folder:
        engine = build_large_trial(Path(folder) / "workspace")
        evidence = len(engine.workspace.dossier(engine.summaries()[0].id).evidence)
        print(f"large trial: {evidence} pieces of evidence; load average before: {os.getloadavg()}")
        print(f"{'screen':<12} {'stall ms':>9} {'overview ms':>12} {'ratio':>6}")
        for name, (key, shown_in_full) in SCREENS.items():
            runs = [asyncio.run(opening(engine, key, shown_in_full)) for _ in range(args.runs)]
            overview = min(r[0].longest_cpu for r in runs)
            screen = min(r[1].longest_cpu for r in runs)
            print(f"{name:<12} {screen * 1000:>9.0f} {overview * 1000:>12.0f} {screen / overview:>6.1f}")
        print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

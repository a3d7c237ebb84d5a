"""`peerinspect demo` from process start to its first screen, beside `python -c pass`, and beside other code if named.

    python bench/bench_demo.py                          # 15 runs, turn about with python -c pass
    python bench/bench_demo.py --vs /path/to/checkout   # this checkout and another, turn about

The figure bench_store.py gives among its whole processes, without the counties it builds first: a
pseudo-terminal of 120x40, from starting the process to its first screen (the person picker) being
written (bench/processes.py). Each command runs once untimed first, which fills the bytecode cache.
Medians, with the least and the most, and the load average before and after: on a machine whose two
processors are shared, the load moves these figures more than anything the code does, so compare
checkouts in one run, turn about, never across runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from processes import environment, first_screen, python_command, run_once  # noqa: E402

TARGET_MS = 600  # issue 11


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--vs", type=Path, help="another checkout of peerinspect, timed turn about with this one")
    args = parser.parse_args()
    checkouts = {"this checkout": ROOT} | ({f"{args.vs}": args.vs.resolve()} if args.vs else {})
    demo = python_command("-m", "peerinspect", "demo")
    nothing = python_command("-c", "pass")
    with tempfile.TemporaryDirectory(prefix="peerinspect-bench-") as scratch:
        env = environment(Path(scratch))
        print(f"load average before: {os.getloadavg()}")
        for folder in checkouts.values():  # `python -m` runs the package of the folder it starts in
            os.chdir(folder)
            first_screen(demo, env)
        run_once(nothing, env)
        times: dict[str, list[float]] = {name: [] for name in [*checkouts, "python -c pass"]}
        for _ in range(args.runs):
            for name, folder in checkouts.items():
                os.chdir(folder)
                times[name].append(first_screen(demo, env))
            times["python -c pass"].append(run_once(nothing, env))
        print(f"load average after: {os.getloadavg()}")
    passing = statistics.median(times["python -c pass"])
    print(f"{'':<40} {'median':>9} {'least':>9} {'most':>9} {'/ pass':>7}")
    for name, values in times.items():
        median = statistics.median(values)
        label = name if name == "python -c pass" else f"demo, first screen: {name}"
        print(f"{label:<40} {ms(median):>9} {ms(min(values)):>9} {ms(max(values)):>9} {median / passing:>6.1f}x")
    print(f"target: the demo's first screen within {TARGET_MS} ms")


if __name__ == "__main__":
    main()

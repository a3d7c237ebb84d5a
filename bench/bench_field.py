"""Field copies of a 5,000-record inspection: checking one out and bringing it home, against reading it whole.

    python bench/bench_field.py                 # 5,000 records, 5 runs of each operation
    python bench/bench_field.py --profile       # and where the time of one checkout and one return goes

One inspection holds 5,000 pieces of evidence (copies of one of each kind made through the engine, as in
bench_store.py). The inspector's copy carries all of it. Timed, each on the machine's real passphrase cost:

    checkout        field checkout: the copy's workspace made, sealed and written, and home's record of it saved
    open            field open: the copy unsealed, laid out in a private folder and opened
    save (field)    one conversation added in the open copy, sealed back into the copy file
    return          field return of a copy holding 50 saves (25 new records, 25 changed) into home
    return again    the same copy returned a second time: nothing new, nothing written
    read (yardstick) the whole inspection read on a fresh workspace (Workspace.dossier): what opening it costs

Targets: checkout and return each under 2 s. Figures are printed beside the yardstick and the load average.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench_store import START, Template, build_workspace, evidence_examples  # noqa: E402
from peerinspect.engine import evidence  # noqa: E402
from peerinspect.engine.core import Engine  # noqa: E402
from peerinspect.field.checkout import check_out  # noqa: E402
from peerinspect.field.opened import open_copy  # noqa: E402
from peerinspect.field.returning import return_copy  # noqa: E402
from peerinspect.store.workspace import Workspace  # noqa: E402

PASSPHRASE = "a bench passphrase, long enough"
TARGET_SECONDS = 2.0
FIELD_SAVES = 50
NOW = datetime.combine(START + timedelta(days=1), datetime.min.time()) + timedelta(hours=9)


def clock() -> datetime:
    return NOW


class Bench:
    def __init__(self, scratch: Path, records: int):
        self.scratch = scratch
        self.template = Template(scratch / "template")
        self.home = scratch / "home"
        build_workspace(self.home, self.template, inspections=1, records=records)
        self.engine = Engine.open(self.home, clock=clock)
        self.inspection = self.engine.workspace.summaries()[0].id
        self.inspector = self.template.inspector
        self.runs = 0
        self.worked = self.field_copy_with_saves()

    def path(self) -> Path:
        self.runs += 1
        return self.scratch / f"copy-{self.runs}.field"

    def checkout(self) -> Path:
        path = self.path()
        check_out(self.engine, as_person=self.inspector, inspection=self.inspection, output=path, passphrase=PASSPHRASE)
        return path

    def opened(self, path: Path):
        return open_copy(path, PASSPHRASE, open_engine=lambda root, **kw: Engine.open(root, clock=clock, **kw))

    def field_copy_with_saves(self) -> tuple[Path, Path]:
        """A copy with FIELD_SAVES saves made in it, and the home workspace as it was when the copy went out."""
        path = self.checkout()
        before = self.scratch / "home-before-return"
        shutil.copytree(self.home, before)
        opened = self.opened(path)
        try:
            dossier = opened.engine.workspace.dossier(self.inspection)
            for n in range(FIELD_SAVES // 2):
                self.save_in(opened.engine)
                changed = dossier.conversations[n]
                evidence.edit_evidence(opened.engine, as_person=self.inspector, inspection=self.inspection,
                                       evidence_id=changed.id, changes={"notes": f"Seen again in the field ({n})"},
                                       revision=changed.revision)
        finally:
            opened.close()
        return path, before

    def save_in(self, engine: Engine) -> None:
        evidence.add_evidence(engine, as_person=self.inspector, inspection=self.inspection, kind="conversation",
                              fields=evidence_examples()["conversation"])

    def fresh_home(self) -> Engine:
        home = self.scratch / f"home-{self.runs}"
        self.runs += 1
        shutil.copytree(self.worked[1], home)
        return Engine.open(home, clock=clock)

    # the timed operations: each returns a function to time, made ready outside the timing ----------------
    def prepare(self, name: str):
        if name == "checkout":
            return self.checkout
        if name == "open":
            path = self.checkout()
            return lambda: self.opened(path).close()
        if name == "save (field)":
            opened = self.opened(self.checkout())
            return lambda: (self.save_in(opened.engine), opened.close())
        if name == "return":
            home = self.fresh_home()
            return lambda: return_copy(home, as_person=self.inspector, path=self.worked[0], passphrase=PASSPHRASE)
        if name == "return again":
            home = self.fresh_home()
            return_copy(home, as_person=self.inspector, path=self.worked[0], passphrase=PASSPHRASE)
            return lambda: return_copy(home, as_person=self.inspector, path=self.worked[0], passphrase=PASSPHRASE)
        workspace = Workspace.open(self.home)
        return lambda: workspace.dossier(self.inspection)


NAMES = ("read (yardstick)", "checkout", "open", "save (field)", "return", "return again")


def measure(bench: Bench, runs: int) -> dict[str, list[float]]:
    """Seconds per run. Runs go round the operations in turn, so a busy moment on the machine falls on all alike."""
    times: dict[str, list[float]] = {name: [] for name in NAMES}
    for _ in range(runs):
        for name in NAMES:
            operation = bench.prepare(name)
            started = time.perf_counter()
            operation()
            times[name].append(time.perf_counter() - started)
    return times


def report(times: dict[str, list[float]], records: int, size: int) -> str:
    yardstick = statistics.median(times["read (yardstick)"])
    lines = [f"{records:,} records; the inspector's copy is {size / 1e6:.1f} MB; load average "
             + " ".join(f"{x:.2f}" for x in os.getloadavg()),
             f"{'operation':<18}{'median':>10}{'max':>10}{'x yardstick':>14}", "-" * 52]
    for name, values in times.items():
        lines.append(f"{name:<18}{statistics.median(values):>9.3f}s{max(values):>9.3f}s{statistics.median(values) / yardstick:>13.1f}x")
    for name in ("checkout", "return"):
        worst = max(times[name])
        lines.append(f"{name} slowest run: {worst:.3f} s (target < {TARGET_SECONDS:.0f} s): {'met' if worst < TARGET_SECONDS else 'NOT met'}")
    return "\n".join(lines)


def profile(bench: Bench) -> str:
    out = io.StringIO()
    for name in ("checkout", "return"):
        operation = bench.prepare(name)
        profiler = cProfile.Profile()
        profiler.runcall(operation)
        out.write(f"\n--- {name} ---\n")
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-field-") as scratch:
        started = time.perf_counter()
        bench = Bench(Path(scratch), args.records)
        print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        times = measure(bench, args.runs)
        print(report(times, args.records, bench.worked[0].stat().st_size))
        if args.profile:
            print(profile(bench))


if __name__ == "__main__":
    main()

"""What one save costs in a small and in a large inspection, and in a county, beside what the disk itself asks.

    python bench/bench_save.py                          # 1,000 and 5,000 records, and 333 in a county of 150; 200 saves
    python bench/bench_save.py --records 1000 --county 0 --runs 50   # a quick look
    PYTHONPATH=/path/to/other/checkout python bench/bench_save.py   # the same on other code, to compare

Every inspection is built through the engine's own use cases, one piece of evidence per save, so each
carries the audit trail those saves leave (one entry per record). The small and the large one each have
a workspace of their own; the county's is the dashboard bench's county (bench_dashboard.py: about 50,000
records, its index holding 150 summaries with their actions), with the inspection saved to added to it.
The timed runs take turns:

    save           evidence.add_evidence of one conversation, as a person saves all day (the index follows)
    fsync 4 KB     write 4 KB to a file and fsync it: the least a durable save can cost on this disk
    sqlite         one evidence row and one audit row in one transaction, WAL and synchronous=FULL

The load average is printed before and after, since two busy cores slow everything alike.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Iterator

sys.path.append(str(Path(__file__).resolve().parents[1]))  # after PYTHONPATH, so another checkout can be compared

import peerinspect  # noqa: E402
from peerinspect.engine import authority, evidence, planning, workflow  # noqa: E402
from peerinspect.engine.core import Engine  # noqa: E402

FRAMEWORK = "hampshire-peer-inspection"
START = date(2026, 3, 2)  # a Monday
CONVERSATION = {"with_group": "worker", "notes": "Supervision is regular and reflective; caseloads are high. " * 4,
                "difference_made": "Workers can name a child whose plan changed after supervision."}
OBSERVATION = {"setting": "home_visit", "practitioner": "Social worker, Assessment", "grade": "good",
               "notes": "A calm visit; the worker saw each child alone and checked the plan with the parents. " * 3,
               "difference_made": "The children's worries were written into the plan that day."}
FILE_REVIEW = {"team": "Assessment", "allocated_worker": "A. Worker", "age_band": "4_to_10",
               "legal_status": "child_in_need", "risk_factors": ["neglect"], "theme_id": "help-and-protection",
               "grades": {"hp-assessment": "good", "hp-voice": "requires-improvement"},
               "strengths": "Visits are purposeful and the child's own words are recorded. " * 2,
               "areas_for_development": "Actions in the plan have no dates, so progress is hard to see. " * 2,
               "difference_made": "School attendance rose from 60% to 94% in a term."}


class Inspection:
    """One inspection in a workspace of its own, filled with `records` pieces of evidence, one save each."""

    def __init__(self, root: Path, records: int, set_up_by: str | None = None):
        moment = datetime.combine(START, datetime.min.time()) + timedelta(hours=10)
        self.engine = Engine.open(root, clock=lambda: moment, create=True)
        authority.add_district(self.engine, "Bench", "North", ("Assessment",), as_person=set_up_by)
        lead = authority.add_person(self.engine, "Lead Director", "area director", as_person=set_up_by).id
        self.inspector = authority.add_person(self.engine, "Ina Inspector", "inspector", as_person=lead).id
        self.id = planning.plan_inspection(
            self.engine, as_person=lead, district="Bench", framework_id=FRAMEWORK, fieldwork_start=START,
            fieldwork_end=START + timedelta(days=3), lead=lead, team=[(self.inspector, "inspector")],
        ).id
        for event in ("notify", "start_fieldwork"):
            workflow.advance(self.engine, as_person=lead, inspection=self.id, event=event, on=START)
        for n in range(records):
            kind, fields = [("conversation", CONVERSATION), ("observation", OBSERVATION),
                            ("file_review", {**FILE_REVIEW, "case_reference": f"BEN-{n:05d}"})][n % 3]
            self.add(kind, fields)
        self.records = records

    def add(self, kind: str = "conversation", fields: dict = CONVERSATION) -> None:
        evidence.add_evidence(self.engine, as_person=self.inspector, inspection=self.id, kind=kind, fields=fields)

    def file_sizes(self) -> str:
        root = self.engine.workspace.root
        files = [p for p in sorted(root.iterdir()) if p.name.startswith("workspace.") and p.suffix != ".lock"]
        files += [p for p in sorted((root / "inspections").iterdir()) if p.stem == self.id and p.suffix != ".lock"]
        return ", ".join(f"{p.name.replace(self.id, 'inspection')} {p.stat().st_size / 1e3:,.0f} KB" for p in files)


def county_inspection(root: Path, inspections: int, records: int) -> Inspection:
    from bench_dashboard import build_county  # the dashboard bench's county: Textual and the sample come with it

    _, lead = build_county(root, inspections)
    return Inspection(root, records, set_up_by=lead)


class FsyncYardstick:
    def __init__(self, folder: Path):
        self.path = folder / "yardstick.bin"
        self.block = os.urandom(4096)

    def __call__(self) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, self.block)
            os.fsync(fd)
        finally:
            os.close(fd)


class SqliteYardstick:
    def __init__(self, folder: Path):
        self.db = sqlite3.connect(folder / "yardstick.sqlite", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("CREATE TABLE evidence (id INTEGER PRIMARY KEY, document TEXT)")
        self.db.execute("CREATE TABLE audit (seq INTEGER PRIMARY KEY, entry TEXT)")
        self.document = str(CONVERSATION)

    def __call__(self) -> None:
        self.db.execute("BEGIN")
        self.db.execute("INSERT INTO evidence (document) VALUES (?)", (self.document,))
        self.db.execute("INSERT INTO audit (entry) VALUES (?)", (self.document,))
        self.db.execute("COMMIT")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(runs: int, operations: dict[str, callable]) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Milliseconds per run, on the clock and on this thread's CPU (which a busy disk does not move); the
    operations take turns, so a busy moment falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in operations}
    cpu: dict[str, list[float]] = {name: [] for name in operations}
    for _ in range(runs):
        for name, operation in operations.items():
            started, started_cpu = time.perf_counter(), time.thread_time()
            operation()
            times[name].append((time.perf_counter() - started) * 1000)
            cpu[name].append((time.thread_time() - started_cpu) * 1000)
    return times, cpu


def load() -> str:
    return " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def options(description: str, runs: int) -> argparse.ArgumentParser:
    """The options every benchmark of a small and a large inspection takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--small-records", type=int, default=340)
    parser.add_argument("--records", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=runs, help="timed runs of each operation")
    parser.add_argument("--workdir", type=Path, help="build here (default: a temporary folder)")
    return parser


def arguments(description: str, runs: int, argv: list[str] | None) -> argparse.Namespace:
    return options(description, runs).parse_args(argv)


@contextmanager
def small_and_large(args: argparse.Namespace) -> Iterator[tuple[Path, Inspection, Inspection]]:
    """The two inspections, built in a scratch folder that is removed afterwards, and that folder."""
    print(f"code: {Path(peerinspect.__file__).parent}")
    with tempfile.TemporaryDirectory(dir=args.workdir) as scratch:
        scratch = Path(scratch)
        started = time.perf_counter()
        small = Inspection(scratch / "small", args.small_records)
        large = Inspection(scratch / "large", args.records)
        print(f"built inspections of {small.records:,} and {large.records:,} records in "
              f"{time.perf_counter() - started:.0f} s, one save each (in {scratch})")
        yield scratch, small, large


def main(argv: list[str] | None = None) -> int:
    parser = options(__doc__.splitlines()[0], 200)
    parser.set_defaults(small_records=1_000)
    parser.add_argument("--county", type=int, default=150, help="inspections in the county's index (0: no county)")
    parser.add_argument("--county-records", type=int, default=333, help="records of the county's inspection saved to")
    args = parser.parse_args(argv)
    with small_and_large(args) as (scratch, small, large):
        saved_to = [("alone", small), ("alone", large)]
        if args.county:
            started = time.perf_counter()
            saved_to.append((f"in a county of {args.county}",
                             county_inspection(scratch / "county", args.county, args.county_records)))
            print(f"built the county and its inspection in {time.perf_counter() - started:.0f} s")
        for _ in range(3):  # untimed: cattrs builds its code, each file is read once
            for _, inspection in saved_to:
                inspection.add()
        operations = {f"save, {i.records:,} records {where}": i.add for where, i in saved_to}
        operations |= {"fsync 4 KB": FsyncYardstick(scratch), "sqlite, FULL sync": SqliteYardstick(scratch)}
        print(f"load average before: {load()}")
        times, cpu = timed(args.runs, operations)
        print(f"load average after:  {load()}\n")
        width = max(map(len, times)) + 2
        print(f"{'operation':<{width}}{'median':>10}{'p95':>10}{'p95 / fsync':>14}{'p95 / sqlite':>15}{'CPU median':>13}")
        fsync, sqlite = p95(times["fsync 4 KB"]), p95(times["sqlite, FULL sync"])
        for name, values in times.items():
            print(f"{name:<{width}}{statistics.median(values):>7.2f} ms{p95(values):>7.2f} ms"
                  f"{p95(values) / fsync:>13.1f}x{p95(values) / sqlite:>14.1f}x{statistics.median(cpu[name]):>10.2f} ms")
        print("\nfiles after the runs:")
        for where, inspection in saved_to:
            print(f"  {inspection.records:,} records {where}: {inspection.file_sizes()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

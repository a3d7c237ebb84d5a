"""How long the TUI dashboard's data takes at county scale, beside SQLite reading the same summaries.

    python bench/bench_dashboard.py                              # 150 and 600 inspections (about 50,000 and 200,000 records)
    python bench/bench_dashboard.py --inspections 150 --runs 5   # a quick look
    python bench/bench_dashboard.py --profile                    # and where one refresh after a save goes, at the largest size

The county starts as the demo workspace (built from the sample bundles, through the engine), with
districts added through the engine. Its inspections are copies of the sample's two realistic ones:
open ones (Harrowmere: report issued, action plan under way, six actions with progress notes) and
closed ones (Saltmarsh, its action plan grown to eight verified actions with five progress notes
each). A county grows by closed inspections: at about 50,000 records 19 of 150 are open (13%), and
at about 200,000 the same 19 are open among 600. Every copy is led by the person whose dashboard is
read, so the dashboard lists every inspection: the heaviest case. Each inspection holds about 333
evidence records in its own file, which the dashboard never reads, so only the index is built here.

What is timed (`read_dashboard`, what the dashboard's worker runs):

    cold          a fresh workspace object: the index is parsed and its summaries converted
    unchanged     a second refresh with nothing changed
    after a save  a refresh after another session (another Workspace object, as another process)
                  has saved one open inspection's summary, so the index file is new
    deadlines     what `peerinspect deadlines --json` computes once the workspace is open, in a fresh
                  workspace object: the index parsed, and every deadline still open on today

    yardstick     SQLite: every summary of the same county read from one table and parsed (orjson)

Targets: the dashboard's data after a save at about 50,000 records within 50 ms, and at about
200,000 within twice its own figure at 50,000.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import attrs
import orjson

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from peerinspect.domain.actions import ProgressNote  # noqa: E402
from peerinspect.domain.dossier import Dossier  # noqa: E402
from peerinspect.engine import authority, queries  # noqa: E402
from peerinspect.engine.core import Engine  # noqa: E402
from peerinspect.framework import read_catalogue  # noqa: E402
from peerinspect.sample import CLOSED_TITLE, DEMO_TODAY, MAIN_TITLE, build_demo  # noqa: E402
from peerinspect.store.index_check import record_summary  # noqa: E402
from peerinspect.store.workspace import Workspace  # noqa: E402
from peerinspect.tui.screens.dashboard import read_dashboard  # noqa: E402
from peerinspect.tui.session import Session  # noqa: E402

RECORDS_PER_INSPECTION = 333
OPEN = 19  # inspections open at once: 13% of a county of 150
DISTRICTS = 24
TARGET_MS = 50.0
TARGET_GROWTH = 2.0


# building ---------------------------------------------------------------------------------------
def _grown_actions(actions, count: int, notes: int, on: date, author: str):
    """`count` copies of the template's actions, each with `notes` monthly progress notes."""
    grown = []
    for n in range(count):
        action = actions[n % len(actions)]
        written = tuple(
            ProgressNote(on=on + timedelta(days=30 * k), author_id=author,
                         text=f"Month {k + 1}: reviewed with the team; plans updated and the audit repeated.")
            for k in range(notes)
        )
        grown.append(attrs.evolve(action, id=uuid.uuid4().hex, what=f"{action.what} ({n + 1})",
                                  notes=written + action.notes))
    return tuple(grown)


def build_county(root: Path, inspections: int, open_count: int = OPEN) -> tuple[Engine, str]:
    """A demo workspace with `inspections` inspections led by one person; that person's id."""
    engine = build_demo(root)
    lead = engine.summary(MAIN_TITLE).inspection.lead_id
    areas = [a.name for a in engine.areas()]
    for n in range(DISTRICTS):
        authority.add_district(engine, f"District {n:02d}", areas[n % len(areas)], ("Assessment",), as_person=lead)
    districts = [d.id for d in engine.districts()]
    closed = engine.workspace.dossier(engine.summary(CLOSED_TITLE).id)
    open_ = engine.workspace.dossier(engine.summary(MAIN_TITLE).id)
    closed_actions = _grown_actions(closed.actions, 8, 5, date(2025, 7, 31), closed.inspection.lead_id)
    open_actions = _grown_actions(open_.actions, 6, 2, date(2026, 11, 1), lead)
    with engine.workspace.derived_index() as db:
        for number in range(inspections):
            is_open = number * open_count // inspections != (number + 1) * open_count // inspections  # spread evenly
            template, actions = (open_, open_actions) if is_open else (closed, closed_actions)
            inspection_id = uuid.uuid4().hex
            shift = timedelta(weeks=-(number % 150))
            inspection = attrs.evolve(
                template.inspection, id=inspection_id, lead_id=lead, district_id=districts[number % len(districts)],
                title=f"{template.inspection.title} #{number}",
                fieldwork_start=template.inspection.fieldwork_start + shift,
                fieldwork_end=template.inspection.fieldwork_end + shift,
            )
            copied = Dossier(
                inspection=inspection,
                concerns=tuple(attrs.evolve(c, id=uuid.uuid4().hex, inspection_id=inspection_id) for c in template.concerns),
                actions=tuple(attrs.evolve(a, id=uuid.uuid4().hex, inspection_id=inspection_id) for a in actions),
            )
            record_summary(db, copied.summary(), engine.workspace.inspection_path(inspection_id))
    if hasattr(engine.workspace, "fold_index"):  # code from before the index had a journal has none to fold
        engine.workspace.fold_index()  # as a county's index stands after a fold: the whole index in workspace.json
    return engine, lead


def opened(root: Path, person_id: str) -> Session:
    """The county as a new session sees it. Only the index is built, so it is not checked against inspection files."""
    engine = Engine(Workspace.open(root, heal=False), dict(read_catalogue([root / "frameworks"]).frameworks),
                    clock=lambda: datetime.combine(DEMO_TODAY, datetime.min.time()))
    return Session(engine, next(p for p in engine.people() if p.id == person_id))


def sqlite_yardstick(root: Path) -> sqlite3.Connection:
    """The same summaries as rows of one SQLite table."""
    connection = sqlite3.connect(root / "yardstick.sqlite")
    connection.execute("CREATE TABLE IF NOT EXISTS summary (id TEXT PRIMARY KEY, document TEXT NOT NULL)")
    summaries = Workspace(root).index_tables()["summary"]
    connection.executemany("INSERT OR REPLACE INTO summary VALUES (?, ?)",
                           [(k, orjson.dumps(v).decode()) for k, v in summaries.items()])
    connection.commit()
    return connection


def another_session_saves(root: Path, inspection_id: str, number: int) -> None:
    """Another session saves one open inspection: its summary is written to the index anew."""
    other = Workspace.open(root, heal=False)
    summary = other.summary(inspection_id)
    with other.derived_index() as db:
        record_summary(db, attrs.evolve(summary, inspection=attrs.evolve(summary.inspection, title=f"saved {number}")),
                       other.inspection_path(summary.id))


# timing ------------------------------------------------------------------------------------------
def timed(call) -> tuple[float, float]:
    """How long the call took, in ms: on the clock, and on this thread's CPU (which other work on the machine barely moves)."""
    started, started_cpu = time.perf_counter(), time.thread_time()
    call()
    return (time.perf_counter() - started) * 1000, (time.thread_time() - started_cpu) * 1000


def measure(root: Path, lead: str, runs: int) -> dict[str, list[tuple[float, float]]]:
    connection = sqlite_yardstick(root)

    def yardstick() -> None:
        for (document,) in connection.execute("SELECT document FROM summary"):
            orjson.loads(document)

    warm = opened(root, lead)
    read_dashboard(warm)  # build cattrs' structuring code once, as any session has
    saved = next(s.id for s in warm.engine.summaries() if s.inspection.stage.value != "closed")
    found: dict[str, list[tuple[float, float]]] = {
        "cold": [], "unchanged": [], "after a save": [], "deadlines": [], "yardstick": []
    }
    for run in range(runs):
        found["yardstick"].append(timed(yardstick))
        session = opened(root, lead)
        found["cold"].append(timed(lambda: read_dashboard(session)))
        found["unchanged"].append(timed(lambda: read_dashboard(session)))
        another_session_saves(root, saved, run)
        found["after a save"].append(timed(lambda: read_dashboard(session)))
        fresh = opened(root, lead).engine
        found["deadlines"].append(timed(lambda: queries.deadline_statuses(fresh)))
    connection.close()
    return found


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(size: int, found: dict[str, list[tuple[float, float]]], index_bytes: int) -> tuple[float, float]:
    """Print one county's figures; the median of a refresh after a save, on the clock and in CPU time."""
    medians = {what: tuple(statistics.median(v[i] for v in values) for i in (0, 1)) for what, values in found.items()}
    yard, yard_cpu = medians["yardstick"]
    print(f"\n{size} inspections (about {size * RECORDS_PER_INSPECTION:,} records), "
          f"{min(size, OPEN)} open; index {index_bytes / 1e6:.1f} MB")
    print(f"{'what':<14}{'median':>11}{'p95':>11}{'/ yardstick':>13}{'CPU median':>13}{'/ yardstick':>13}")
    for what, values in found.items():
        median, cpu = medians[what]
        print(f"{what:<14}{median:>8.2f} ms{p95([v[0] for v in values]):>8.2f} ms{median / yard:>12.1f}x"
              f"{cpu:>10.2f} ms{cpu / yard_cpu:>12.1f}x")
    return medians["after a save"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, nargs="+", default=[150, 600])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    after_save: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.inspections:
            root = Path(scratch) / f"county-{size}"
            _, lead = build_county(root, size)
            found = measure(root, lead, args.runs)
            index = [root / "workspace.json", root / "workspace.journal"]
            after_save[size] = report(size, found, sum(p.stat().st_size for p in index if p.exists()))
            if args.profile and size == max(args.inspections):
                session = opened(root, lead)
                read_dashboard(session)
                another_session_saves(root, next(i.id for i in session.engine.workspace.inspections() if i.stage.value != "closed"), args.runs)
                cProfile.runctx("read_dashboard(session)", globals(), {"session": session}, str(root / "profile"))
                pstats.Stats(str(root / "profile")).sort_stats("tottime").print_stats(25)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    smallest, largest = min(after_save), max(after_save)
    wall, cpu = after_save[smallest]
    print(f"after a save at {smallest} inspections: {wall:.1f} ms, CPU {cpu:.1f} ms (target <= {TARGET_MS:.0f} ms)")
    if largest != smallest:
        growth = [after_save[largest][i] / after_save[smallest][i] for i in (0, 1)]
        print(f"after a save, {largest} against {smallest} inspections: {growth[0]:.2f}x, CPU {growth[1]:.2f}x "
              f"(target <= {TARGET_GROWTH:.0f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What opening an inspection costs in a small and in a large inspection, beside SQLite reading the same rows.

    python bench/bench_open.py                            # 340 and 5,000 records, 100 timed runs each
    python bench/bench_open.py --records 1000 --runs 20   # a quick look
    PYTHONPATH=/path/to/other/checkout python bench/bench_open.py   # the same on other code, to compare

The inspections are built as bench_save.py builds them: through the engine, one save per piece of evidence. One
session keeps both open, as the terminal UI does; a second session saves into them. The timed runs take turns:

    reopen            workspace.dossier(id) again, nothing saved since
    after a save      workspace.dossier(id) just after the other session saved one observation (the save is not timed)
    new session       workspace.dossier(id) in a session that has read nothing yet: the whole file parsed and built
    sqlite            every row of the same records, as JSON text in one table, read and decoded (WAL, one connection)

The load average is printed before and after, since two busy cores slow everything alike.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # after PYTHONPATH, so another checkout can be compared

import orjson  # noqa: E402

from bench_save import OBSERVATION, Inspection, arguments, load, p95, small_and_large  # noqa: E402
from peerinspect.store.workspace import Workspace  # noqa: E402


class Opening:
    """The timed ways of opening one inspection: the first session keeps it open, the second saves into it."""

    def __init__(self, inspection: Inspection, scratch: Path):
        self.inspection = inspection
        self.root = inspection.engine.workspace.root
        self.session = Workspace.open(self.root)
        self.sqlite = SqliteRows(scratch / f"rows-{inspection.records}.sqlite", self.root, inspection.id)

    def prepare(self, name: str):
        """What to time for one run of `name`; anything it needs first is done here, outside the timing."""
        if name == "reopen":
            return lambda: self.session.dossier(self.inspection.id)
        if name == "after a save":
            self.inspection.add("observation", OBSERVATION)  # the engine's own session: another one to this
            return lambda: self.session.dossier(self.inspection.id)
        if name == "new session":
            fresh = Workspace.open(self.root)
            return lambda: fresh.dossier(self.inspection.id)
        return self.sqlite.read


class SqliteRows:
    """The inspection's records as SQLite rows, one JSON document each: what reading them costs a database."""

    def __init__(self, path: Path, root: Path, inspection_id: str):
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE record (kind TEXT, id TEXT, inspection_id TEXT, document TEXT, PRIMARY KEY (kind, id))")
        tables = Workspace.open(root).stored_documents(inspection_id)
        self.db.execute("BEGIN")
        self.db.executemany(
            "INSERT INTO record VALUES (?, ?, ?, ?)",
            [(*key.split(":", 1), inspection_id, orjson.dumps(document).decode()) for key, document in tables.items()],
        )
        self.db.execute("COMMIT")
        self.inspection_id = inspection_id

    def read(self) -> list[dict]:
        rows = self.db.execute("SELECT document FROM record WHERE inspection_id = ?", (self.inspection_id,))
        return [orjson.loads(document) for (document,) in rows]

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM record").fetchone()[0]


NAMES = ("reopen", "after a save", "new session", "sqlite")


def measure(openings: list[Opening], runs: int) -> list[dict[str, list[float]]]:
    """Milliseconds per run, for each inspection; each run goes through every operation on both, in turn."""
    results = [{name: [] for name in NAMES} for _ in openings]
    for _ in range(runs):
        for name in NAMES:
            for opening, times in zip(openings, results):
                operation = opening.prepare(name)
                started = time.perf_counter()
                operation()
                times[name].append((time.perf_counter() - started) * 1000)
    return results


def main(argv: list[str] | None = None) -> int:
    args = arguments(__doc__.splitlines()[0], 100, argv)
    with small_and_large(args) as (scratch, *inspections):
        openings = [Opening(inspection, scratch) for inspection in inspections]
        for opening in openings:  # untimed: cattrs builds its code, each file is read once
            for name in NAMES:
                opening.prepare(name)()
        print(f"rows in SQLite: {', '.join(f'{o.sqlite.count():,}' for o in openings)} (every record the inspection holds)")
        print(f"load average before: {load()}")
        results = measure(openings, args.runs)
        print(f"load average after:  {load()}\n")
        print(f"{'operation':<14}{'records':>9}{'median':>12}{'p95':>12}{'p95 / sqlite':>15}")
        for inspection, times in zip(inspections, results):
            sqlite = p95(times["sqlite"])
            for name, values in times.items():
                print(f"{name:<14}{inspection.records:>9,}{statistics.median(values):>9.2f} ms{p95(values):>9.2f} ms"
                      f"{p95(values) / sqlite:>14.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

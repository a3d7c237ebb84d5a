"""The yardstick: the same rows as a county, in one SQLite file, timed on the same machine in the same run.

One table per kind of row, each row its stored document as JSON:

    summaries(inspection_id, body)             what the index holds for each inspection
    records(id, inspection_id, kind, body)     every audited record of every inspection file
    audit(inspection_id, seq, body)            every inspection's audit trail

The database runs in WAL mode with synchronous=FULL: a commit appends to the write-ahead log and
fsyncs it once before it returns, the same promise a peerinspect save makes (an acknowledged save
survives a crash).
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from datetime import datetime
from pathlib import Path

from peerinspect.store.converter import converter

SCHEMA = """
CREATE TABLE summaries (inspection_id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE records (id TEXT PRIMARY KEY, inspection_id TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX records_by_inspection ON records (inspection_id);
CREATE TABLE audit (inspection_id TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,
                    PRIMARY KEY (inspection_id, seq));
"""

# A whole process that reads every summary and parses it: the yardstick of a whole `deadlines` process.
SCAN_PROCESS = (
    "import json, sqlite3, sys; db = sqlite3.connect(sys.argv[1]); "
    "rows = [json.loads(body) for (body,) in db.execute('SELECT body FROM summaries')]"
)


def _json(value) -> str:
    return json.dumps(value, default=str, separators=(",", ":"))


class Yardstick:
    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")

    @classmethod
    def holding(cls, path: Path, workspace) -> "Yardstick":
        """A new yardstick file holding every summary, record and audit entry of the workspace."""
        path.unlink(missing_ok=True)
        made = cls(path)
        made.db.executescript(SCHEMA)
        made.db.execute("BEGIN")
        for summary in workspace.summaries():
            made.db.execute("INSERT INTO summaries VALUES (?, ?)", (summary.id, _json(converter.unstructure(summary))))
            made.db.executemany(
                "INSERT INTO records VALUES (?, ?, ?, ?)",
                [(key.partition(":")[2], summary.id, key.partition(":")[0], _json(document))
                 for key, document in workspace.stored_documents(summary.id).items()],
            )
            made.db.executemany(
                "INSERT INTO audit VALUES (?, ?, ?)",
                [(summary.id, entry.seq, _json(converter.unstructure(entry))) for entry in workspace.audit_entries(summary.id)],
            )
        made.db.execute("COMMIT")
        made.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return made

    def rows(self, inspection_id: str) -> int:
        return self.db.execute("SELECT count(*) FROM records WHERE inspection_id = ?", (inspection_id,)).fetchone()[0]

    def save(self, inspection_id: str, record: dict) -> None:
        """What a save is at its smallest: the record and its audit entry, in one transaction, synced."""
        seq = self.db.execute("SELECT coalesce(max(seq), 0) + 1 FROM audit WHERE inspection_id = ?",
                              (inspection_id,)).fetchone()[0]
        record = dict(record, id=uuid.uuid4().hex)
        entry = {"seq": seq, "at": datetime.now().isoformat(), "action": "add evidence", "record_id": record["id"],
                 "changes": {key: [None, value] for key, value in record.items()}}
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("INSERT INTO records VALUES (?, ?, ?, ?)", (record["id"], inspection_id, "conversation", _json(record)))
        self.db.execute("INSERT INTO audit VALUES (?, ?, ?)", (inspection_id, seq, _json(entry)))
        self.db.execute("COMMIT")

    def open_inspection(self, inspection_id: str) -> list[dict]:
        """Everything an inspection screen shows, read and parsed: its summary and its records."""
        (summary,) = self.db.execute("SELECT body FROM summaries WHERE inspection_id = ?", (inspection_id,)).fetchone()
        bodies = self.db.execute("SELECT body FROM records WHERE inspection_id = ?", (inspection_id,))
        return [json.loads(summary), *(json.loads(body) for (body,) in bodies)]

    def close(self) -> None:
        self.db.close()


class SyncedAppends:
    """Appending 4 KB to a file and fsyncing it: the least a durable save can cost on this disk."""

    def __init__(self, folder: Path, size: int = 4096):
        self.path = folder / "synced-appends"
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self.block = b"x" * size

    def append(self) -> None:
        os.write(self.fd, self.block)
        os.fsync(self.fd)

    def close(self) -> None:
        os.close(self.fd)
        self.path.unlink()

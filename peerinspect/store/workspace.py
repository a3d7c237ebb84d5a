"""The workspace on disk: a small index file, and one TinyDB file per inspection.

    WORKSPACE/workspace.json           areas, districts, people, settings, one summary per inspection
    WORKSPACE/inspections/<id>.json    one inspection: its evidence, findings, plan and audit trail

A save costs the size of one inspection, not of the whole workspace, and lists and
dashboards read only the index. Each file has its own lock, taken around every
read-modify-write, so two people on one workspace never overwrite each other.
"""

from __future__ import annotations

import os
import stat
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from tinydb.table import Document

from ..domain.actions import Action
from ..domain.audit import AuditEntry
from ..domain.authority import Area, District, Person
from ..domain.dossier import Dossier
from ..domain.errors import NotFound, Refused
from ..domain.evidence import Conversation, FileReview, Observation, PerformanceIndicator
from ..domain.findings import EmergingFinding, Judgement, Recommendation
from ..domain.inspection import Inspection
from ..domain.report import IssuedReport
from ..domain.safeguarding import SafeguardingConcern
from ..domain.settings import Settings
from ..domain.summary import InspectionSummary
from .converter import to_document
from .durable import OWNER_ONLY_DIR, OneWritePerTransaction, ParsedFiles
from .lock_wait import holding
from .transaction import RecordDB, Transaction

R = TypeVar("R")

INDEX_FILE = "workspace.json"
INSPECTIONS_DIR = "inspections"
LOCK_TIMEOUT_SECONDS = 15
SUMMARY_KINDS = {"inspection", "concern", "action"}
# The trail itself, and summaries copied from inspection files, are not records the trail accounts for.
UNAUDITED_TABLES = {"audit", "summary"}


class Workspace:
    """The only way into stored data: takes and returns domain records, never raw documents."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._parsed = ParsedFiles()
        # TinyDB is not thread-safe; the TUI's workers share one Workspace, so every access is serialised here.
        self._guard = threading.RLock()

    # opening -----------------------------------------------------------------
    @classmethod
    def create(cls, root: Path, settings: Settings | None = None, at: datetime | None = None) -> "Workspace":
        root = Path(root)
        if (root / INDEX_FILE).exists():
            raise Refused(f"{root} already holds a workspace")
        _make_private_dir(root)
        _make_private_dir(root / INSPECTIONS_DIR)
        workspace = cls(root)
        with workspace.index() as tx:
            tx.attribute(at=at or datetime.now(), actor_id="", action="create workspace")
            tx.put(settings or Settings())
        return workspace

    @classmethod
    def open(cls, root: Path) -> "Workspace":
        root = Path(root)
        if not (root / INDEX_FILE).exists():
            raise NotFound(f"No workspace at {root}: create one with 'peerinspect init' or choose another with --workspace")
        return cls(root)

    @property
    def index_path(self) -> Path:
        return self.root / INDEX_FILE

    def inspection_path(self, inspection_id: str) -> Path:
        if not inspection_id.isalnum():
            raise NotFound(f"{inspection_id!r} is not an inspection id")
        return self.root / INSPECTIONS_DIR / f"{inspection_id}.json"

    def exposed_paths(self) -> list[Path]:
        """Workspace files and folders that people other than the owner can read."""
        candidates = [self.root, self.root / INSPECTIONS_DIR, self.index_path]
        candidates += sorted((self.root / INSPECTIONS_DIR).glob("*.json"))
        return [p for p in candidates if p.exists() and p.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO)]

    # transactions ------------------------------------------------------------
    @contextmanager
    def _transaction(self, path: Path, after_commit: Callable[[Transaction], None] | None = None) -> Iterator[Transaction]:
        with self._lock(path):
            middleware = OneWritePerTransaction()
            tx = Transaction(self._open(path, middleware))
            try:
                yield tx
                tx.write_audit_entry()
                middleware.commit()
            except BaseException:
                middleware.rollback()
                raise
            if after_commit is not None:
                # Still under this file's lock, so a slower writer cannot put an older summary over a newer one.
                after_commit(tx)

    def _lock(self, path: Path):
        """This process's guard and the file's lock; the wait for the file lock can be watched and stopped."""
        busy = f"The workspace is busy: another session has held {path.name} for {LOCK_TIMEOUT_SECONDS} seconds. Try again."
        return holding(self._guard, path, LOCK_TIMEOUT_SECONDS, busy)

    def index(self):
        """A transaction on the workspace index (areas, districts, people, settings)."""
        return self._transaction(self.index_path)

    @contextmanager
    def inspection(self, inspection_id: str, *, new: bool = False) -> Iterator[Transaction]:
        """A transaction on one inspection's file; the index summary follows when the plan or stage changes."""
        path = self.inspection_path(inspection_id)
        if new == path.exists():
            raise Refused(f"Inspection {inspection_id} already exists") if new else NotFound(f"No inspection {inspection_id}")
        with self._transaction(path, after_commit=self._follow_in_index) as tx:
            yield tx

    def _follow_in_index(self, tx: Transaction) -> None:
        if tx.touched & SUMMARY_KINDS:
            self._refresh_summary(_summarise(tx))

    def _refresh_summary(self, summary: InspectionSummary) -> None:
        with self._lock(self.index_path):
            middleware = OneWritePerTransaction()
            db = self._open(self.index_path, middleware)
            # A summary is derived data, copied from the inspection file: not audited, no revision check.
            db.table("summary").upsert(Document(to_document(summary), doc_id=summary.id))
            middleware.commit()

    def _open(self, path: Path, middleware: OneWritePerTransaction | None = None) -> RecordDB:
        # TinyDB builds its storage as storage(*args): the middleware wraps a durable storage of this file.
        return RecordDB(path, self._parsed, storage=middleware or OneWritePerTransaction())

    # reading -----------------------------------------------------------------
    def _read(self, path: Path, cls: type[R]) -> list[R]:
        with self._guard:
            return Transaction(self._open(path)).all(cls)

    def areas(self) -> list[Area]:
        return sorted(self._read(self.index_path, Area), key=lambda a: a.name)

    def districts(self) -> list[District]:
        return sorted(self._read(self.index_path, District), key=lambda d: d.name)

    def people(self) -> list[Person]:
        return sorted(self._read(self.index_path, Person), key=lambda p: p.name)

    def settings(self) -> Settings:
        found = self._read(self.index_path, Settings)
        return found[0] if found else Settings()

    def summaries(self) -> list[InspectionSummary]:
        return sorted(
            self._read(self.index_path, InspectionSummary),
            key=lambda s: (s.inspection.fieldwork_start, s.inspection.id),
        )

    def summary(self, inspection_id: str) -> InspectionSummary | None:
        with self._guard:
            return Transaction(self._open(self.index_path)).get(InspectionSummary, inspection_id)

    def inspection_ids(self) -> list[str]:
        return sorted(p.stem for p in (self.root / INSPECTIONS_DIR).glob("*.json"))

    def dossier(self, inspection_id: str) -> Dossier:
        path = self.inspection_path(inspection_id)
        if not path.exists():
            raise NotFound(f"No inspection {inspection_id}")
        with self._guard:
            return dossier_of(Transaction(self._open(path)))

    def audit_entries(self, inspection_id: str | None = None) -> list[AuditEntry]:
        path = self.inspection_path(inspection_id) if inspection_id else self.index_path
        return sorted(self._read(path, AuditEntry), key=lambda e: e.seq)

    def stored_documents(self, inspection_id: str | None = None) -> dict[str, dict]:
        """Every audited record of one file, as stored, keyed "kind:id": what the audit trail must account for."""
        path = self.inspection_path(inspection_id) if inspection_id else self.index_path
        with self._guard:
            tables = self._parsed.load(path) or {}
            return {
                f"{kind}:{record_id}": dict(document)
                for kind, documents in tables.items()
                if kind not in UNAUDITED_TABLES
                for record_id, document in documents.items()
            }

    def repair_index(self) -> int:
        """Bring index summaries back in line with the inspection files, after a crash between the two writes."""
        known = {s.id: s for s in self.summaries()}
        repaired = 0
        for inspection_id in self.inspection_ids():
            summary = self.dossier(inspection_id).summary()
            if known.get(inspection_id) != summary:
                self._refresh_summary(summary)
                repaired += 1
        return repaired


def dossier_of(tx: Transaction) -> Dossier:
    inspections = tx.all(Inspection)
    if not inspections:
        raise NotFound("This inspection file holds no inspection")
    by_date = lambda r: (getattr(r, "recorded_on", None) or getattr(r, "raised_on", None) or 0, r.id)  # noqa: E731
    return Dossier(
        inspection=inspections[0],
        file_reviews=tuple(sorted(tx.all(FileReview), key=by_date)),
        observations=tuple(sorted(tx.all(Observation), key=by_date)),
        conversations=tuple(sorted(tx.all(Conversation), key=by_date)),
        indicators=tuple(sorted(tx.all(PerformanceIndicator), key=by_date)),
        findings=tuple(sorted(tx.all(EmergingFinding), key=by_date)),
        judgements=tuple(tx.all(Judgement)),
        recommendations=tuple(tx.all(Recommendation)),
        concerns=tuple(sorted(tx.all(SafeguardingConcern), key=by_date)),
        actions=tuple(tx.all(Action)),
        reports=tuple(sorted(tx.all(IssuedReport), key=lambda r: r.version)),
    )


def _summarise(tx: Transaction) -> InspectionSummary:
    return InspectionSummary(
        inspection=tx.all(Inspection)[0],
        concerns=tuple(tx.all(SafeguardingConcern)),
        actions=tuple(tx.all(Action)),
    )


def _make_private_dir(path: Path) -> None:
    path.mkdir(mode=OWNER_ONLY_DIR, parents=True, exist_ok=True)
    os.chmod(path, OWNER_ONLY_DIR)

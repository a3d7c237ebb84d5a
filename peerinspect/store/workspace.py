"""The workspace on disk: a small index file, and one TinyDB file per inspection.

    WORKSPACE/workspace.json           areas, districts, people, settings, one summary per inspection
    WORKSPACE/workspace.journal        what saves to inspections brought the index since (see store/index_storage.py)
    WORKSPACE/inspections/<id>.json    one inspection: its evidence, findings, plan and audit trail
    WORKSPACE/inspections/<id>.journal the saves made to it since it was last rewritten (see store/journal.py)
    WORKSPACE/anchors/*.json           older anchor links, sealed out of the index (see store/anchors.py)

A save appends only its change to its inspection's journal, and the summary it
brings the index to the index's journal; lists and dashboards read only the index,
whose summaries are converted once and reused while unchanged (summaries.py). Each file has its own lock, taken around every
read-modify-write, so two people on one workspace never overwrite each other.

The index's summaries are derived from the inspection files and checked against them
on open (index_check.py); what else the index holds (people, districts, settings) has
a last-good copy in workspace.json.bak.
"""

from __future__ import annotations

import os
from functools import partial
import stat
import threading
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterator, TypeVar


from ..domain.actions import Action
from ..domain.anchors import WORKSPACE_TRAIL, AnchorLink, extends, links_by_subject
from ..domain.audit import AuditEntry
from ..domain.authority import Area, District, Person
from ..domain.cycle import ScheduledInspection
from ..domain.dossier import Dossier
from ..domain.errors import NotFound, PeerInspectError, Refused
from ..domain.evidence import Conversation, FileReview, Observation, PerformanceIndicator
from ..domain.findings import EmergingFinding, Judgement, Recommendation
from ..domain.inspection import Inspection
from ..domain.permissions import Involvement
from ..domain.report import IssuedReport
from ..domain.safeguarding import SafeguardingConcern
from ..domain.settings import Settings
from ..domain.summary import InspectionSummary
from .anchors import ANCHOR_TABLE, ANCHORS_DIR, SEALED_TABLE, all_links, append_link
from ..owner_only import FOLDER_MODE, make_folder
from .durable import OneWritePerTransaction
from .faults import DiskRefused, PartlySaved, UnreadableFile, disk_reason
from .index_check import (
    STAMP_TABLE,
    bring_up_to_date,
    index_problems,
    rebuild_stale,
    rebuild_summaries,
    record_summary,
    write_fresh_stamps,
)
from .index_storage import IndexChangeStorage, IndexStorage, make_durable
from .journal import JournaledJSONStorage, ParsedFiles
from .leftovers import remove_leftover_temporaries
from .lock_wait import holding
from .summaries import ConvertedSummaries
from .transaction import RecordDB, Transaction

R = TypeVar("R")

INDEX_FILE = "workspace.json"
INSPECTIONS_DIR = "inspections"
LOCK_TIMEOUT_SECONDS = 15
SUMMARY_KINDS = {Inspection.KIND, SafeguardingConcern.KIND, Action.KIND}
# The trail itself, summaries copied from inspection files (with the stamps that date them) and the anchor links
# are not records the trail accounts for.
UNAUDITED_TABLES = {AuditEntry.KIND, InspectionSummary.KIND, STAMP_TABLE, ANCHOR_TABLE, SEALED_TABLE}
REPAIR_ADVICE = "Run 'peerinspect workspace repair' to restore it from its last-good copy and the inspection files."


class Workspace:
    """The only way into stored data: takes and returns domain records, never raw documents."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._parsed = ParsedFiles(unsynced=[self.index_path])
        # TinyDB is not thread-safe; the TUI's workers share one Workspace, so every access is serialised here.
        self._guard = threading.RLock()
        # What opening found wrong and put right, in words: the CLI prints it, the TUI can show it.
        self.repairs: list[str] = []
        # Of those, where the index disagreed with the inspection files: what verify must report, though now mended.
        self.index_repairs: list[str] = []
        self._index_behind = False
        # Stamps found out of date on files that still agree with their summary, written with the next summary.
        self.fresh_stamps: dict[str, dict] = {}
        self._summaries = ConvertedSummaries()

    # opening -----------------------------------------------------------------
    @classmethod
    def create(cls, root: Path, settings: Settings | None = None, at: datetime | None = None) -> "Workspace":
        root = Path(root)
        if (root / INDEX_FILE).exists():
            raise Refused(f"{root} already holds a workspace")
        make_folder(root / INSPECTIONS_DIR)
        os.chmod(root, FOLDER_MODE)  # an empty folder chosen for the workspace becomes the owner's alone too
        workspace = cls(root)
        with workspace.index() as tx:
            tx.attribute(at=at or datetime.now(), actor_id="", action="create workspace")
            tx.put(settings or Settings())
        return workspace

    @classmethod
    def open(cls, root: Path, *, heal: bool = True) -> "Workspace":
        """The workspace at `root`; unless told not to, its index is first brought in line with the inspection files."""
        root = Path(root)
        if not (root / INDEX_FILE).exists():
            if any((root / INSPECTIONS_DIR).glob("*.json")):
                raise NotFound(f"{root / INDEX_FILE} is missing, though {root / INSPECTIONS_DIR} holds inspections. {REPAIR_ADVICE}")
            raise NotFound(f"No workspace at {root}: create one with 'peerinspect init' or choose another with --workspace")
        workspace = cls(root)
        workspace.index_tables()
        if heal:
            workspace.index_repairs = bring_up_to_date(workspace)
            workspace.repairs = remove_leftover_temporaries(workspace) + workspace.index_repairs
        return workspace

    def index_tables(self) -> dict:
        """The index as stored; an empty, broken or foreign index is an error naming it, never a new workspace."""
        with self._guard:
            try:
                tables = self._parsed.load(self.index_path)
            except UnreadableFile as error:
                raise UnreadableFile(self.index_path, error.detail, REPAIR_ADVICE) from None
        if tables is None:
            raise NotFound(f"No workspace at {self.root}: {self.index_path} is missing. {REPAIR_ADVICE}")
        if not tables.get(AuditEntry.KIND):
            # Creating a workspace writes its first audit entry, so an index without one was never a workspace's.
            raise UnreadableFile(self.index_path, "it holds none of a workspace's records", REPAIR_ADVICE)
        return tables

    @property
    def index_path(self) -> Path:
        return self.root / INDEX_FILE

    @property
    def anchors_path(self) -> Path:
        """Where anchor links sealed out of the index are kept, each file written once."""
        return self.root / ANCHORS_DIR

    @property
    def inspections_dir(self) -> Path:
        return self.root / INSPECTIONS_DIR

    def inspection_path(self, inspection_id: str) -> Path:
        if not inspection_id.isalnum():
            raise NotFound(f"{inspection_id!r} is not an inspection id")
        return self.root / INSPECTIONS_DIR / f"{inspection_id}.json"

    def exposed_paths(self) -> list[Path]:
        """Workspace files and folders, locks and last-good copies among them, that people other than the owner
        can read or change."""
        found = []
        for path in [self.root, *sorted(self.root.rglob("*"))]:
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue  # removed meanwhile: nothing to warn about
            if not stat.S_ISLNK(mode) and mode & (stat.S_IRWXG | stat.S_IRWXO):
                found.append(path)
        return found

    # transactions ------------------------------------------------------------
    @contextmanager
    def _transaction(
        self,
        path: Path,
        storage: type[JournaledJSONStorage],
        after_commit: Callable[[Transaction], None] | None = None,
        before_commit: Callable[[Transaction], None] | None = None,
    ) -> Iterator[Transaction]:
        with self._lock(path):
            middleware = OneWritePerTransaction(storage)
            tx = Transaction(self._open(path, middleware))
            try:
                yield tx
                tx.write_audit_entry()
                if before_commit is not None:
                    before_commit(tx)
                middleware.commit()
            except BaseException:
                middleware.rollback()
                raise
            if after_commit is not None:
                # Still under this file's lock, so a slower writer cannot put an older summary over a newer one.
                try:
                    after_commit(tx)
                except Exception as error:
                    self._index_behind = True
                    raise _partly_saved(path, self.index_path, tx, error) from error

    def _lock(self, path: Path):
        """This process's guard and the file's lock; the wait for the file lock can be watched and stopped."""
        busy = f"The workspace is busy: another session has held {path.name} for {LOCK_TIMEOUT_SECONDS} seconds. Try again."
        return holding(self._guard, path, LOCK_TIMEOUT_SECONDS, busy, refusal=partial(_disk_refusal, path))

    def index(self):
        """A transaction on the workspace index (areas, districts, people, settings)."""
        # What it holds no inspection file can give back: written whole, with its last-good copy.
        return self._transaction(self.index_path, IndexChangeStorage, before_commit=self._anchor_index_trail)

    @contextmanager
    def inspection(self, inspection_id: str, *, new: bool = False) -> Iterator[Transaction]:
        """A transaction on one inspection's file; the index summary follows when the plan or stage changes."""
        path = self.inspection_path(inspection_id)
        if new == path.exists():
            raise Refused(f"Inspection {inspection_id} already exists") if new else NotFound(f"No inspection {inspection_id}")
        with self._transaction(path, JournaledJSONStorage, after_commit=self._follow_in_index) as tx:
            yield tx

    def fold(self, inspection_id: str) -> None:
        """Rewrite an inspection's file with its journal in it, so that the file alone holds every save."""
        path = self.inspection_path(inspection_id)
        with self._lock(path):
            JournaledJSONStorage(path, self._parsed).fold()

    def fold_index(self) -> None:
        """Rewrite the index with its journal in it, and its last-good copy with it."""
        with self._lock(self.index_path):
            IndexStorage(self.index_path, self._parsed).fold()

    def make_index_durable(self) -> None:
        """Make everything the index holds now survive a power cut, as saves alone do not (see index_storage.py)."""
        make_durable(self.index_path)

    def _anchor_index_trail(self, tx: Transaction) -> None:
        # The index's own trail is anchored in the same write as its entry.
        if tx.written is not None:
            append_link(tx.db, self.anchors_path, WORKSPACE_TRAIL, tx.written)

    def _follow_in_index(self, tx: Transaction) -> None:
        # Every change leaves an entry, so every save moves its trail's head in the index; the summary and the stamp
        # of the file it was made from go in the same write, so the next open need not read this file again.
        if tx.written is None:
            return
        summary = _summarise(tx)
        with self.derived_index() as db:
            write_fresh_stamps(self, db)
            record_summary(db, summary, self.inspection_path(summary.id))
            append_link(db, self.anchors_path, summary.id, tx.written)

    def _refresh_summary(self, summary: InspectionSummary) -> None:
        # Called under the inspection file's lock, so its stamp is that of the file the summary was made from.
        with self.derived_index() as db:
            write_fresh_stamps(self, db)
            record_summary(db, summary, self.inspection_path(summary.id))

    @contextmanager
    def derived_index(self) -> Iterator[RecordDB]:
        """The index under its lock, for derived data only (summaries, their stamps, anchor links): not audited,
        written once at the end, as one line of the index's journal."""
        with self._lock(self.index_path):
            middleware = OneWritePerTransaction(IndexStorage)
            db = self._open(self.index_path, middleware)
            try:
                yield db
                middleware.commit()
            except BaseException:
                middleware.rollback()
                raise

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

    def index_records(self, cls: type[R]) -> list[R]:
        """Every record of one kind in the index, for the kinds without a reader of their own (sign-ins)."""
        return self._read(self.index_path, cls)

    def _catch_up(self) -> None:
        """After a save that reached its inspection file but not the index, bring the index up to date before reading it."""
        if not self._index_behind:
            return
        try:
            self.repairs += rebuild_stale(self)
        except PeerInspectError:
            return  # still behind: the next read, or the next open, tries again
        self._index_behind = False

    def _from_summaries(self, read: Callable[[ConvertedSummaries], R]) -> R:
        self._catch_up()
        with self._guard:
            tables = self.index_tables()
            stamps = tables.get(STAMP_TABLE, {})
            self._summaries.follow(tables.get(InspectionSummary.KIND, {}), {i: s.get("summary") for i, s in stamps.items()})
            return read(self._summaries)

    def summaries(self) -> list[InspectionSummary]:
        """Every inspection's summary, in fieldwork order."""
        return self._from_summaries(lambda found: found.summaries())

    def summaries_open_on(self, today: date) -> list[InspectionSummary]:
        """The summaries of inspections that may still have work open on `today`; settled ones are not even read."""
        return self._from_summaries(lambda found: found.summaries(open_on=today))

    def inspections(self, involving: Involvement | None = None) -> list[Inspection]:
        """Every inspection as its summary in the index holds it, in fieldwork order: what lists show. With
        `involving`, only those a person may have a part in."""
        return self._from_summaries(lambda found: found.inspections(involving))

    def scheduled_inspections(self) -> list[ScheduledInspection]:
        """Every inspection as the cycle plan reads it, in fieldwork order."""
        return self._from_summaries(ConvertedSummaries.scheduled)

    def summary(self, inspection_id: str) -> InspectionSummary | None:
        return self._from_summaries(lambda found: found.summary(inspection_id))

    def file_summary(self, inspection_id: str) -> InspectionSummary:
        """The summary an inspection file gives, read from the file itself: what its index summary must say."""
        path = self.inspection_path(inspection_id)
        if not path.exists():
            raise NotFound(f"No inspection {inspection_id}")
        with self._guard:
            tx = Transaction(self._open(path))
            if not tx.count(Inspection):
                raise NotFound(f"{path} holds no inspection")
            return _summarise(tx)

    def inspection_ids(self) -> list[str]:
        return sorted(p.stem for p in (self.root / INSPECTIONS_DIR).glob("*.json"))

    def dossier(self, inspection_id: str) -> Dossier:
        path = self.inspection_path(inspection_id)
        if not path.exists():
            raise NotFound(f"No inspection {inspection_id}")
        with self._guard:
            return dossier_of(Transaction(self._open(path)))

    def records(self, inspection_id: str, cls: type[R]) -> list[R]:
        """Every record of one kind in one inspection's file, for the kinds a dossier does not gather."""
        path = self.inspection_path(inspection_id)
        if not path.exists():
            raise NotFound(f"No inspection {inspection_id}")
        return self._read(path, cls)

    def anchor_links(self) -> list[AnchorLink]:
        with self._guard:
            return all_links(self._open(self.index_path), self.anchors_path)

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

    def index_problems(self, inspection_ids: list[str] | None = None) -> list[str]:
        """Where the index's summaries disagree with these inspection files (all, when none are named); changes nothing."""
        return index_problems(self, inspection_ids)

    def repair_index(self) -> list[str]:
        """Rebuild every index summary that disagrees with its inspection file, and record the heads of trails that
        only grew meanwhile; what was rebuilt, in words."""
        rebuilt = rebuild_summaries(self, everything=True)
        self.catch_up_heads()
        return rebuilt

    def catch_up_heads(self) -> int:
        """Record the heads of trails that only grew since the index last saw them: a save cut off before the
        index followed, or a workspace written before trails were anchored.

        A trail that shrank or changed is left as the index recorded it, for verify to report:
        repairing must never bless tampering.
        """
        caught_up = 0
        with self.derived_index() as db:
            recorded = links_by_subject(all_links(db, self.anchors_path))
            # A workspace from before anchors has trails, the index's own among them, that no link records yet.
            trails = {WORKSPACE_TRAIL: sorted(Transaction(db).all(AuditEntry), key=lambda e: e.seq)}
            trails.update((inspection_id, self.audit_entries(inspection_id)) for inspection_id in self.inspection_ids())
            for subject, entries in trails.items():
                if extends(recorded.get(subject, []), entries):
                    append_link(db, self.anchors_path, subject, entries[-1])
                    caught_up += 1
        return caught_up


def _disk_refusal(path: Path, error: OSError) -> Exception | None:
    """The lock could not even be taken because the disk refused: a message naming the file, or None for a fault."""
    reason = disk_reason(error)
    if reason is None:
        return None
    return DiskRefused(path, reason, f"Could not take the lock to write {path}: {reason}. Nothing was changed.")


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


def _partly_saved(path: Path, index_path: Path, tx: Transaction, error: Exception) -> PartlySaved:
    reason = error.reason if isinstance(error, DiskRefused) else f"{type(error).__name__}: {error}"
    what = f"'{tx.action}'" if tx.action else "the change"
    records = ", ".join(sorted(kind.replace("_", " ") for kind in tx.touched))
    return PartlySaved(
        f"Saved {what} ({records}) in {path}, but the workspace index {index_path} was not updated ({reason}). "
        "Lists, deadlines and reminders catch up as soon as the index can be written again: the next time the "
        "workspace is opened, or with 'peerinspect workspace repair'. Nothing else was changed.",
        reason,
    )


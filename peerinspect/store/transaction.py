"""One use case's reads and writes on one workspace file, committed as a single atomic write."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, TypeVar

import attrs
from tinydb import TinyDB
from tinydb.table import Document, Table

from ..domain.audit import AuditEntry, diff, next_entry
from ..domain.errors import StaleRecord
from .built_records import BuiltRecords
from .converter import from_document, kind_of, to_document

R = TypeVar("R")


class RecordTable(Table):
    """Documents keyed by the record's own UUID, never by a row number that differs between processes.

    Every change tells the storage which documents it touched, so a save can write those alone.
    """

    document_id_class = str

    def insert(self, document):
        doc_id = super().insert(document)
        self._changed([doc_id])
        return doc_id

    def insert_multiple(self, documents):
        doc_ids = super().insert_multiple(documents)
        self._changed(doc_ids)
        return doc_ids

    def update(self, fields, cond=None, doc_ids=None):
        updated = super().update(fields, cond, doc_ids)
        self._changed(updated)
        return updated

    def update_multiple(self, updates):
        updated = super().update_multiple(updates)
        self._changed(updated)
        return updated

    def remove(self, cond=None, doc_ids=None):
        removed = super().remove(cond, doc_ids)
        self._changed(removed)
        return removed

    def truncate(self) -> None:
        super().truncate()
        self._changed(None)

    def _update_table(self, updater) -> None:
        # TinyDB copies the whole table twice on every change, to turn its ids into document_id_class and back
        # to strings; ids here are strings already, so the table is changed where it lies, at the cost of the change.
        tables = self._storage.read()
        if tables is None:
            tables = {}
        try:
            updater(tables.setdefault(self.name, {}))
        finally:
            self._storage.write(tables)  # even half done: a transaction that fails must then read its file afresh
            self.clear_cache()

    def records(self) -> list:
        """Every document as its record, in stored order; a record built before is used again while its document
        is unchanged (see built_records.py)."""
        return self._built().records(self.name, self._read_table())

    def _built(self) -> BuiltRecords:
        # The middleware passes these through from the storage of this file.
        return self._storage.parsed.built(self._storage.path)

    def _changed(self, doc_ids) -> None:
        doc_ids = None if doc_ids is None else [str(doc_id) for doc_id in doc_ids]
        self._built().drop(self.name, doc_ids)  # changed in place: their records no longer match them
        tell = getattr(self.storage, "changed", None)
        if tell is not None:
            tell(self.name, doc_ids)


class RecordDB(TinyDB):
    table_class = RecordTable


def _describe(kind: str) -> str:
    return kind.replace("_", " ")


class Transaction:
    """Reads and writes records of one file while its lock is held.

    Every change must be attributed (`attribute`) before commit, and the commit adds
    exactly one audit entry for the whole use case, written in the same atomic write.
    """

    def __init__(self, db: RecordDB):
        self._db = db
        self._changes: dict[str, dict] = {}
        self._first: tuple[str, str] | None = None
        self._attribution: tuple[datetime, str, str] | None = None
        self.touched: set[str] = set()
        self.written: AuditEntry | None = None  # the audit entry this transaction appended, if it changed anything

    # reading -----------------------------------------------------------------
    def get(self, cls: type[R], record_id: str) -> R | None:
        document = self._db.table(cls.KIND).get(doc_id=record_id)
        return from_document(dict(document)) if document is not None else None

    def all(self, cls: type[R]) -> list[R]:
        return self._db.table(cls.KIND).records()

    def count(self, cls: type) -> int:
        return len(self._db.table(cls.KIND))

    # writing -----------------------------------------------------------------
    def put(self, record: R) -> R:
        """Save a record made from the revision it carries; refuse if someone saved over that revision since."""
        kind = kind_of(record)
        table = self._db.table(kind)
        current = table.get(doc_id=record.id)
        if current is None and record.revision != 0:
            raise StaleRecord(f"This {_describe(kind)} was deleted by someone else after you opened it.")
        if current is not None and current["revision"] != record.revision:
            last = self._last_change_to(kind, record.id)
            raise StaleRecord(
                f"This {_describe(kind)} was changed by {StaleRecord.SOMEONE} after you opened it "
                f"(your copy is revision {record.revision}, the saved one is {current['revision']}). "
                "Reopen it to see their changes, then make yours again.",
                changed_by=last.actor_id if last else "", changed_at=last.at if last else None,
            )
        saved = attrs.evolve(record, revision=record.revision + 1)
        document = to_document(saved)
        self._note_change(kind, record.id, dict(current) if current else None, document)
        if current is None:
            table.insert(Document(document, doc_id=record.id))
        else:
            table.update(_replace_with(document), doc_ids=[record.id])
        return saved

    def restore(self, record: R) -> R:
        """Add a record brought in from elsewhere exactly as it was, revision included."""
        kind = kind_of(record)
        table = self._db.table(kind)
        if table.contains(doc_id=record.id):
            raise StaleRecord(f"This workspace already holds {_describe(kind)} {record.id}")
        document = to_document(record)
        self._note_change(kind, record.id, None, document)
        table.insert(Document(document, doc_id=record.id))
        return record

    def restore_all(self, records: list) -> None:
        """Add many records brought in from elsewhere, each exactly as it was, in one pass over each table:
        a table is rebuilt once, not once per record."""
        by_kind: dict[str, list[Document]] = {}
        held: dict[str, set[str]] = {}
        for record in records:
            kind = kind_of(record)
            ids = held.get(kind)
            if ids is None:
                ids = held[kind] = {str(d.doc_id) for d in self._db.table(kind).all()}
            if record.id in ids:
                raise StaleRecord(f"This workspace already holds {_describe(kind)} {record.id}")
            ids.add(record.id)
            document = to_document(record)
            self._note_change(kind, record.id, None, document)
            by_kind.setdefault(kind, []).append(Document(document, doc_id=record.id))
        for kind, documents in by_kind.items():
            self._db.table(kind).insert_multiple(documents)

    def remove(self, record: Any) -> None:
        kind = kind_of(record)
        table = self._db.table(kind)
        current = table.get(doc_id=record.id)
        if current is None:
            return
        if current["revision"] != record.revision:
            raise StaleRecord(f"This {_describe(kind)} was changed by someone else after you opened it; reopen it first.")
        self._note_change(kind, record.id, dict(current), None)
        table.remove(doc_ids=[record.id])

    def attribute(self, *, at: datetime, actor_id: str, action: str) -> None:
        self._attribution = (at, actor_id, action)

    def _note_change(self, kind: str, record_id: str, before: dict | None, after: dict | None) -> None:
        self.touched.add(kind)
        key = f"{kind}:{record_id}"
        if self._first is None:
            self._first = (kind, record_id)
        earlier = self._changes.get(key)
        original = {k: v[0] for k, v in earlier.items()} if earlier else before
        self._changes[key] = diff(original, after) if after is not None else {"deleted": [True, None]}

    # audit -------------------------------------------------------------------
    def audit_entries(self) -> list[AuditEntry]:
        return sorted(self.all(AuditEntry), key=lambda e: e.seq)

    def _last_change_to(self, kind: str, record_id: str) -> AuditEntry | None:
        """The latest entry that changed this record: who saved over the revision a refused save was made from."""
        key = f"{kind}:{record_id}"
        for entry in reversed(self.audit_entries()):
            if (entry.record_kind, entry.record_id) == (kind, record_id) or key in entry.changes:
                return entry
        return None

    def write_audit_entry(self) -> None:
        """Append the one entry that describes this use case; called by the store just before commit."""
        if not self._changes:
            return
        if self._attribution is None:
            raise RuntimeError("a change was made without saying who made it")
        at, actor_id, action = self._attribution
        at = in_utc(at)
        table = self._db.table(AuditEntry.KIND)
        previous = self._last_entry(table)
        kind, record_id = self._first
        changes = self._changes if len(self._changes) > 1 else next(iter(self._changes.values()))
        entry = next_entry(previous, at=at, actor_id=actor_id, action=action, record_kind=kind, record_id=record_id, changes=changes)
        table.insert(Document(to_document(entry), doc_id=_audit_id(entry.seq)))
        self.written = entry

    def close_entry(self) -> None:
        """End one attributed step of this transaction: its entry is appended now, and what follows is attributed
        afresh. One atomic write can so hold several steps, each with its own author and time (the saves of a
        field copy, brought home together)."""
        self.write_audit_entry()
        self._changes, self._first, self._attribution = {}, None, None

    @staticmethod
    def _last_entry(table: Table) -> AuditEntry | None:
        # Entries are only ever appended, so the count finds the last one without reading them all.
        last = len(table)
        while table.contains(doc_id=_audit_id(last + 1)):
            last += 1
        document = table.get(doc_id=_audit_id(last)) if last else None
        if document is None and last:
            document = max(table.all(), key=lambda d: d["seq"])  # the chain has a gap: verify will say so
        return from_document(dict(document)) if document is not None else None

    @property
    def db(self) -> RecordDB:
        """The open file, for the store's own tables that hold no records (the anchor links)."""
        return self._db

    @property
    def action(self) -> str:
        """What this use case was called when it was attributed, e.g. 'add evidence'."""
        return self._attribution[2] if self._attribution else ""

    @property
    def changed(self) -> bool:
        return bool(self._changes)


def in_utc(moment: datetime) -> datetime:
    """A moment as UTC with its offset, so the trail reads the same wherever it is read; a naive time is this machine's local time."""
    return moment.astimezone(timezone.utc)


def _audit_id(seq: int) -> str:
    return f"{seq:09d}"


def _replace_with(document: dict):
    def transform(stored: dict) -> None:
        stored.clear()
        stored.update(document)

    return transform

"""The index's summaries are derived from the inspection files: checking that they agree, and rebuilding those that do not.

Each summary is kept with a stamp: the inspection file's size and mtime, and its
journal's, when the summary was made, and a digest of the summary as written. Opening compares
the stamps with `os.stat` and the digests with the stored summaries, and reads only
the inspection files whose stamp no longer fits: a save killed between its two
writes, a full disk, index journal lines a power cut took (index_storage.py), or a
summary edited by hand, is put right without reading the other files.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import orjson
from tinydb.table import Document

from ..domain.errors import NotFound, PeerInspectError
from ..domain.inspection import Inspection
from ..domain.summary import InspectionSummary
from .faults import DiskRefused, UnreadableFile
from .summaries import SETTLED_KEY, is_current, settled_mark, summary_document, summary_from_document
from .journal import JOURNAL_SUFFIX, file_stamp, stamp_of

if TYPE_CHECKING:
    from .transaction import RecordDB
    from .workspace import Workspace

SUMMARY_TABLE = InspectionSummary.KIND
STAMP_TABLE = "stamp"
# Past this many files read only to find their summaries agree (a workspace copied without its file times),
# renewing their stamps at once costs one index write, against reading them all again at every open.
STAMPS_WORTH_A_WRITE = 8


def summary_digest(document: dict) -> str:
    return hashlib.sha256(orjson.dumps(document, option=orjson.OPT_SORT_KEYS)).hexdigest()


def record_summary(db: RecordDB, summary: InspectionSummary, inspection_file: Path, stamp: list[int] | None = None) -> None:
    """Write one summary and the stamp that ties it to the inspection file it was made from."""
    document = summary_document(summary)
    db.table(SUMMARY_TABLE).upsert(Document(document, doc_id=summary.id))
    _record_stamp(db, summary.id, stamp or file_stamp(inspection_file), document)


def _record_stamp(db: RecordDB, inspection_id: str, stamp: list[int] | None, document: dict) -> None:
    db.table(STAMP_TABLE).upsert(Document({"file": stamp, "summary": summary_digest(document)}, doc_id=inspection_id))


# what differs -------------------------------------------------------------------
def differences(document: dict | None, actual: InspectionSummary) -> list[str]:
    """What a stored summary says differently from the inspection file, in words; empty when they agree."""
    stored = _stored_summary(document)
    if stored is None:
        return ["missing from the index"]
    found = [
        f"{field.name.replace('_', ' ')} (index: {_shown(getattr(stored.inspection, field.name))}, "
        f"file: {_shown(getattr(actual.inspection, field.name))})"
        for field in attrs.fields(Inspection)
        if field.name != "revision" and getattr(stored.inspection, field.name) != getattr(actual.inspection, field.name)
    ]
    # Order is not meaning: a save lists records as stored, a rebuild as the dossier sorts them.
    if {c.id: c for c in stored.concerns} != {c.id: c for c in actual.concerns}:
        found.append(f"safeguarding concerns (index: {len(stored.concerns)}, file: {len(actual.concerns)})")
    if {a.id: a for a in stored.actions} != {a.id: a for a in actual.actions}:
        found.append(f"actions (index: {len(stored.actions)}, file: {len(actual.actions)})")
    # Views of open work pass a summary over by this day alone, unread: it must be the file's.
    if is_current(document) and document[SETTLED_KEY] != settled_mark(actual):
        found.append(f"the day it settled (index: {_shown(document[SETTLED_KEY])}, file: {_shown(settled_mark(actual))})")
    return found


def _shown(value) -> str:
    text = getattr(value, "value", value)
    text = str(text) if not isinstance(text, tuple) else f"{len(text)} entries"
    return text if len(text) <= 40 else text[:37] + "..."


def _stored_summary(document: dict | None) -> InspectionSummary | None:
    if document is None:
        return None
    try:
        return summary_from_document(document)
    except Exception:  # noqa: BLE001 - a summary mangled beyond reading is one to rebuild, not a reason to stop
        return None


def _title(summary: InspectionSummary | None, inspection_id: str) -> str:
    return f"inspection {summary.inspection.title or inspection_id[:8]}" if summary else f"inspection {inspection_id[:8]}"


# bringing the index up to date ---------------------------------------------------
def _inspection_files(workspace: Workspace) -> dict[str, list[int]]:
    folder = workspace.inspections_dir
    if not folder.is_dir():
        return {}
    files, journals = {}, {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.name.endswith(".json"):
                files[entry.name[: -len(".json")]] = entry.stat()
            elif entry.name.endswith(JOURNAL_SUFFIX):
                journals[entry.name[: -len(JOURNAL_SUFFIX)]] = entry.stat()
    return {inspection_id: stamp_of(st, journals.get(inspection_id)) for inspection_id, st in files.items()}


def _suspects(workspace: Workspace, tables: dict) -> tuple[list[str], list[str]]:
    """Inspections whose summary may not fit their file, and summaries whose file is gone: without reading any inspection file."""
    summaries, stamps = tables.get(SUMMARY_TABLE, {}), tables.get(STAMP_TABLE, {})
    files = _inspection_files(workspace)
    suspects = []
    for inspection_id, stamp in files.items():
        kept = workspace.fresh_stamps.get(inspection_id) or stamps.get(inspection_id)
        document = summaries.get(inspection_id)
        if kept is None or document is None or kept.get("file") != stamp or kept.get("summary") != summary_digest(document):
            suspects.append(inspection_id)
    return sorted(suspects), sorted(set(summaries) - set(files))


def rebuild_stale(workspace: Workspace) -> list[str]:
    """Rebuild the summaries that no longer agree with their file; what was put right, in words (empty if nothing).

    Only files whose stamp does not fit are read. When such a file still agrees with
    its summary (evidence saved since, which no summary shows), nothing is written:
    reading a workspace does not change it. The renewed stamp is kept in memory and
    written with the next summary, or at once when there are many of them. The one
    write reading may make is upgrading summaries stored in an older shape, once.
    """
    upgrade_summaries(workspace)
    tables = workspace.index_tables()
    suspects, orphans = _suspects(workspace, tables)
    if not suspects and not orphans:
        return []
    summaries = tables.get(SUMMARY_TABLE, {})
    notes, disagreeing = [], []
    for inspection_id in suspects:
        path = workspace.inspection_path(inspection_id)
        stamp = file_stamp(path)  # before reading, so a change made meanwhile leaves a stamp that does not fit
        try:
            actual = workspace.file_summary(inspection_id)
        except (UnreadableFile, NotFound) as error:
            notes.append(f"{error} Its line in lists and deadlines was left as it was.")
            continue
        document = summaries.get(inspection_id)
        if document is not None and not differences(document, actual):
            workspace.fresh_stamps[inspection_id] = {"file": stamp, "summary": summary_digest(document)}
        else:
            disagreeing.append(inspection_id)
    # A summary whose file is gone stays: the file was lost or removed, which no rebuild can put right, and its
    # line in lists and deadlines is what tells people so. Only an explicit repair removes it.
    notes += [f"{_title(_stored_summary(summaries.get(i)), i)} is listed, but its file {workspace.inspection_path(i)} "
              "is missing: restore it from a backup, or run 'peerinspect workspace repair' to remove it from lists."
              for i in orphans]
    if disagreeing:
        notes += rebuild_summaries(workspace, only=disagreeing)
    elif len(workspace.fresh_stamps) > STAMPS_WORTH_A_WRITE:
        try:
            with workspace.derived_index() as db:
                write_fresh_stamps(workspace, db)
        except DiskRefused:
            pass  # the summaries agree: nothing is lost, only the next open reads these files again
    return notes


def upgrade_summaries(workspace: Workspace) -> None:
    """Rewrite summaries stored before summaries were compact in their current shape, once, in one index write.

    What they say is unchanged, so this is done quietly; a stamp that fitted the old document is
    made to fit the new one. A summary that cannot be read is left for the check against its file.
    """
    if all(is_current(d) for d in workspace.index_tables().get(SUMMARY_TABLE, {}).values()):
        return
    try:
        with workspace.derived_index() as db:
            write_fresh_stamps(workspace, db)
            summaries, stamps = db.table(SUMMARY_TABLE), db.table(STAMP_TABLE)
            for document in summaries.all():
                summary = None if is_current(document) else _stored_summary(document)
                if summary is None:
                    continue
                upgraded = summary_document(summary)
                summaries.upsert(Document(upgraded, doc_id=document.doc_id))
                stamp = stamps.get(doc_id=document.doc_id)
                if stamp is not None and stamp.get("summary") == summary_digest(dict(document)):
                    _record_stamp(db, document.doc_id, stamp.get("file"), upgraded)
    except DiskRefused:
        pass  # read in their old shape, converted as they are read, until the disk takes the write


def bring_up_to_date(workspace: Workspace) -> list[str]:
    """As rebuild_stale, but a disk that refuses the write is reported, not raised: lists then read
    the index as it was, and the next open tries again."""
    try:
        return rebuild_stale(workspace)
    except DiskRefused as error:
        return [f"The index {workspace.index_path} needs repair but could not be written ({error.reason}): "
                "lists and deadlines may be out of date until it can be."]


def write_fresh_stamps(workspace: Workspace, db: RecordDB) -> None:
    """Write the stamps renewed in memory whose file has not changed since; part of a write being made anyway."""
    for inspection_id, kept in workspace.fresh_stamps.items():
        if file_stamp(workspace.inspection_path(inspection_id)) == kept["file"]:
            db.table(STAMP_TABLE).upsert(Document(dict(kept), doc_id=inspection_id))
    workspace.fresh_stamps.clear()


def rebuild_summaries(workspace: Workspace, *, only: list[str] | None = None, everything: bool = False) -> list[str]:
    """Make the summaries of these inspections (or of all, with `everything`) from their files, in one index write.

    With `everything` (an explicit repair), summaries whose file is gone are removed. A summary that already
    agrees only has its stamp renewed, silently.
    """
    notes: list[str] = []
    with workspace.derived_index() as db:
        write_fresh_stamps(workspace, db)
        summaries = db.table(SUMMARY_TABLE)
        files = _inspection_files(workspace)
        wanted = sorted(files) if everything or only is None else [i for i in only if i in files]
        for inspection_id in wanted:
            path = workspace.inspection_path(inspection_id)
            stamp = file_stamp(path)
            document = summaries.get(doc_id=inspection_id)
            try:
                actual = workspace.file_summary(inspection_id)
            except (UnreadableFile, NotFound) as error:
                notes.append(f"{error} Its line in lists and deadlines was left as it was.")
                continue
            changed = differences(document, actual)
            if changed:
                record_summary(db, actual, path, stamp)
                notes.append(
                    f"Repaired the index: {_title(actual, inspection_id)} disagreed with {path.name} "
                    f"({'; '.join(changed)}) and was rebuilt from the file."
                )
            else:
                _record_stamp(db, inspection_id, stamp, dict(document))
        for inspection_id in sorted({d.doc_id for d in summaries.all()} - set(files)) if everything else ():
            gone = _stored_summary(summaries.get(doc_id=inspection_id))
            summaries.remove(doc_ids=[inspection_id])
            if db.table(STAMP_TABLE).contains(doc_id=inspection_id):
                db.table(STAMP_TABLE).remove(doc_ids=[inspection_id])
            notes.append(f"Repaired the index: {_title(gone, inspection_id)} has no inspection file, so its summary was removed.")
    return notes


# checking without changing anything ---------------------------------------------
def index_problems(workspace: Workspace, inspection_ids: list[str] | None = None) -> list[str]:
    """Every way the index's summaries disagree with the inspection files, reading every file; changes nothing."""
    try:
        tables = workspace.index_tables()
    except PeerInspectError as error:
        return [str(error)]
    summaries = tables.get(SUMMARY_TABLE, {})
    files = _inspection_files(workspace)
    problems = []
    for inspection_id in inspection_ids if inspection_ids is not None else sorted(set(files) | set(summaries)):
        path = workspace.inspection_path(inspection_id)
        stored = _stored_summary(summaries.get(inspection_id))
        if inspection_id not in files:
            problems.append(f"index: {_title(stored, inspection_id)} is listed, but {path} is missing")
            continue
        try:
            actual = workspace.file_summary(inspection_id)
        except (UnreadableFile, NotFound) as error:
            problems.append(str(error))
            continue
        if inspection_id in summaries and stored is None:
            problems.append(f"index: the summary of {_title(None, inspection_id)} cannot be read")
            continue
        problems += [f"index: {_title(actual, inspection_id)} disagrees with {path.name} on {d}"
                     for d in differences(summaries.get(inspection_id), actual)]
    return problems

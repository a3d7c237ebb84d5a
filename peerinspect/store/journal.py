"""An inspection file and its journal: a save appends only its change, with one fsync, and the file is rewritten
only now and then, when the journal is folded into it.

    inspections/<id>.json      TinyDB's tables as last folded, and the number of the last save they hold ("_folded")
    inspections/<id>.journal   one line per save since, oldest first:
                               {"seq": n, "documents": {table: {id: the document, or null once removed}},
                                "tables": {table: the whole table, when a save replaced one}}

What is stored is the file with its journal replayed. Each line is written whole and fsynced before the save is
acknowledged, so a last line that is cut short or unreadable is a save that was never acknowledged: it is ignored,
and the next save cuts it away before appending. A bad line anywhere else is damage, named by its line number.

Folding writes the merged tables the way every whole file is written (temporary file, fsync, rename), recording the
number of the last save they hold, and only then empties the journal. A crash between the two leaves lines the file
already holds, which reading skips by their number, so nothing is lost and nothing applied twice.

A reader takes no lock: it reads the file, then the journal, and keeps what it read only if the file was not replaced
meanwhile. A fold replaces the file before it empties the journal, so what was read is always one state of the two.

A storage may append its lines without fsyncing each (the index does: see index_storage.py). After a power cut, any
stretch at the end of such a journal may be lost or garbled, so reading it ends at its first line that cannot be
used, and the next save cuts that line away with everything after it.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

import orjson
from attrs import define

from ..owner_only import FILE_MODE
from .built_records import BuiltRecords
from ..owner_only import fsync_directory
from .durable import DurableJSONStorage, write_atomically
from .faults import DiskRefused, UnreadableFile, disk_reason

JOURNAL_SUFFIX = ".journal"
FOLDED_KEY = "_folded"
# A journal is folded once it outgrows both of these: half the file keeps a fresh read at most one and a half files,
# and the floor keeps a small inspection from being rewritten every few saves.
FOLD_AT_LEAST_BYTES = 256 * 1024
FOLD_SHARE_OF_FILE = 0.5
READ_ATTEMPTS = 5


def journal_path(path: Path) -> Path:
    return path.with_suffix(JOURNAL_SUFFIX)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def stamp_of(file_stat: os.stat_result, journal_stat: os.stat_result | None) -> list[int]:
    """Size and modification time of a file and of its journal, if it has one: what changes with every save.

    Not the inode: a copy that keeps times (cp -p, a restored backup) still fits.
    """
    found = [file_stat.st_size, file_stat.st_mtime_ns]
    return found + [journal_stat.st_size, journal_stat.st_mtime_ns] if journal_stat is not None else found


def file_stamp(path: Path) -> list[int] | None:
    file_stat = _stat(path)
    return stamp_of(file_stat, _stat(journal_path(path))) if file_stat is not None else None


def _file_key(path: Path) -> tuple[int, int, int] | None:
    # Every whole-file write replaces the file (a new inode), so a change by another process is always seen by stat.
    st = _stat(path)
    return (st.st_ino, st.st_mtime_ns, st.st_size) if st is not None else None


@define
class _Parsed:
    """One file as read: its tables with the journal replayed, and how far into the journal that reading went."""

    file_key: tuple[int, int, int]
    data: dict
    folded: int  # the last save the file itself holds
    last: int  # the last save applied, from the file or its journal
    journal_inode: int | None = None
    read_to: int = 0  # every whole line before this offset is applied (or was already folded)
    lines: int = 0  # lines before read_to, to name a bad one by its number


class ParsedFiles:
    """Parsed file contents kept between transactions of one process, valid while the file is unchanged, and the
    records built from them (see built_records.py).

    Another process's save only appends to the journal, so catching up reads just the lines it added. A
    transaction that fails after changing something drops its entry, because TinyDB changed the parsed data in place.
    """

    def __init__(self, unsynced: Collection[Path] = ()) -> None:
        self._entries: dict[Path, _Parsed] = {}
        self._built: dict[Path, BuiltRecords] = {}
        self._unsynced = frozenset(unsynced)  # files whose journal lines are not each fsynced

    def load(self, path: Path) -> dict | None:
        for _ in range(READ_ATTEMPTS):
            key = _file_key(path)
            if key is None:
                self.forget(path)
                return None
            parsed = self._entries.get(path)
            lenient = path in self._unsynced
            if parsed is None or parsed.file_key != key or not _catch_up(path, parsed, lenient):
                parsed = _read_file(path, key)
                _catch_up(path, parsed, lenient)
            if _file_key(path) == key:
                self._entries[path] = parsed
                return parsed.data
            self._entries.pop(path, None)  # folded by another process while it was read: read again
        raise UnreadableFile(path, f"it was rewritten {READ_ATTEMPTS} times while being read; try again")

    def entry(self, path: Path) -> _Parsed | None:
        return self._entries.get(path)

    def remember(self, path: Path, data: dict, folded: int = 0) -> None:
        """After writing the whole file: what it now holds, with nothing left to read from its journal."""
        key = _file_key(path)
        if key is None:
            return
        journal = _stat(journal_path(path))
        read_to = journal.st_size if journal is not None else 0
        self._entries[path] = _Parsed(key, data, folded, folded, journal.st_ino if journal else None, read_to)

    def built(self, path: Path) -> BuiltRecords:
        """The records built from this file's documents so far."""
        return self._built.setdefault(path, BuiltRecords())

    def forget(self, path: Path) -> None:
        self._entries.pop(path, None)
        self._built.pop(path, None)


def _read_file(path: Path, key: tuple[int, int, int]) -> _Parsed:
    with open(path, "rb") as handle:
        text = handle.read()
    # Every write replaces a whole file, so an empty or broken one was damaged from outside:
    # reading it as empty would pass it off as a new workspace or a new inspection.
    if not text.strip():
        raise UnreadableFile(path, "it is empty")
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise UnreadableFile(path, f"it is not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise UnreadableFile(path, "it does not hold peerinspect's tables")
    folded = data.pop(FOLDED_KEY, 0)
    if not isinstance(folded, int) or isinstance(folded, bool) or folded < 0:
        raise UnreadableFile(path, f"its {FOLDED_KEY!r} is not a number of saves")
    return _Parsed(key, data, folded, folded)


def _catch_up(path: Path, parsed: _Parsed, lenient: bool = False) -> bool:
    """Apply the journal lines written since `parsed` was read; False when the journal no longer continues it.

    A `lenient` reading ends at a line it cannot use, wherever it is: the journal's lines were not each fsynced.
    """
    journal = journal_path(path)
    seen = _stat(journal)
    if seen is None:
        return parsed.read_to == 0
    if seen.st_ino == parsed.journal_inode and seen.st_size == parsed.read_to:
        return True  # nothing appended since: most reads, a save's own among them, need not open it
    try:
        handle = open(journal, "rb")
    except FileNotFoundError:
        return parsed.read_to == 0
    with handle:
        st = os.fstat(handle.fileno())
        if parsed.read_to and (st.st_ino != parsed.journal_inode or st.st_size < parsed.read_to):
            return False
        handle.seek(parsed.read_to)
        added = handle.read()
    parsed.journal_inode = st.st_ino
    _replay(journal, parsed, added, lenient)
    return True


def _replay(journal: Path, parsed: _Parsed, added: bytes, lenient: bool) -> None:
    *whole, tail = added.split(b"\n")
    for index, line in enumerate(whole):
        number = parsed.lines + 1
        try:
            seq, documents, tables = _decode(line)
        except ValueError as error:
            if lenient or (index == len(whole) - 1 and not tail):
                return  # a save cut off before it was acknowledged, or a line a power cut took
            raise UnreadableFile(journal, f"line {number} is not a saved change ({error})") from None
        if seq > parsed.folded:
            if seq != parsed.last + 1:
                if lenient:
                    return
                raise UnreadableFile(journal, f"line {number} holds save {seq} where save {parsed.last + 1} was due")
            _apply(parsed.data, documents, tables)
            parsed.last = seq
        parsed.read_to += len(line) + 1
        parsed.lines = number
    # A tail with no newline is a line still being written, or one a killed save left: never acknowledged.


def _decode(line: bytes) -> tuple[int, dict, dict]:
    try:
        change = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        raise ValueError(str(error)) from None
    if not isinstance(change, dict):
        raise ValueError("not an object")
    seq, documents, tables = change.get("seq"), change.get("documents", {}), change.get("tables", {})
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise ValueError("no save number")
    if not isinstance(documents, dict) or not all(isinstance(d, dict) for d in documents.values()):
        raise ValueError("its documents are not tables")
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise ValueError("its tables are not tables")
    return seq, documents, tables


def _apply(data: dict, documents: dict, tables: dict) -> None:
    data.update(tables)
    for name, changed in documents.items():
        table = data.setdefault(name, {})
        for doc_id, document in changed.items():
            if document is None:
                table.pop(doc_id, None)
            else:
                table[doc_id] = document


def _change_line(seq: int, data: dict, changes: dict[str, set[str] | None]) -> bytes:
    documents, tables = {}, {}
    for name, doc_ids in changes.items():
        table = data.get(name, {})
        if doc_ids is None:
            tables[name] = table
        else:
            documents[name] = {doc_id: table.get(doc_id) for doc_id in doc_ids}
    line = {"seq": seq} | ({"documents": documents} if documents else {}) | ({"tables": tables} if tables else {})
    return orjson.dumps(line) + b"\n"


class JournaledJSONStorage(DurableJSONStorage):
    """A durable storage whose saves append their change to the file's journal, folded into the file now and then."""

    sync_each_line = True  # a line is fsynced before its save is acknowledged

    def save(self, data: dict, changes: dict[str, set[str] | None]) -> None:
        parsed = self.parsed.entry(self.path)
        if parsed is None or parsed.data is not data or not changes:
            # A new file, or a change TinyDB made without saying what it was: the whole file is written.
            self._fold(data, parsed.last if parsed is not None else 0, new=parsed is None)
            return
        _append(journal_path(self.path), parsed, _change_line(parsed.last + 1, data, changes), sync=self.sync_each_line)
        if parsed.read_to > max(FOLD_AT_LEAST_BYTES, parsed.file_key[2] * FOLD_SHARE_OF_FILE):
            try:
                self.fold()
            except (DiskRefused, OSError):
                pass  # the save is in the journal, acknowledged; the next save tries the fold again

    def fold(self) -> None:
        """Write the file with its journal in it, and empty the journal; called under the file's lock."""
        data = self.parsed.load(self.path)
        parsed = self.parsed.entry(self.path)
        if data is not None and parsed is not None and parsed.read_to:
            self._fold(data, parsed.last, new=False)

    def _fold(self, data: dict, last: int, *, new: bool) -> None:
        journal = journal_path(self.path)
        if new:
            journal.unlink(missing_ok=True)  # left by a file removed by hand: it belongs to no file now
        self._write_whole(orjson.dumps({**data, FOLDED_KEY: last}))
        # The file now holds every line of the journal: emptying it is tidying, and a crash before it leaves lines
        # that reading skips by their number.
        try:
            os.truncate(journal, 0)
        except FileNotFoundError:
            pass
        except OSError:
            self.parsed.forget(self.path)  # still skipped by their number when read again; the next fold empties it
            return
        self.parsed.remember(self.path, data, folded=last)

    def _write_whole(self, payload: bytes) -> None:
        write_atomically(self.path, payload)


def _append(journal: Path, parsed: _Parsed, line: bytes, *, sync: bool = True) -> None:
    """Append one saved change, and fsync it unless told not to; on any failure the journal is left as it was,
    byte for byte."""
    try:
        created = False
        try:
            fd = os.open(journal, os.O_WRONLY | os.O_APPEND)
        except FileNotFoundError:
            fd = os.open(journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL, FILE_MODE)
            created = True
            os.fchmod(fd, FILE_MODE)
        try:
            st = os.fstat(fd)
            if st.st_size > parsed.read_to:
                os.ftruncate(fd, parsed.read_to)  # a line a killed save left half-written
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view):]
            if sync:
                os.fsync(fd)
        except BaseException:
            _undo_append(journal, fd, parsed.read_to, created)
            raise
        os.close(fd)
        if created and sync:
            fsync_directory(journal.parent)  # the new journal's name must be on disk with its first line
    except OSError as error:
        reason = disk_reason(error)
        if reason is None:
            raise
        raise DiskRefused(journal, reason) from error
    parsed.journal_inode = st.st_ino
    parsed.read_to += len(line)
    parsed.lines += 1
    parsed.last += 1


def _undo_append(journal: Path, fd: int, size: int, created: bool) -> None:
    try:
        os.ftruncate(fd, size)
    except OSError:
        pass  # what was written is a last line never acknowledged: ignored on read, cut away by the next save
    os.close(fd)
    if created:
        journal.unlink(missing_ok=True)

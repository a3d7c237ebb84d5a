"""A TinyDB storage that never leaves a half-written file, and a middleware that makes a use case one write.

TinyDB's own JSONStorage rewrites its file in place, so a crash mid-write can leave
it broken. Here every write goes to a temporary file in the same folder, is fsynced,
and replaces the old file in one atomic rename: readers see the old file or the new
one, never a mixture, and an acknowledged write survives the process being killed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import orjson
from tinydb.middlewares import Middleware
from tinydb.storages import Storage

from ..owner_only import replace_file
from .faults import DiskRefused, disk_reason

if TYPE_CHECKING:
    from .journal import ParsedFiles

TEMPORARY_SUFFIX = ".tmp"


def temporary_name(path: Path) -> Path:
    """Where a write of `path` is prepared: hidden, in the same folder, named after the file and the writing process."""
    return path.with_name(f".{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}")


def target_of_temporary(tmp: Path) -> Path | None:
    """The file a temporary file was preparing, or None if it is not one of ours."""
    name = tmp.name
    if not (name.startswith(".") and name.endswith(TEMPORARY_SUFFIX)):
        return None
    target, _, pid = name[1 : -len(TEMPORARY_SUFFIX)].rpartition(".")
    return tmp.with_name(target) if target and pid.isdigit() else None


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that a crash leaves either the old or the new content.

    A disk that refuses the write (full, read-only, not permitted) raises DiskRefused
    naming the file, with the old content left in place.
    """
    try:
        replace_file(path, payload, temporary_name(path))
    except OSError as error:
        reason = disk_reason(error)
        if reason is None:
            raise
        raise DiskRefused(path, reason) from error


class DurableJSONStorage(Storage):
    def __init__(self, path: str | Path, parsed: ParsedFiles):
        self.path = Path(path)
        self.parsed = parsed

    def read(self) -> dict | None:
        return self.parsed.load(self.path)

    def write(self, data: dict) -> None:
        # orjson encodes a whole inspection several times faster than json, and a save is mostly encoding.
        write_atomically(self.path, orjson.dumps(data))
        self.parsed.remember(self.path, data)

    def save(self, data: dict, changes: dict[str, set[str] | None]) -> None:
        """Commit a transaction: `changes` names what it changed, table by table; this storage writes the whole file."""
        self.write(data)

    def close(self) -> None:
        pass


BACKUP_SUFFIX = ".bak"


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


class OneWritePerTransaction(Middleware):
    """Holds TinyDB's writes in memory until the transaction commits, then writes once.

    Unlike CachingMiddleware, nothing is held past the end of the use case: commit
    flushes, and a failed use case writes nothing at all. The tables tell it which
    documents they changed (`changed`), so a storage can write only those.
    """

    def __init__(self, storage_cls: type = DurableJSONStorage):
        super().__init__(storage_cls)
        self.pending: dict | None = None
        self.dirty = False
        self.changes: dict[str, set[str] | None] = {}  # table -> ids of changed documents, None for the whole table

    def changed(self, table: str, doc_ids: list[str] | None) -> None:
        known = self.changes.setdefault(table, set())
        if known is None or doc_ids is None:
            self.changes[table] = None
        else:
            known.update(doc_ids)

    def read(self):
        if self.pending is None:
            self.pending = self.storage.read()
        return self.pending

    def write(self, data):
        self.pending = data
        self.dirty = True

    def commit(self) -> bool:
        wrote = self.dirty
        if self.dirty and self.pending is not None:
            self.storage.save(self.pending, self.changes)
        self._reset()
        return wrote

    def rollback(self) -> None:
        if self.dirty:
            self.storage.parsed.forget(self.storage.path)  # TinyDB changed the parsed tables in place
        self._reset()

    def _reset(self) -> None:
        self.pending, self.dirty, self.changes = None, False, {}

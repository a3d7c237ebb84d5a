"""The workspace index on disk: what a save to an inspection brings it is appended to its journal, and what only the
index holds is written whole, with its last-good copy.

    workspace.json       the index's tables as last written whole, and the number of the last change they hold
    workspace.journal    the changes made since, one line each (the format is journal.py's)
    workspace.json.bak   the last-good copy, written after workspace.json each time that is written whole

A change to what only the index holds (areas, districts, people, settings: a use case on `Workspace.index()`) is
written whole, by the atomic rename, and then its last-good copy: such changes are rare, and nothing but the copy
can give them back if workspace.json is damaged.

Everything a save to an inspection brings the index is derived from that inspection's file: its summary, the stamp
that dates the summary, and the link recording its trail's new head (anchors.py). It goes in one line appended to
this journal, and that line is not fsynced, so a save costs one fsync, its inspection's. Why that loses nothing:

- The inspection's line is fsynced before the index line is written. However much of the index line reaches the
  disk, the save it follows is already there: the index never names a head or a summary its file does not hold,
  which is the order the store has always kept (the index follows the inspection).
- A killed process leaves what it wrote in the system's cache, which reaches the disk as any write does: for
  SIGKILL, a line written is a line kept. Only a crash of the system or a power cut can lose it.
- What those can lose is the end of this journal: lines written since it was last fsynced or folded. Opening
  finds the stamps that no longer fit and rebuilds those summaries from their files (index_check.py), as it does
  after a save killed between its two writes; a head the index did not record is a trail that only grew, which
  verify tells apart from damage and `audit anchor` records (domain/anchors.py, `extends`).
- A power cut can leave the end of a file garbled rather than short, so this journal is read up to its first line
  that cannot be used, wherever it is (journal.py), and the next save cuts that line away with all after it: what
  the reading stops short of was only ever derived.
- Derived data must outlive a power cut at one moment: when the digest of the newest link is handed to a person
  (`audit anchor`), since a link lost later would look like rewritten history. `make_durable` fsyncs the journal
  first.

The journal is folded into workspace.json once it outgrows its limit (journal.py), and the last-good copy is
written with it, so the copy holds everything as of the last fold or change to what only the index holds. `workspace
repair` puts the copy in place of a damaged workspace.json, and the journal's lines since then apply on top of it;
lines that do not continue it are left unread, and opening rebuilds what they held.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..owner_only import fsync_directory
from .durable import backup_path, write_atomically
from .faults import DiskRefused, disk_reason
from .journal import JournaledJSONStorage, journal_path


class IndexStorage(JournaledJSONStorage):
    """The index, as a save to an inspection changes it: one line, not fsynced; folds write the last-good copy too."""

    sync_each_line = False

    def _write_whole(self, payload: bytes) -> None:
        super()._write_whole(payload)
        try:
            write_atomically(backup_path(self.path), payload)
        except DiskRefused:
            pass  # the write itself is done; the copy stays at the last state it could hold, and the next write renews it


class IndexChangeStorage(IndexStorage):
    """The index, as a change to what only it holds changes it: written whole, and its last-good copy after it."""

    def save(self, data: dict, changes: dict[str, set[str] | None]) -> None:
        parsed = self.parsed.entry(self.path)
        # A number of its own: a journal line written on the state before this change never applies to it.
        self._fold(data, parsed.last + 1 if parsed is not None else 0, new=parsed is None)


def make_durable(path: Path) -> None:
    """Fsync the journal of `path`: every line written to it so far survives a power cut."""
    journal = journal_path(path)
    try:
        try:
            fd = os.open(journal, os.O_RDONLY)
        except FileNotFoundError:
            return  # folded: the file itself was fsynced when it was written
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        fsync_directory(journal.parent)  # a journal made by a line that was not fsynced has its name to write too
    except OSError as error:
        reason = disk_reason(error)
        if reason is None:
            raise
        raise DiskRefused(journal, reason, f"Could not make {journal} safe on the disk: {reason}.") from error

"""Checking a whole workspace, and repairing its index: from its last-good copy, and from the inspection files.

Summaries can always be rebuilt from the inspection files. People, areas, districts
and settings live only in the index: a damaged index is restored from
workspace.json.bak when that copy can be read, and otherwise they are lost, which
the repair says plainly. The index's journal stays beside the restored copy, and what
of it continues the copy is read on top of it (index_storage.py).
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from ..domain.audit import AuditEntry
from ..domain.errors import NotFound, PeerInspectError
from ..domain.settings import Settings
from .durable import backup_path, write_atomically
from .faults import UnreadableFile
from .index_check import index_problems, rebuild_summaries
from .journal import ParsedFiles
from .leftovers import leftover_temporaries, remove_leftover_temporaries
from .workspace import Workspace


def check(root: Path) -> list[str]:
    """Every problem with the workspace's files, in words; reads everything, changes nothing."""
    workspace = _unopened(root)
    problems = index_problems(workspace)
    if problems and _is_unreadable(workspace):
        problems.append(_backup_state(workspace))
    problems += [f"{tmp}: a temporary file left by an interrupted save" for tmp in leftover_temporaries(workspace)]
    return problems


def repair(root: Path, at: datetime) -> list[str]:
    """Put right what check finds; what was done, in words."""
    workspace = _unopened(root)
    notes = []
    if _is_unreadable(workspace):
        notes += _restore_index(workspace, at)
    notes += remove_leftover_temporaries(workspace)
    notes += rebuild_summaries(workspace, everything=True)
    return notes


def _unopened(root: Path) -> Workspace:
    root = Path(root)
    if not root.is_dir() or not ((root / "inspections").is_dir() or (root / "workspace.json").exists()):
        raise NotFound(f"No workspace at {root}")
    return Workspace(root)


def _is_unreadable(workspace: Workspace) -> bool:
    try:
        workspace.index_tables()
    except (UnreadableFile, NotFound):
        return True
    return False


def _readable_backup(workspace: Workspace) -> bytes | None:
    backup = backup_path(workspace.index_path)
    try:
        tables = ParsedFiles().load(backup)
    except PeerInspectError:
        return None
    if not tables or not tables.get(AuditEntry.KIND):
        return None
    return backup.read_bytes()


def _backup_state(workspace: Workspace) -> str:
    backup = backup_path(workspace.index_path)
    if _readable_backup(workspace) is not None:
        return f"{backup} is a readable last-good copy: 'peerinspect workspace repair' restores it and rebuilds the summaries."
    return (f"There is no readable last-good copy ({backup}): 'peerinspect workspace repair' can rebuild the summaries, "
            "but the people, areas, districts and settings kept only in the index would be lost.")


def _restore_index(workspace: Workspace, at: datetime) -> list[str]:
    index = workspace.index_path
    with workspace._lock(index):  # noqa: SLF001 - the store's own lock, taken by the store
        kept = None
        if index.exists():
            # Never thrown away: a damaged index may still hold what someone can read by eye.
            kept = index.with_name(f"{index.name}.damaged-{at.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}")
            os.replace(index, kept)
        kept_note = f" The damaged file was kept as {kept.name}." if kept else ""
        backup = _readable_backup(workspace)
        if backup is not None:
            write_atomically(index, backup)
            written = datetime.fromtimestamp(backup_path(index).stat().st_mtime).astimezone()
            return [f"Restored {index.name} from its last-good copy {backup_path(index).name}, written {written:%d %b %Y %H:%M %Z}: "
                    f"people, areas, districts and settings are as they were then; any change to them since is lost.{kept_note}"]
    with workspace.index() as tx:
        tx.attribute(at=at, actor_id="", action="rebuild workspace index")
        tx.put(Settings())
    return [f"{index.name} had no readable last-good copy, so a new index was made. People, areas, districts and "
            "settings live only in the index and cannot be rebuilt from the inspection files: add them again "
            "('peerinspect person add', 'peerinspect district add', 'peerinspect settings'). Until an area director "
            f"is added, anyone may add one.{kept_note}"]

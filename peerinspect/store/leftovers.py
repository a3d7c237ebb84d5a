"""Temporary files left by saves that were killed before their rename: found, and removed when no one is writing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .durable import target_of_temporary
from .lock_wait import file_lock

if TYPE_CHECKING:
    from .workspace import Workspace


def leftover_temporaries(workspace: Workspace) -> list[Path]:
    """Temporary files of saves that were killed before they finished: none is being written now."""
    leftovers = []
    for folder in (workspace.root, workspace.inspections_dir):
        for tmp in sorted(folder.glob(".*.tmp")) if folder.is_dir() else ():
            target = target_of_temporary(tmp)
            if target is not None and not _being_written(target):
                leftovers.append(tmp)
    return leftovers


def _being_written(target: Path) -> bool:
    # A write runs under its file's lock (the index's backup copy under the index's): a lock we can take
    # at once means no one is writing, so the temporary file belongs to a process that died.
    locked = target.with_name(target.name[: -len(".bak")]) if target.name.endswith(".bak") else target
    lock = file_lock(locked)
    try:
        if not lock.try_acquire():
            return True
    except OSError:
        return True
    lock.release()
    return False


def remove_leftover_temporaries(workspace: Workspace) -> list[str]:
    removed, size = 0, 0
    for tmp in leftover_temporaries(workspace):
        try:
            size += tmp.stat().st_size
            tmp.unlink()
            removed += 1
        except OSError:
            continue  # a read-only disk keeps them; check lists them
    if not removed:
        return []
    return [f"Removed {removed} temporary file{'s' if removed > 1 else ''} ({size / 1_000_000:.1f} MB) left by interrupted saves."]

"""Which files are made safe on the disk: what a power cut would leave is told apart by what was fsynced."""

from __future__ import annotations

import os
from pathlib import Path


def synced_paths(monkeypatch) -> list[Path]:
    """The files fsynced from now on, in order, as resolved paths."""
    synced, real_fsync = [], os.fsync

    def fsync(fd: int) -> None:
        synced.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return synced

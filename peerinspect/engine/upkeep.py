"""Looking after a workspace's files: checking that the index agrees with the inspection files, and repairing it.

These work on a workspace whose index cannot be opened, so they take its folder, not an Engine.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable

from ..store import index_repair


def check_workspace(root: Path) -> list[str]:
    """Every problem found, in words; an empty list means the workspace is sound."""
    return index_repair.check(Path(root))


def repair_workspace(root: Path, clock: Callable[[], datetime] = datetime.now) -> list[str]:
    """What was put right, in words; an empty list means there was nothing to repair."""
    return index_repair.repair(Path(root), clock())

"""Workspace files as someone editing them by hand finds them: each with its journal folded in, so the file alone
holds what it says."""

from __future__ import annotations

from pathlib import Path

from peerinspect.store.workspace import INDEX_FILE, Workspace


def folded_file(root: Path, inspection_id: str) -> Path:
    """An inspection's file with its journal folded in: the whole inspection."""
    Workspace(root).fold(inspection_id)
    return root / "inspections" / f"{inspection_id}.json"


def folded_index(root: Path) -> Path:
    """The workspace index with its journal folded in: the whole index."""
    Workspace(root).fold_index()
    return root / INDEX_FILE

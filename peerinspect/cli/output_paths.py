"""Where --output may write: never inside the workspace folder, whose files only the store may replace."""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import InvalidInput, Problem
from .context import workspace_root


def refuse_output_in_workspace(args) -> None:
    """Refuse, before anything runs, an --output that would land in the workspace folder (through any symlink)."""
    output = getattr(args, "output", None)
    if not output:
        return
    root = workspace_root(args).resolve()
    target = Path(output).expanduser().resolve()
    if target == root or target.is_relative_to(root):
        raise InvalidInput(Problem(
            "--output",
            f"{output} is inside the workspace folder {root}; write it somewhere else, so it cannot overwrite the workspace's own files",
        ))

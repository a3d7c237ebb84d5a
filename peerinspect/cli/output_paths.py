"""Where --output may write, never inside the workspace folder, whose files only the store may replace; and who may
read what it writes: its owner alone, unless --shareable asks otherwise for an output without case references."""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import InvalidInput, Problem
from ..owner_only import FILE_MODE, SHAREABLE_FILE_MODE
from .context import workspace_root


def refuse_unsafe_output(args) -> None:
    """Refuse, before anything runs, an --output the workspace or the case references could suffer from."""
    refuse_output_in_workspace(args)
    if not getattr(args, "shareable", False):
        return
    if getattr(args, "internal", False):
        raise InvalidInput(Problem(
            "--shareable", "the internal report carries case references, so it is written for you alone; leave out --shareable",
        ))
    if not getattr(args, "output", None):
        raise InvalidInput(Problem("--shareable", "applies to a file written with --output; add --output FILE"))


def output_mode(args) -> int:
    """The --output file's mode: others may read it only when --shareable asked (and was allowed)."""
    return SHAREABLE_FILE_MODE if getattr(args, "shareable", False) else FILE_MODE


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

"""`peerinspect workspace check` and `workspace repair`: is the index telling the truth, and putting it right."""

from __future__ import annotations

from ..engine import upkeep
from .context import show, workspace_root

EXIT_PROBLEMS = 2


def workspace_check(args) -> int:
    root = workspace_root(args)
    problems = upkeep.check_workspace(root)
    for problem in problems:
        show(f"problem: {problem}")
    if problems:
        show(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} found; 'peerinspect workspace repair' puts them right.")
        return EXIT_PROBLEMS
    show(f"The workspace at {root} is sound: its index agrees with every inspection file.")
    return 0


def workspace_repair(args) -> int:
    root = workspace_root(args)
    notes = upkeep.repair_workspace(root)
    for note in notes:
        show(note)
    if not notes:
        show(f"Nothing to repair: the index at {root} agrees with every inspection file.")
    return 0

"""`peerinspect workspace check` and `workspace repair`: is the index telling the truth, and putting it right."""

from __future__ import annotations

from ..engine import upkeep
from .context import workspace_root

EXIT_PROBLEMS = 2


def workspace_check(args) -> int:
    root = workspace_root(args)
    problems = upkeep.check_workspace(root)
    for problem in problems:
        print(f"problem: {problem}")
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} found; 'peerinspect workspace repair' puts them right.")
        return EXIT_PROBLEMS
    print(f"The workspace at {root} is sound: its index agrees with every inspection file.")
    return 0


def workspace_repair(args) -> int:
    root = workspace_root(args)
    notes = upkeep.repair_workspace(root)
    for note in notes:
        print(note)
    if not notes:
        print(f"Nothing to repair: the index at {root} agrees with every inspection file.")
    return 0

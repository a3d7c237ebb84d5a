"""The architecture's promises, checked on the source: data flows TUI/CLI → engine → domain → store."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "peerinspect"


def modules(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (PACKAGE / folder).rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module a file imports, absolute, as far as the package is concerned."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            name = f"{base}.{node.module}" if base and node.module else (node.module or base)
            found.add(name)
    return found


@pytest.mark.parametrize("path", [p for p in PACKAGE.rglob("*.py") if "store" not in p.parts], ids=str)
def test_only_the_store_imports_tinydb(path):
    assert not any(m == "tinydb" or m.startswith("tinydb.") for m in imported(path))


@pytest.mark.parametrize("path", modules("tui", "cli"), ids=lambda p: p.name)
def test_screens_and_commands_go_through_the_engine(path):
    """Neither the TUI nor the CLI touches the workspace: they read and change it through the engine only."""
    source = path.read_text()
    if path.name == "trial.py":  # builds a workspace to try the app on, through the engine's use cases
        return
    # The one converter serves JSON output as it serves the store: the only piece of the store they may use.
    store = {m for m in imported(path) if m.startswith("peerinspect.store")} - {"peerinspect.store.converter"}
    assert not store, "imports the store"
    assert ".workspace." not in source, "reaches into the workspace"


@pytest.mark.parametrize("path", modules("domain"), ids=lambda p: p.name)
def test_the_domain_reads_no_clock_and_does_no_io(path):
    source = path.read_text()
    for forbidden in (r"datetime\.now", r"date\.today", r"time\.time", r"(?<![\w.])open\(", r"\bPath\(", r"\bos\."):
        assert not re.search(forbidden, source), forbidden
    outside = {"textual", "tinydb", "cattrs", "peerinspect.store", "peerinspect.engine", "peerinspect.tui"}
    assert not any(m.split(".")[0] in outside or m.startswith(tuple(outside)) for m in imported(path))


@pytest.mark.parametrize("path", modules("tui", "cli"), ids=lambda p: p.name)
def test_no_rule_about_who_or_when_is_restated_outside_the_domain(path):
    """Screens and commands ask the rulebook; they never compare roles or stages themselves."""
    source = path.read_text()
    for restated in (r"\bRole\.", r"\.stage (is|==)", r"\.stage\.value ==", r"\.reached\(", r"next_steps\(",
                     r"evidence_locked\(", r"plan_closed_reason\(", r"blockers\(dossier", r"next_events\("):
        assert not re.search(restated, source), restated

"""The trial workspace built once per test session and copied for each test: a copy costs milliseconds,
a build about a second, and the robustness tests start many apps."""

from __future__ import annotations

from pathlib import Path

from peerinspect.engine.core import Engine
from peerinspect.framework import load_catalogue

from .conftest import built_trial, engine_on_copy

def trial_copy(tmp_path_factory, into: Path, *, action_plan_submitted: bool = False) -> Engine:
    """A fresh engine on its own copy of the trial workspace."""
    return engine_on_copy(built_trial(tmp_path_factory, action_plan_submitted), into, load_catalogue())


def files_of(engine: Engine) -> dict[str, bytes]:
    """Every workspace file's bytes, to show that nothing changed."""
    root = engine.workspace.root
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.suffix in (".json", ".journal")}


def crashed(app) -> BaseException | None:
    """The exception that reached the app, if any: Textual keeps the first and sets a non-zero return code."""
    if app._exception is not None:
        return app._exception
    if app.return_code not in (None, 0):
        return RuntimeError(f"the app ended with return code {app.return_code}")
    return None

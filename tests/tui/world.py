"""The trial workspace built once per test session and copied for each test: a copy costs milliseconds,
a build about a second, and the robustness tests start many apps."""

from __future__ import annotations

import shutil
from pathlib import Path

from peerinspect.engine.core import Engine
from peerinspect.framework import load_catalogue
from peerinspect.store.workspace import Workspace
from peerinspect.tui.trial import build_trial

from .conftest import Clock

_built: dict[bool, Path] = {}


def trial_copy(tmp_path_factory, into: Path, *, action_plan_submitted: bool = False) -> Engine:
    """A fresh engine on its own copy of the trial workspace."""
    if action_plan_submitted not in _built:
        root = tmp_path_factory.mktemp("trial") / "workspace"
        build_trial(root, Clock(), action_plan_submitted=action_plan_submitted)
        _built[action_plan_submitted] = root
    copy = into / "workspace"
    shutil.copytree(_built[action_plan_submitted], copy, ignore=shutil.ignore_patterns("*.lock"))
    return Engine(Workspace.open(copy), load_catalogue(), clock=Clock())


def files_of(engine: Engine) -> dict[str, bytes]:
    """Every workspace file's bytes, to show that nothing changed."""
    root = engine.workspace.root
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.json"))}


def crashed(app) -> BaseException | None:
    """The exception that reached the app, if any: Textual keeps the first and sets a non-zero return code."""
    if app._exception is not None:
        return app._exception
    if app.return_code not in (None, 0):
        return RuntimeError(f"the app ended with return code {app.return_code}")
    return None

"""TUI tests run on a small workspace in tmp_path, on a fixed date, so every run and snapshot is the same.

The trial workspaces are built once per run and copied for each test: building one takes many saves,
copying it takes a few file copies, and each test still gets a workspace of its own to change.
"""

from __future__ import annotations

import asyncio
import functools
import shutil
from pathlib import Path

import pytest

from peerinspect.engine.core import Engine
from peerinspect.framework import load_catalogue
from peerinspect.sample import seeded_ids
from peerinspect.store.workspace import Workspace
from peerinspect.tui import settings
from peerinspect.tui.app import make_app
from peerinspect.tui.trial import TRIAL_NOW, build_large_trial, build_trial


class Clock:
    def __init__(self) -> None:
        self.now = TRIAL_NOW

    def __call__(self):
        return self.now


_BUILT: dict[bool | str, Path] = {}


def built_trial(tmp_path_factory: pytest.TempPathFactory, submitted: bool = False) -> Path:
    """The trial workspace, built once per test session and only ever copied after."""
    if submitted not in _BUILT:
        root = tmp_path_factory.mktemp("submitted-trial" if submitted else "trial") / "workspace"
        # Seeded ids: lists that order same-day records by id then order them the same way on every run.
        with seeded_ids(1):
            build_trial(root, Clock(), action_plan_submitted=submitted)
        _BUILT[submitted] = root
    return _BUILT[submitted]


@pytest.fixture(autouse=True)
def home_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has a home of its own: no run reads or changes the real settings file, and Save as…, which
    starts in the person's Documents folder, can never write to the real one when a sweep presses its keys."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.delenv(settings.ENVIRONMENT_VARIABLE, raising=False)
    return home


@pytest.fixture
def own_config_folder(home_folder: Path) -> Path:
    return home_folder / ".config"


@pytest.fixture(scope="session")
def trial_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_trial(tmp_path_factory)


@pytest.fixture(scope="session")
def submitted_trial_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_trial(tmp_path_factory, submitted=True)


@pytest.fixture(scope="session")
def trial_frameworks():
    return load_catalogue()


def built_large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The large trial: Eastleigh's inspection with a thousand records more, built once per test session."""
    if "large" not in _BUILT:
        root = tmp_path_factory.mktemp("large") / "workspace"
        build_large_trial(root, Clock())
        _BUILT["large"] = root
    return _BUILT["large"]


@pytest.fixture
def large_engine(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, trial_frameworks) -> Engine:
    """A workspace holding Eastleigh's inspection alone, with a thousand records more than the trial's."""
    return engine_on_copy(built_large(tmp_path_factory), tmp_path / "large", trial_frameworks)


def engine_on_copy(built: Path, tmp_path: Path, frameworks) -> Engine:
    root = tmp_path / "workspace"
    shutil.copytree(built, root, ignore=shutil.ignore_patterns("*.lock"))
    return Engine(Workspace.open(root), dict(frameworks), clock=Clock())


@pytest.fixture
def engine(trial_workspace: Path, tmp_path: Path, trial_frameworks) -> Engine:
    return engine_on_copy(trial_workspace, tmp_path, trial_frameworks)


@pytest.fixture
def submitted_engine(submitted_trial_workspace: Path, tmp_path: Path, trial_frameworks) -> Engine:
    """The same workspace, with Gosport's action plan written, one action done, and the plan submitted."""
    return engine_on_copy(submitted_trial_workspace, tmp_path, trial_frameworks)


def inspection_id(engine: Engine, district: str) -> str:
    wanted = engine.district(district).id
    return next(s.id for s in engine.workspace.summaries() if s.inspection.district_id == wanted)


async def settle(pilot) -> None:
    """Let workers finish and the screen catch up with what they posted."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_inspection(pilot, district: str) -> None:
    """From the dashboard, select the inspection of this district and press Enter."""
    from peerinspect.tui.widgets.inspections import InspectionTable

    await settle(pilot)
    table = pilot.app.screen.query_one(InspectionTable)
    engine = pilot.app.engine
    table.move_cursor(row=table.get_row_index(inspection_id(engine, district)))
    table.focus()
    await pilot.press("enter")
    await settle(pilot)


def app_for(engine: Engine, person: str):
    return make_app(engine, as_person=person)


def journey(test):
    """Run an async Pilot test on its own event loop (no async plugin is needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run

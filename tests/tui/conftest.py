"""TUI tests run on a small workspace in tmp_path, on a fixed date, so every run and snapshot is the same."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest

from peerinspect.engine.core import Engine
from peerinspect.tui.app import make_app
from peerinspect.tui.trial import TRIAL_NOW, build_trial


class Clock:
    def __init__(self) -> None:
        self.now = TRIAL_NOW

    def __call__(self):
        return self.now


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return build_trial(tmp_path / "workspace", Clock())


@pytest.fixture
def submitted_engine(tmp_path: Path) -> Engine:
    """The same workspace, with Gosport's action plan written, one action done, and the plan submitted."""
    return build_trial(tmp_path / "workspace", Clock(), action_plan_submitted=True)


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

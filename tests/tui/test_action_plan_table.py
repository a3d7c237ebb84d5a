"""The action-plan table: the action's text takes the width the screen has, and an overdue action says so in words."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import DataTable

from .conftest import app_for, journey, open_inspection, settle

STATUS = 4  # the Status column


def cells(table: DataTable, column: int) -> list[str]:
    return [str(table.get_row_at(row)[column]) for row in range(table.row_count)]


async def action_plan(pilot):
    await open_inspection(pilot, "Gosport")
    await pilot.press("a")
    await settle(pilot)
    return pilot.app.screen, pilot.app.screen.query_one(DataTable)


def unused(table: DataTable) -> int:
    """Columns of the table's width that no column takes: the half-empty screen this table must not leave."""
    return table.scrollable_content_region.width - table.virtual_size.width


@pytest.mark.parametrize("size", [(80, 24), (160, 40)], ids=["80", "160"])
@journey
async def test_the_action_takes_the_width_the_other_columns_leave(submitted_engine, size):
    async with app_for(submitted_engine, "Al Area").run_test(size=size) as pilot:
        plan, table = await action_plan(pilot)
        assert 0 <= unused(table) <= 2  # nothing beyond the right edge, and no empty half
        action_column = table.columns["action"].width
        if size[0] == 160:
            # Each action is shown whole: the column is wider than the longest of them.
            assert action_column > 80
            assert all(not text.endswith("…") for text in cells(table, 1))
        else:
            assert action_column >= 20


@journey
async def test_a_resized_screen_gives_the_action_the_new_width(submitted_engine):
    async with app_for(submitted_engine, "Al Area").run_test(size=(80, 24)) as pilot:
        plan, table = await action_plan(pilot)
        narrow = table.columns["action"].width
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        assert table.columns["action"].width == narrow + 80
        assert 0 <= unused(table) <= 2


@journey
async def test_cut_text_ends_with_an_ellipsis_and_the_highlighted_row_shows_it_whole(submitted_engine):
    gosport = next(s for s in submitted_engine.summaries() if s.inspection.district_id == submitted_engine.district("Gosport").id)
    recommendation = submitted_engine.workspace.dossier(gosport.id).recommendations[0]
    from peerinspect.engine import actionplan

    long_text = "Every child protection plan names its outcomes, who does what by when, and how the child's view is heard"
    actionplan.add_action(submitted_engine, as_person="Dee District", inspection=gosport.id,
                          recommendation_id=recommendation.id, what=long_text, owner="Dee District", due="2026-05-29")
    async with app_for(submitted_engine, "Dee District").run_test(size=(80, 24)) as pilot:
        plan, table = await action_plan(pilot)
        row = next(r for r, text in enumerate(cells(table, 1)) if text.startswith("Every child"))
        assert cells(table, 1)[row].endswith("…") and len(cells(table, 1)[row]) < len(long_text)
        table.move_cursor(row=row)
        await settle(pilot)
        assert long_text in str(plan.query_one("#action-detail").render())


@pytest.mark.parametrize("size", [(80, 24), (160, 40)], ids=["80", "160"])
@journey
async def test_overdue_is_written_on_the_overdue_action_only(submitted_engine, size):
    # Both actions were due on 30 April; the first was done in March, the second is still not started.
    submitted_engine.clock.now = datetime(2026, 5, 6, 9, 0)
    async with app_for(submitted_engine, "Al Area").run_test(size=size) as pilot:
        plan, table = await action_plan(pilot)
        statuses = cells(table, STATUS)
        overdue = [status for status in statuses if "Overdue" in status]
        assert overdue == ["Overdue: not started"], statuses
        assert "done" in statuses
        assert unused(table) >= 0  # the longer status still fits


@journey
async def test_nothing_is_overdue_before_its_due_date(submitted_engine):
    async with app_for(submitted_engine, "Al Area").run_test(size=(80, 24)) as pilot:
        plan, table = await action_plan(pilot)
        assert not any("Overdue" in status for status in cells(table, STATUS))

"""What each main screen looks like, at 80×24 and 120×40. Accepted after looking at the SVGs."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from .conftest import app_for, open_inspection, settle

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


async def still(pilot) -> None:
    """Workers done and no blinking cursor, so the picture is the same every time."""
    await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    await pilot.pause()


def to(district: str, *keys: str, then=None):
    async def run_before(pilot) -> None:
        await open_inspection(pilot, district)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if then is not None:
            await then(pilot)
        await still(pilot)

    return run_before


class TestDashboard:
    @SIZES
    def test_area_director(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=still)


class TestFieldwork:
    @SIZES
    def test_inspector_file_reviews(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ivy Inspector"), terminal_size=size, run_before=to("Eastleigh", "f"))


class TestFileReviewForm:
    @SIZES
    def test_new_file_review(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ivy Inspector"), terminal_size=size, run_before=to("Eastleigh", "f", "n"))


class TestConversationForm:
    @SIZES
    def test_care_ambassador_with_a_parent(self, snap_compare, engine, size):
        async def parent(pilot) -> None:
            field = pilot.app.screen.query_one("#input-with_group")
            field.value = "parent_or_carer"

        run = to("Eastleigh", "f", "n", then=parent)
        assert snap_compare(app_for(engine, "Cal Ambassador"), terminal_size=size, run_before=run)


class TestActionPlan:
    @SIZES
    def test_area_manager_submitted_plan(self, snap_compare, submitted_engine, size):
        run = to("Gosport", "a")
        assert snap_compare(app_for(submitted_engine, "Al Area"), terminal_size=size, run_before=run)

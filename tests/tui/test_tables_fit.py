"""At 80 columns lists keep their columns whole and lined up: longer text gives way first."""

from __future__ import annotations

import re
from datetime import date

from textual.widgets import DataTable

from peerinspect.engine import actionplan, authority

from .conftest import app_for, inspection_id, journey, open_inspection, settle


def overflows(table: DataTable) -> int:
    """How many columns' worth of cells lie beyond the table's right edge."""
    return table.virtual_size.width - table.scrollable_content_region.width


@journey
async def test_the_action_plan_keeps_its_status_column_whole_when_the_owner_has_a_long_name(submitted_engine):
    gosport = inspection_id(submitted_engine, "Gosport")
    long_name = "Bartholomew Fitzwilliam-Smythe"
    authority.add_person(submitted_engine, long_name, "district_manager", district_ref="Gosport", as_person="Ada Director")
    recommendation = submitted_engine.workspace.dossier(gosport).recommendations[0]
    actionplan.add_action(submitted_engine, as_person="Dee District", inspection=gosport, recommendation_id=recommendation.id,
                          what="Every child protection plan names its outcomes and the dates they are checked",
                          owner=long_name, due=date(2026, 5, 29))
    async with app_for(submitted_engine, "Al Area").run_test(size=(80, 24)) as pilot:
        await open_inspection(pilot, "Gosport")
        await pilot.press("a")
        await settle(pilot)
        table = pilot.app.screen.query_one(DataTable)
        assert long_name in {str(table.get_row_at(row)[2]) for row in range(table.row_count)}
        assert overflows(table) <= 0


@journey
async def test_deadline_dates_line_up_when_a_deadline_is_days_overdue(engine):
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = [str(line.render()) for line in pilot.app.screen.query(".deadline")]
    assert any("overdue by 4 days" in line for line in lines)
    columns = {re.search(r"\d\d [A-Z][a-z]{2} ", line).start() for line in lines}
    assert len(columns) == 1, lines

"""The dashboard lists the deadlines that concern the person: their own, and those of inspections they lead or manage."""

from __future__ import annotations

import pytest

from peerinspect.engine.core import Engine
from peerinspect.sample import build_demo, demo_clock
from peerinspect.tui.screens.dashboard import read_dashboard
from peerinspect.tui.session import Session
from peerinspect.tui.widgets.deadlines import DeadlineList

from ..conversions import conversions  # noqa: F401 - a fixture
from .conftest import app_for, journey, settle


async def deadline_lines(engine, person: str) -> list[str]:
    async with app_for(engine, person).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        listed = pilot.app.screen.query_one(DeadlineList)
        return [str(line.render()) for line in listed.query(".deadline")] or [str(listed.render())]


@pytest.mark.parametrize("person", ["Cal Ambassador", "Ivy Inspector"])
@journey
async def test_a_team_member_is_not_chased_for_the_district_or_the_lead(engine, person):
    # They are on all three inspections, yet no report, plan or action plan is theirs to write.
    assert await deadline_lines(engine, person) == ["Nothing due that is yours to act on or oversee."]


@journey
async def test_the_district_manager_sees_their_action_plan_and_nothing_of_other_districts(engine):
    [line] = await deadline_lines(engine, "Dee District")
    assert "District action plan" in line and "(yours)" in line and "Gosport" in line


@journey
async def test_the_lead_sees_every_deadline_of_the_inspections_they_lead(engine):
    lines = await deadline_lines(engine, "Ada Director")
    assert len(lines) == 4
    assert sum("Written report" in line for line in lines) == 2
    assert any("Immediate safeguarding action plan" in line and "Eastleigh" in line for line in lines)
    assert any("District action plan" in line and "Gosport" in line for line in lines)


@journey
async def test_the_area_manager_sees_a_submitted_plan_waiting_for_approval(submitted_engine):
    async with app_for(submitted_engine, "Al Area").run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        waiting = pilot.app.screen.query_one("#awaiting-approval")
        assert waiting.display
        text = str(waiting.render())
    assert "Action plans waiting for your approval" in text
    assert "Gosport — submitted 03 Mar 2026" in text


@journey
async def test_nothing_waits_for_the_district_manager_s_approval(submitted_engine):
    async with app_for(submitted_engine, "Dee District").run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not pilot.app.screen.query_one("#awaiting-approval").display


def test_refreshing_every_dashboard_converts_each_summary_once_and_a_closed_one_only_for_its_row(tmp_path, conversions):
    build_demo(tmp_path / "demo")
    engine = Engine.open(tmp_path / "demo", clock=demo_clock())
    [closed] = [i for i, d in engine.workspace.index_tables()["summary"].items() if d["inspection"]["stage"] == "closed"]
    for person in engine.people():
        for _ in range(2):  # a dashboard's first read, and a refresh
            read_dashboard(Session(engine, person))
    assert conversions and set(conversions.values()) == {1}
    # Its row needs the inspection; its actions and concerns, all settled, are never read.
    assert ("Inspection", closed) in conversions and ("whole", closed) not in conversions

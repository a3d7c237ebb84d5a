"""The dashboard lists the deadlines that concern the person: their own, and those of inspections they lead or manage."""

from __future__ import annotations

import pytest

from peerinspect.tui.widgets.deadlines import DeadlineList

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

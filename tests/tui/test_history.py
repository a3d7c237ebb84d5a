"""A record's history, opened with h from the fieldwork lists and the action plan."""

from __future__ import annotations

from peerinspect.engine.evidence import edit_evidence
from peerinspect.tui.screens.history import HistoryScreen

from .conftest import app_for, inspection_id, journey, open_inspection, settle


@journey
async def test_an_observation_edited_twice_shows_who_changed_what(engine):
    eastleigh = inspection_id(engine, "Eastleigh")
    [observation] = engine.workspace.dossier(eastleigh).observations
    first = edit_evidence(engine, as_person="Ivy Inspector", inspection=eastleigh, evidence_id=observation.id,
                          changes={"grade": "outstanding"}, revision=observation.revision).evidence
    edit_evidence(engine, as_person="Ada Director", inspection=eastleigh, evidence_id=observation.id,
                  changes={"notes": "Warm, direct and curious."}, revision=first.revision)
    async with app_for(engine, "Ivy Inspector").run_test(size=(100, 30)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("right_square_bracket")  # the observations tab
        await settle(pilot)
        pilot.app.screen.query_one("#list-observation DataTable").focus()
        await pilot.press("h")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, HistoryScreen)
        text = str(screen.query_one("#history").render())
        entries = text.split("\n\n")
        assert len(entries) == 3
        assert "Ivy Inspector — add observation" in entries[0] and "recorded" in entries[0]
        assert "Ivy Inspector — edit observation" in entries[1] and "grade: good → outstanding" in entries[1]
        assert "Ada Director — edit observation" in entries[2]
        assert "notes: Warm, direct conversation with the pare… → Warm, direct and curious." in entries[2]
        assert "10 Mar 2026 09:00" in entries[2]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, HistoryScreen)


@journey
async def test_an_actions_history_from_the_action_plan(submitted_engine):
    engine = submitted_engine
    async with app_for(engine, "Al Area").run_test(size=(100, 30)) as pilot:
        await open_inspection(pilot, "Gosport")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("h")  # the first action: added, then marked done with a note
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, HistoryScreen)
        text = str(screen.query_one("#history").render())
        assert "Dee District — add action" in text
        assert "status: not started → done" in text and "notes: — → Training delivered to all teams." in text

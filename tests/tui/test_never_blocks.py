"""Each screen opens on a large inspection without holding up the app: no stall over 100 ms, everything shown."""

from __future__ import annotations

import time

import pytest
from textual.widgets import DataTable

from peerinspect.engine import evidence
from peerinspect.tui.screens.fieldwork import FieldworkScreen
from peerinspect.tui.screens.judgements import JudgementsScreen
from peerinspect.tui.screens.report import ReportScreen
from peerinspect.tui.trial import LARGE
from peerinspect.tui.widgets.footer import Footer
from peerinspect.tui.widgets.report_view import ReportView

from .conftest import app_for, inspection_id, journey, open_inspection, settle
from .stalls import StallDetector, frozen_like_the_app
from .world import crashed

STALL = 0.100  # seconds of work in one go: a key pressed then is answered late enough to notice
# Showing a screen costs Textual CPU time whatever the screen shows (fieldwork, with a full page of its table
# drawn, about three times the overview's), and on a crowded machine that time grows for every screen alike.
# Opening the inspection's overview, a screen of a few lines, measures it in the same run, and the bar rises
# with it once the machine is crowded enough that a screen costing no more than any other would fail.
# Building every tab and listing all thousand records in one go costs eight to ten times the overview.
OVER_A_PLAIN_SCREEN = 4


def hold_the_loop(seconds: float) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


@journey
async def test_the_detector_sees_a_callback_that_holds_the_loop(engine):
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        async with StallDetector() as quiet:
            await pilot.pause(0.1)
        async with StallDetector() as held:
            pilot.app.call_later(hold_the_loop, 2 * STALL)
            await pilot.pause(0.1)
    assert quiet.longest_cpu < STALL / 10, quiet.describe()
    assert held.longest_cpu >= 2 * STALL, held.describe()


async def opening(engine, key: str, shown_in_full) -> tuple[StallDetector, StallDetector]:
    """The longest stalls opening the inspection's overview, then the screen this key opens until it shows in full."""
    eastleigh = engine.workspace.dossier(inspection_id(engine, "Eastleigh"))
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        with frozen_like_the_app():
            async with StallDetector() as overview:
                await open_inspection(pilot, "Eastleigh")
            async with StallDetector() as opened:
                await pilot.press(key)
                await shown_in_full(pilot, pilot.app.screen, eastleigh)
    return overview, opened


async def fieldwork_listed(pilot, screen, eastleigh) -> None:
    """Until the first two tabs list every record; the lists of the tabs not shown yet are not built at all."""
    assert isinstance(screen, FieldworkScreen)
    await all_listed(pilot, screen, "file_review", len(eastleigh.file_reviews))
    await pilot.press("right_square_bracket")  # its list is built now, the first time it is shown
    await all_listed(pilot, screen, "observation", len(eastleigh.observations))
    assert not screen.query("#list-conversation") and not screen.query("#list-indicator")


async def judgements_shown(pilot, screen, eastleigh) -> None:
    assert isinstance(screen, JudgementsScreen)
    await settle(pilot)
    assert screen.dossier is not None  # what it shows is read, and each theme's judgement listed


async def report_laid_out(pilot, screen, eastleigh) -> None:
    """Until every line of the report is laid out: it lists what each of the thousand records changed."""
    assert isinstance(screen, ReportScreen)
    await settle(pilot)
    view = screen.query_one(ReportView)
    while not view.finished:
        await pilot.pause()
    assert len(view.lines) > len(eastleigh.evidence)


async def all_listed(pilot, screen: FieldworkScreen, kind: str, count: int) -> None:
    """Wait while the list adds its rows a step at a time."""
    await settle(pilot)
    table = screen.query_one(f"#list-{kind} DataTable", DataTable)
    while table.row_count < count:
        await pilot.pause()
    assert table.row_count == count


def least(stalls: list[StallDetector]) -> StallDetector:
    """A stall a screen causes shows each time it opens; one another process on the machine causes, seldom twice."""
    return min(stalls, key=lambda s: s.longest_cpu)


# Every screen bench/bench_screens.py measures, by the key that opens it from the overview.
SCREENS = {"fieldwork": ("f", fieldwork_listed), "judgements": ("j", judgements_shown), "report": ("r", report_laid_out)}


@journey
@pytest.mark.parametrize("name", list(SCREENS))
async def test_opening_a_screen_on_a_thousand_records_never_holds_up_the_app(large_engine, name):
    assert len(large_engine.workspace.dossier(inspection_id(large_engine, "Eastleigh")).evidence) > sum(LARGE.values())
    key, shown_in_full = SCREENS[name]
    runs = [await opening(large_engine, key, shown_in_full), await opening(large_engine, key, shown_in_full)]
    overview, opened = least([run[0] for run in runs]), least([run[1] for run in runs])
    allowed = max(STALL, OVER_A_PLAIN_SCREEN * overview.longest_cpu)
    assert opened.longest_cpu < allowed, f"{name}: {opened.describe()}; the overview: {overview.describe()}"


@journey
async def test_what_people_wrote_shows_as_written_even_when_it_looks_like_markup(engine):
    eastleigh = inspection_id(engine, "Eastleigh")
    evidence.add_evidence(engine, as_person="Ivy Inspector", inspection=eastleigh, kind="conversation",
                          fields={"with_group": "team_manager", "notes": "Said [/] and [b]more"})
    async with app_for(engine, "Ivy Inspector").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        for key in ("f", "right_square_bracket", "right_square_bracket"):  # to the conversations
            await pilot.press(key)
            await settle(pilot)
        table = pilot.app.screen.query_one("#list-conversation DataTable", DataTable)
        listed = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        await pilot.pause()
        assert crashed(pilot.app) is None
    assert "team manager: Said [/] and [b]more" in listed


@journey
async def test_binding_refreshes_rebuild_the_footer_only_when_what_it_shows_changes(engine, monkeypatch):
    rebuilt = []
    recompose = Footer.recompose

    async def counted(footer):
        rebuilt.append(footer)
        await recompose(footer)

    monkeypatch.setattr(Footer, "recompose", counted)
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        await pilot.press("f")
        await settle(pilot)
        screen = pilot.app.screen
        rebuilt.clear()
        for _ in range(50):
            screen.refresh_bindings()
        await settle(pilot)
        assert rebuilt == []  # nothing it shows changed

        allowed = screen.check_action
        screen.check_action = lambda action, parameters: False if action == "new" else allowed(action, parameters)
        for _ in range(50):
            screen.refresh_bindings()
        await settle(pilot)
        keys = [str(key.description) for key in screen.query_one(Footer).query("FooterKey")]
    assert len(rebuilt) == 1  # fifty refreshes, one change: one rebuild
    assert keys and "New" not in keys  # and the rebuild shows the change

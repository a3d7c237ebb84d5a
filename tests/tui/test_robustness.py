"""Defects a person hit, each shown gone: keys that crashed, a damaged file, a busy inspection, lost typing."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import time

import pytest

from peerinspect.domain.inspection import Stage
from peerinspect.domain.vocabulary import ActionStatus
from peerinspect.tui.screens.action_dialog import ActionDialog
from peerinspect.tui.screens.action_plan import ActionPlanScreen
from peerinspect.tui.screens.advance import AdvanceDialog
from peerinspect.tui.screens.confirm import Confirm
from peerinspect.tui.screens.dashboard import Dashboard
from peerinspect.tui.screens.evidence_form import EvidenceForm
from peerinspect.tui.screens.fieldwork import FieldworkScreen
from peerinspect.tui.screens.inspection import InspectionScreen
from peerinspect.tui.screens.waiting import WaitingDialog
from peerinspect.tui.widgets.field import Field

from .conftest import app_for, inspection_id, journey, open_inspection, settle
from .keys import KeyLog
from .world import crashed, files_of, trial_copy


@pytest.fixture
def engine(tmp_path_factory, tmp_path):
    return trial_copy(tmp_path_factory, tmp_path)


@pytest.fixture
def submitted_engine(tmp_path_factory, tmp_path):
    return trial_copy(tmp_path_factory, tmp_path, action_plan_submitted=True)


def error_under(screen, name: str) -> str:
    field = screen.query_one(f"#field-{name}", Field)
    return str(field.query_one(".field-error").render())


@journey
async def test_the_district_manager_marks_an_action_done(submitted_engine):
    engine = submitted_engine
    gosport = inspection_id(engine, "Gosport")
    open_action = next(a for a in engine.workspace.dossier(gosport).actions if a.status is not ActionStatus.DONE)
    async with app_for(engine, "Dee District").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Gosport")
        await pilot.press("a")
        await settle(pilot)
        table = pilot.app.screen.query_one("#actions")
        table.move_cursor(row=table.get_row_index(open_action.id))
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ActionPlanScreen)
        assert crashed(pilot.app) is None
    marked = next(a for a in engine.workspace.dossier(gosport).actions if a.id == open_action.id)
    assert marked.status is ActionStatus.DONE


@journey
async def test_the_action_plan_keys_do_not_crash_on_a_recommendation_without_an_action(engine):
    # Gosport's report is issued and no action is written yet: every row is a recommendation.
    async with app_for(engine, "Dee District").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Gosport")
        await pilot.press("a")
        await settle(pilot)
        for key in "egdvbhsatmx":
            await pilot.press(key)
            await settle(pilot)
            while not isinstance(pilot.app.screen, ActionPlanScreen):
                await pilot.press("escape")
                await settle(pilot)
        assert crashed(pilot.app) is None


@journey
async def test_a_mistyped_date_in_a_step_is_shown_beside_the_date_and_changes_nothing(engine):
    before = files_of(engine)
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        await pilot.press("n")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, AdvanceDialog)
        dialog.fields["on"].value = "2026-13-45"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert "'2026-13-45' is not a date" in error_under(dialog, "on")
        assert crashed(pilot.app) is None
    assert files_of(engine) == before


@journey
async def test_a_damaged_inspection_file_shows_a_message_and_the_app_carries_on(engine):
    eastleigh = inspection_id(engine, "Eastleigh")
    path = engine.workspace.inspection_path(eastleigh)
    path.write_bytes(path.read_bytes()[:200])  # cut short, as by a full disc
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        screen = pilot.app.screen
        assert isinstance(screen, InspectionScreen)
        assert "damaged" in str(screen.query_one("#load-problem").render())
        await pilot.press("escape")
        await open_inspection(pilot, "Fareham")
        assert isinstance(pilot.app.screen, InspectionScreen)
        assert "Fareham" in str(pilot.app.screen.query_one("#overview").render())
        assert crashed(pilot.app) is None


HOLD_LOCK = textwrap.dedent("""
    import sys
    from filelock import FileLock
    lock = FileLock(sys.argv[1])
    lock.acquire()
    print("held", flush=True)
    sys.stdin.read()  # until the test closes our stdin
    lock.release()
""")


@journey
async def test_a_save_waits_for_another_session_without_freezing_and_can_be_stopped(engine):
    eastleigh = inspection_id(engine, "Eastleigh")
    lock_path = str(engine.workspace.inspection_path(eastleigh)) + ".lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, lock_path], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        before = files_of(engine)
        async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
            await open_inspection(pilot, "Eastleigh")
            await pilot.press("n")
            await settle(pilot)
            dialog = pilot.app.screen
            assert isinstance(dialog, AdvanceDialog)
            await pilot.press(*"Feedback to Team A")
            await pilot.press("ctrl+s")
            for _ in range(50):  # the save finds the lock held within a poll or two
                await pilot.pause(0.02)
                if isinstance(pilot.app.screen, WaitingDialog):
                    break
            assert isinstance(pilot.app.screen, WaitingDialog)
            await pilot.pause(0.3)  # still waiting: the other session holds the inspection
            waiting = pilot.app.screen
            assert isinstance(waiting, WaitingDialog)
            started = time.monotonic()
            pressing = asyncio.create_task(pilot.press("escape"))  # stop waiting
            while not waiting.stop.is_set() and time.monotonic() - started < 5:
                await asyncio.sleep(0.005)
            # Answered at once, not after the lock's 15 seconds.
            assert waiting.stop.is_set() and time.monotonic() - started < 0.2
            await pressing
            await settle(pilot)
            assert pilot.app.screen is dialog
            assert dialog.fields["note"].value == "Feedback to Team A"
            assert "stopped waiting" in str(dialog.query_one("#form-errors").render())
            assert crashed(pilot.app) is None
        assert files_of(engine) == before
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)


async def open_new_conversation(pilot) -> EvidenceForm:
    await open_inspection(pilot, "Eastleigh")
    await pilot.press("f")
    await settle(pilot)
    await pilot.press("right_square_bracket", "right_square_bracket")
    await pilot.press("n")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, EvidenceForm) and form.spec.kind == "conversation"
    return form


@journey
async def test_leaving_a_half_filled_form_asks_first_and_keeps_it_on_no(engine):
    before = files_of(engine)
    async with app_for(engine, "Ivy Inspector").run_test(size=(120, 40)) as pilot:
        form = await open_new_conversation(pilot)
        form.fields["notes"].control.focus()
        await pilot.press(*"Worker says")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.screen is form
        assert form.fields["notes"].value == "Worker says"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FieldworkScreen)
        assert crashed(pilot.app) is None
    assert files_of(engine) == before


@journey
async def test_an_untouched_form_leaves_at_once(engine):
    async with app_for(engine, "Ivy Inspector").run_test(size=(120, 40)) as pilot:
        await open_new_conversation(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, FieldworkScreen)


@journey
async def test_an_engine_problem_lands_beside_its_field_in_the_action_dialog(engine):
    gosport = inspection_id(engine, "Gosport")
    async with app_for(engine, "Dee District").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Gosport")
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ActionDialog)
        await pilot.press(*"Audit every plan")
        dialog.fields["due"].value = "2026-02-30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert "not a date" in error_under(dialog, "due")
        assert dialog.fields["what"].value == "Audit every plan"
    assert engine.workspace.dossier(gosport).actions == ()


@journey
async def test_a_refused_step_is_said_in_the_dialog_and_nothing_changes(engine):
    eastleigh = inspection_id(engine, "Eastleigh")
    before = files_of(engine)
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        await pilot.press("n")  # feedback, while a safeguarding concern still waits for its plan
        await settle(pilot)
        dialog = pilot.app.screen
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert str(dialog.query_one("#form-errors").render()).strip()
    assert engine.workspace.dossier(eastleigh).inspection.stage is Stage.FIELDWORK
    assert files_of(engine) == before


@journey
async def test_leaving_the_plan_screen_as_soon_as_it_opens_does_not_crash(engine):
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        log = KeyLog(pilot.app)
        for waits in range(8):  # Escape pressed at each moment of the screen being built
            await log.tap("p")
            for _ in range(waits):
                await asyncio.sleep(0)
            await log.tap("escape")
            await pilot.pause()
            log.check()
        await settle(pilot)
        assert isinstance(pilot.app.screen, Dashboard)

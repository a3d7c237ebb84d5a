"""Save as… on the report and action-plan screens: the file lands in the chosen folder, owner-only, and opens in
the program people use; a bad folder is named and nothing is written; served to a browser, the browser gets it."""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar
from textual.widgets import Input, RadioButton, RadioSet, Static

from peerinspect.engine import outputs
from peerinspect.tui.app import PeerInspectApp
from peerinspect.tui.screens.confirm import Confirm
from peerinspect.tui.screens.save_output import SaveOutputDialog

from .conftest import app_for, inspection_id, journey, open_inspection, settle


async def screen_of(pilot, district: str, key: str):
    await open_inspection(pilot, district)
    await pilot.press(key)
    await settle(pilot)
    return pilot.app.screen


async def save_as(pilot, output_id: str, folder: str | None = None) -> SaveOutputDialog:
    """Press the Save as… key, choose the output, set the folder if given, and press Save."""
    await pilot.press("w")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, SaveOutputDialog)
    await pilot.click(f"#{output_id}")
    if folder is not None:
        dialog.query_one("#folder", Input).value = folder
    await pilot.click("#save")
    await settle(pilot)
    return dialog


def offered(dialog: SaveOutputDialog) -> list[str]:
    return [button.id for button in dialog.query(RadioButton)]


def notices(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


def owner_only(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


@journey
async def test_the_action_plan_saved_as_csv_opens_as_excel_reads_it(submitted_engine, home_folder):
    documents = home_folder / "Documents"
    async with app_for(submitted_engine, "Dee District").run_test(size=(80, 24)) as pilot:
        await screen_of(pilot, "Gosport", "a")
        dialog = await save_as(pilot, "actions-csv")
        assert pilot.app.screen is not dialog
        [saved] = list(documents.iterdir())
        assert saved.name == "gosport-actions-csv-2026-03-10.csv"
        assert any(str(saved) in notice for notice in notices(pilot.app))  # the full path, in the notification
    assert owner_only(saved)
    with saved.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["Action"] for row in rows] == ["Action 1: Make every child protection plan SMART.",
                                                 "Action 2: Audit supervision quality every quarter."]
    assert saved.read_bytes().startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs


@journey
async def test_the_action_plan_saved_as_a_spreadsheet_opens_in_openpyxl(submitted_engine, home_folder):
    async with app_for(submitted_engine, "Al Area").run_test(size=(80, 24)) as pilot:
        await screen_of(pilot, "Gosport", "a")
        await save_as(pilot, "actions-xlsx")
    [saved] = list((home_folder / "Documents").iterdir())
    assert saved.suffix == ".xlsx" and owner_only(saved)
    sheet = openpyxl.load_workbook(saved).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "Action plan: Gosport" in values
    assert "Action 2: Audit supervision quality every quarter." in values


@journey
async def test_my_deadlines_saved_as_a_calendar_open_in_icalendar(engine, home_folder):
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        await screen_of(pilot, "Fareham", "r")
        await save_as(pilot, "calendar")
    [saved] = list((home_folder / "Documents").iterdir())
    assert saved.name.endswith(".ics") and owner_only(saved)
    calendar = Calendar.from_ical(saved.read_bytes())
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert any("Written report" in summary and "Fareham" in summary for summary in summaries), summaries


@journey
async def test_the_report_is_saved_as_html_into_the_chosen_folder(engine, tmp_path):
    chosen = tmp_path / "for the head of service"
    chosen.mkdir()
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        await screen_of(pilot, "Fareham", "r")
        await save_as(pilot, "report-internal", str(chosen))
    [saved] = list(chosen.iterdir())
    assert saved.name == "fareham-report-internal-2026-03-10.html" and owner_only(saved)
    html = saved.read_text(encoding="utf-8")
    assert "<html" in html and "EA-1041" in html  # the internal version carries case references


@pytest.mark.parametrize("person, district, screen, expected", [
    ("Ada Director", "Fareham", "r", ["report", "report-internal", "calendar"]),  # the draft: no action plan yet
    ("Dee District", "Gosport", "a", ["report", "actions-csv", "actions-xlsx", "calendar"]),
    ("Al Area", "Gosport", "r", ["report", "actions-csv", "actions-xlsx", "calendar"]),
])
@journey
async def test_only_what_the_rulebook_allows_is_offered(engine, person, district, screen, expected):
    async with app_for(engine, person).run_test(size=(80, 24)) as pilot:
        await screen_of(pilot, district, screen)
        await pilot.press("w")
        await settle(pilot)
        assert offered(pilot.app.screen) == expected
        found = engine.summary(inspection_id(engine, district)).inspection
        assert ("report-internal" in expected) == all(
            engine.decide(engine.person(person), act, found, engine.district(found.district_id)) is None
            for act in outputs.reporting.report_acts(found.report_issued_on is not None, internal=True)
        )


@pytest.mark.parametrize("folder, named", [
    ("{tmp}/not there", "{tmp}/not there does not exist"),
    ("{tmp}/a file", "{tmp}/a file is a file, not a folder"),
    ("Documents", "Documents is not a full path"),
])
@journey
async def test_a_bad_folder_is_named_and_nothing_is_written(submitted_engine, tmp_path, home_folder, folder, named):
    (tmp_path / "a file").write_text("already here")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    async with app_for(submitted_engine, "Dee District").run_test(size=(80, 24)) as pilot:
        await screen_of(pilot, "Gosport", "a")
        dialog = await save_as(pilot, "actions-csv", folder.format(tmp=tmp_path))
        assert pilot.app.screen is dialog  # still open, to choose another folder
        assert named.format(tmp=tmp_path) in str(dialog.query_one("#folder-problem", Static).render())
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert (tmp_path / "a file").read_text() == "already here"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder")
@journey
async def test_a_folder_that_may_not_be_written_is_named(submitted_engine, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    async with app_for(submitted_engine, "Dee District").run_test(size=(80, 24)) as pilot:
        await screen_of(pilot, "Gosport", "a")
        dialog = await save_as(pilot, "actions-csv", str(locked))
        assert f"{locked} is not a folder you may write in" in str(dialog.query_one("#folder-problem", Static).render())
    assert list(locked.iterdir()) == []


@journey
async def test_a_file_already_there_is_replaced_only_when_asked(submitted_engine, home_folder):
    existing = home_folder / "Documents" / "gosport-actions-csv-2026-03-10.csv"
    existing.write_text("kept")
    async with app_for(submitted_engine, "Dee District").run_test(size=(80, 24)) as pilot:
        plan = await screen_of(pilot, "Gosport", "a")
        await save_as(pilot, "actions-csv")
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("n")
        await settle(pilot)
        assert existing.read_text() == "kept"
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is plan
        await save_as(pilot, "actions-csv")
        await pilot.press("y")
        await settle(pilot)
        assert pilot.app.screen is plan
    assert existing.read_text(encoding="utf-8-sig").startswith("Action id,")
    assert owner_only(existing)


@journey
async def test_served_to_a_browser_the_same_bytes_are_downloaded_and_nothing_is_written(
        submitted_engine, home_folder, monkeypatch):
    delivered = []
    monkeypatch.setattr(PeerInspectApp, "is_web", property(lambda app: True))
    monkeypatch.setattr(PeerInspectApp, "deliver_binary",
                        lambda app, file, **how: delivered.append((file.read(), how)) or "delivery")
    async with app_for(submitted_engine, "Dee District").run_test(size=(80, 24)) as pilot:
        await screen_of(pilot, "Gosport", "a")
        await pilot.press("w")
        await settle(pilot)
        dialog = pilot.app.screen
        assert not dialog.query("#folder")  # no folder to choose: the browser keeps it
        assert "downloads it as gosport-actions-xlsx-2026-03-10.xlsx" in str(
            (await click_then_read(pilot, "#actions-xlsx", "#save-target")))
        await pilot.click("#save")
        await settle(pilot)
    [(payload, how)] = delivered
    assert how["save_filename"] == "gosport-actions-xlsx-2026-03-10.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(payload)).active
    assert sheet.cell(1, 1).value == "Action plan: Gosport"
    assert list((home_folder / "Documents").iterdir()) == []


async def click_then_read(pilot, button: str, shown: str) -> str:
    await pilot.click(button)
    await settle(pilot)
    return str(pilot.app.screen.query_one(shown, Static).render())


@journey
async def test_escape_closes_the_dialog_and_writes_nothing(submitted_engine, home_folder):
    async with app_for(submitted_engine, "Dee District").run_test(size=(80, 24)) as pilot:
        plan = await screen_of(pilot, "Gosport", "a")
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(pilot.app.screen.query_one(RadioSet), RadioSet)
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is plan
    assert list((home_folder / "Documents").iterdir()) == []

"""Reissuing the report with a reason, and reading any issued version."""

from __future__ import annotations

from peerinspect.engine.reporting import report_content
from peerinspect.reports.markdown import render_markdown
from peerinspect.tui.screens.choice import ChoiceDialog
from peerinspect.tui.screens.confirm import Confirm
from peerinspect.tui.screens.report import ReportScreen
from peerinspect.tui.screens.text_dialog import TextDialog

from .conftest import app_for, inspection_id, journey, open_inspection, settle


def enabled(screen) -> set[str]:
    return {b.binding.action for b in screen.active_bindings.values() if b.enabled}


@journey
async def test_the_lead_reissues_the_report_and_reads_the_first_version_again(engine):
    gosport = inspection_id(engine, "Gosport")
    async with app_for(engine, "Ada Director").run_test(size=(100, 30)) as pilot:
        await open_inspection(pilot, "Gosport")
        await pilot.press("r")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReportScreen)
        assert "Version 1, issued 20 Feb 2026" in str(screen.query_one("#report-version").render())
        assert "version" not in enabled(screen)  # one version: nothing to choose yet
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextDialog)
        await pilot.press(*"Typo", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, Confirm)
        assert engine.workspace.dossier(gosport).reports[0].version == 1  # nothing issued before the answer
        await pilot.press("y")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert "Version 2, issued 10 Mar 2026 (the current version) — corrects: Typo" in str(
            screen.query_one("#report-version").render())
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoiceDialog)
        await pilot.press("down", "enter")  # newest first: the second line is version 1
        await settle(pilot)
        assert str(screen.query_one("#report-version").render()).startswith("Version 1, issued 20 Feb 2026")
        first = report_content(engine, as_person="Ada Director", inspection=gosport, version=1)
        assert screen.query_one("#report").source == render_markdown(first)
    reports = sorted(engine.workspace.dossier(gosport).reports, key=lambda r: r.version)
    assert [(r.version, r.reason) for r in reports] == [(1, ""), (2, "Typo")]


@journey
async def test_only_the_lead_may_reissue(engine):
    async with app_for(engine, "Dee District").run_test(size=(100, 30)) as pilot:
        await open_inspection(pilot, "Gosport")
        await pilot.press("r")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReportScreen)
        assert "reissue" not in enabled(screen)
        await pilot.press("e")
        await pilot.pause()
        assert pilot.app.screen is screen

"""The report screen shows the engine's report: every heading, paragraph, list item and table cell, as written."""

from __future__ import annotations


from markdown_it import MarkdownIt

from peerinspect.engine.reporting import report_content
from peerinspect.reports.markdown import render_markdown
from peerinspect.tui.screens.report import ReportScreen
from peerinspect.tui.widgets.report_view import ReportView

from .conftest import app_for, inspection_id, journey, open_inspection, settle


def words(text: str) -> str:
    return " ".join(text.split())


def blocks(markdown: str) -> tuple[list[str], list[str]]:
    """The text of each heading, paragraph and list item in order; and of each table cell."""
    flowing, cells = [], []
    in_cell = False
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "inline":
            text = words("".join(child.content if child.type != "softbreak" else " " for child in token.children))
            if text:
                (cells if in_cell else flowing).append(text)
    return flowing, cells


async def shown_report(pilot) -> ReportView:
    await pilot.press("r")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReportScreen)
    view = pilot.app.screen.query_one(ReportView)
    while not view.finished:
        await pilot.pause()
    return view


def assert_shows(view: ReportView, markdown: str) -> None:
    screen_text = words(view.text)
    flowing, cells = blocks(markdown)
    assert len(flowing) > 20 and len(cells) > 20
    at = 0
    for text in flowing:  # in the order the report has them
        found = screen_text.find(text, at)
        assert found >= 0, f"not shown after character {at}: {text!r}"
        at = found + len(text)
    shown_words = set(screen_text.split())
    for text in cells:  # a long cell is wrapped within its column, beside its neighbours' lines
        assert set(text.split()) <= shown_words, text


@journey
async def test_the_screen_shows_every_part_of_the_engines_report_in_its_order(engine):
    gosport = inspection_id(engine, "Gosport")
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Gosport")
        view = await shown_report(pilot)
        markdown = render_markdown(report_content(engine, as_person="Ada Director", inspection=gosport, version=None))
        assert view.source == markdown
        assert_shows(view, markdown)
        assert "\\" not in view.text and "**" not in view.text  # Markdown's marks are read, not shown


@journey
async def test_a_narrower_window_lays_the_report_out_again_at_its_width(engine):
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Gosport")
        view = await shown_report(pilot)
        wide = view.text
        await pilot.resize_terminal(70, 30)
        await settle(pilot)
        while not view.finished:
            await pilot.pause()
        narrow = view.text
        assert_shows(view, view.source)
    assert max(len(line) for line in wide.splitlines()) > 70
    assert max(len(line) for line in narrow.splitlines()) <= 70 - 2 - 1  # its padding, and the scroll bar


@journey
async def test_the_end_key_shows_the_reports_last_lines(engine):
    async with app_for(engine, "Ada Director").run_test(size=(100, 30)) as pilot:
        await open_inspection(pilot, "Gosport")
        view = await shown_report(pilot)
        height = view.scrollable_content_region.height
        assert "Peer inspection of Gosport" in view.render_line(0).text
        await pilot.press("end")
        await pilot.pause()
        await pilot.pause()
        shown = "\n".join(view.render_line(y).text for y in range(height))
        assert view.scroll_offset.y == len(view.lines) - height
    assert "Recommendations" in shown and "Peer inspection of Gosport" not in shown
    assert view.lines[-2].text.strip() in shown  # the last line written (a blank one follows each section)

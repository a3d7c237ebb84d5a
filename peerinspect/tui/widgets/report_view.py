"""A long Markdown document shown without holding up the app: laid out in a thread, drawn a screenful at a time.

Textual's Markdown widget makes a widget of every paragraph, list item and table cell, all on the event loop:
a thousand-record report held the app up for seconds. Here Rich lays the document out into lines in a worker
thread, one top-level section after another so the first shows at once, and the view draws only the lines in
sight (Textual's Line API). A change of width lays it out again, the same way.
"""

from __future__ import annotations

import io
import re

from rich.console import Console
from rich.markdown import Markdown, TableElement
from rich.segment import Segment
from rich.style import Style
from rich.theme import Theme
from textual import work
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

# Where the document is cut into pieces laid out one at a time: before each heading of the second level.
_SECTION = re.compile(r"^(?=## )", re.MULTILINE)
# Each component class styles the Markdown element of that name, so the app's theme colours the report.
_STYLED = {
    "report-view--h1": "markdown.h1",
    "report-view--h2": "markdown.h2",
    "report-view--h3": "markdown.h3",
    "report-view--bullet": "markdown.item.bullet",
    "report-view--number": "markdown.item.number",
    "report-view--table-border": "markdown.table.border",
    "report-view--table-header": "markdown.table.header",
    "report-view--link": "markdown.link",
}


class _Table(TableElement):
    """A table without the blank lines of its frame, nor a header row when its header is empty."""

    def __rich_console__(self, console, options):
        for table in super().__rich_console__(console, options):
            table.show_edge = False
            table.show_header = any(str(column.header).strip() for column in table.columns)
            yield table


class _Document(Markdown):
    elements = {**Markdown.elements, "table_open": _Table}


def sections(document: str) -> list[str]:
    return [part for part in _SECTION.split(document) if part.strip()]


def laid_out(section: str, width: int, theme: Theme) -> list[Strip]:
    """One section's lines at this width, a blank line after it as between any two blocks."""
    console = Console(width=width, file=io.StringIO(), color_system="truecolor", force_terminal=True,
                      theme=theme, legacy_windows=False)
    lines = console.render_lines(_Document(section), console.options, pad=False)
    return [Strip(line) for line in lines] + [Strip([Segment("")], 0)]


class ReportView(ScrollView, can_focus=True):
    COMPONENT_CLASSES = set(_STYLED)

    class LaidOut(Message):
        """Lines for the document at one width: the first section's replace what was shown, the rest follow."""

        def __init__(self, layout: int, lines: list[Strip], *, first: bool, last: bool) -> None:
            super().__init__()
            self.layout, self.lines, self.first, self.last = layout, lines, first, last

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = ""  # the Markdown shown, exactly as the engine wrote it
        self.lines: list[Strip] = []
        self._layout = 0  # counts layouts asked for, so lines of one overtaken by another are dropped
        self._width = 0
        self._styles: dict[str, Style] = {}  # the Markdown styles the lines were laid out in
        self.finished = True

    @property
    def text(self) -> str:
        """What the view shows, as plain text."""
        return "\n".join(line.text.rstrip() for line in self.lines).rstrip() + "\n"

    def show(self, document: str) -> None:
        self.source = document
        self._lay_out()

    def on_resize(self) -> None:
        if self.source and self.scrollable_content_region.width != self._width:
            self._lay_out()

    def on_mount(self) -> None:
        # Another theme colours the lines again; its styles reach the view once the screen has been refreshed.
        self.watch(self.app, "theme", lambda: self.call_after_refresh(self._recolour), init=False)

    def _recolour(self) -> None:
        if self.source and self._markdown_styles() != self._styles:
            self._lay_out()

    def _markdown_styles(self) -> dict[str, Style]:
        return {name: self.get_component_rich_style(component, partial=True) for component, name in _STYLED.items()}

    def _lay_out(self) -> None:
        self._layout += 1
        self._width = self.scrollable_content_region.width
        self._styles = self._markdown_styles()
        self.finished = False
        self._lay_out_in_background(self._layout, self.source, max(self._width, 20), Theme(self._styles, inherit=True))

    @work(thread=True, exclusive=True, group="lay-out", exit_on_error=False)
    def _lay_out_in_background(self, layout: int, document: str, width: int, theme: Theme) -> None:
        worker = get_current_worker()
        parts = sections(document) or [""]
        for index, section in enumerate(parts):
            if worker.is_cancelled:
                return
            try:
                lines = laid_out(section, width, theme)
            except Exception:  # noqa: BLE001 - a document Rich cannot lay out is still shown, as plain text
                lines = [Strip([Segment(line)]) for line in document.splitlines()]
                self.post_message(self.LaidOut(layout, lines, first=True, last=True))
                return
            self.post_message(self.LaidOut(layout, lines, first=index == 0, last=index == len(parts) - 1))

    def on_report_view_laid_out(self, message: LaidOut) -> None:
        message.stop()
        if message.layout != self._layout:
            return
        if message.first:
            self.lines = []
        self.lines.extend(message.lines)
        self.finished = message.last
        self.virtual_size = Size(max((line.cell_length for line in self.lines), default=0), len(self.lines))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        style = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(self.size.width, style)
        return self.lines[index].crop_extend(scroll_x, scroll_x + self.size.width, style).apply_style(style)

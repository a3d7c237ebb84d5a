"""Table cells that show what people wrote exactly as written, and cost a table little to measure and draw.

A DataTable reads a str cell as markup: a note saying "[b]" turns bold, and one saying "[/]" ends the app.
A rich Text is safe, but the table wraps, measures and lays out each one as a paragraph; a cell here is one
line, already cut to its column, so it is drawn as it stands: half the table's work for a long list.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment


class Plain:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Segment(self.text)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = cell_len(self.text)
        return Measurement(width, width)


def plain(text: str) -> Plain:
    return Plain(" ".join(text.split()))  # one line: a line break in a note would otherwise cut the cell short

"""A list of one kind of evidence, filtered by theme, author and grade; Enter opens the selected one."""

from __future__ import annotations

from datetime import date

from attrs import frozen
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Select

ANY = "*"
PADDING = 2  # a cell's padding, left and right
SCROLLBAR = 2
WHAT_AT_LEAST, THEME_AT_LEAST = 30, 16


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


@frozen
class EvidenceRow:
    id: str
    recorded_on: date
    what: str
    theme_id: str | None
    theme: str
    author_id: str
    author: str
    grades: tuple[str, ...] = ()  # grade keys given
    grade_text: str = ""


class EvidenceList(Vertical):
    class Opened(Message):
        def __init__(self, evidence_id: str) -> None:
            super().__init__()
            self.evidence_id = evidence_id

    def __init__(self, *, themes: tuple[tuple[str, str], ...], grades: tuple[tuple[str, str], ...], graded: bool, id: str) -> None:
        super().__init__(id=id, classes="evidence-list")
        self.themes, self.grades, self.graded = themes, grades, graded
        self.rows: list[EvidenceRow] = []
        self.laid_out_for: int | None = None  # the width the columns were fitted to

    def compose(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield Select((("Any theme", ANY), *self.themes), value=ANY, allow_blank=False, compact=True, classes="filter-theme")
            yield Select((("Anyone", ANY),), value=ANY, allow_blank=False, compact=True, classes="filter-author")
            if self.graded:
                yield Select((("Any grade", ANY), *self.grades), value=ANY, allow_blank=False, compact=True, classes="filter-grade")
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_resize(self) -> None:
        if self.laid_out_for is not None and self.laid_out_for != self.size.width:
            self._fill()

    def _widths(self, shown: list[EvidenceRow]) -> tuple[int, int | None]:
        """How wide what was recorded and the theme may be, so date, what, who and grades fit without scrolling.

        The theme narrows first, then gives way altogether (its filter stays); what was recorded is cut last.
        """
        by = max((len(r.author) for r in shown), default=2)
        grades = max(max((len(r.grade_text) for r in shown), default=0), len("Grades")) + PADDING if self.graded else 0
        room = self.size.width - SCROLLBAR - (len("Recorded") + PADDING) - (max(by, 2) + PADDING) - grades
        what = max((len(r.what) for r in shown), default=WHAT_AT_LEAST)
        theme = max((len(r.theme) for r in shown), default=THEME_AT_LEAST)
        if room >= what + theme + 2 * PADDING:
            return what, theme
        if room >= WHAT_AT_LEAST + THEME_AT_LEAST + 2 * PADDING:
            theme = max(THEME_AT_LEAST, room - what - 2 * PADDING)
            return room - theme - 2 * PADDING, theme
        return max(room - PADDING, WHAT_AT_LEAST // 2), None

    def show(self, rows: list[EvidenceRow]) -> None:
        self.rows = rows
        authors = sorted({(r.author, r.author_id) for r in rows})
        author = self.query_one(".filter-author", Select)
        chosen = author.value
        author.set_options((("Anyone", ANY), *authors))
        author.value = chosen if any(a[1] == chosen for a in authors) else ANY
        self._fill()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._fill()

    def _fill(self) -> None:
        theme = self.query_one(".filter-theme", Select).value
        author = self.query_one(".filter-author", Select).value
        grade = self.query_one(".filter-grade", Select).value if self.graded else ANY
        table = self.query_one(DataTable)
        shown = [
            row for row in self.rows
            if (theme == ANY or row.theme_id == theme) and (author == ANY or row.author_id == author)
            and (grade == ANY or grade in row.grades)
        ]
        self.laid_out_for = self.size.width
        what, theme = self._widths(shown)
        table.clear(columns=True)
        table.add_column("Recorded")
        table.add_column("What", width=what)
        if theme is not None:
            table.add_column("Theme", width=theme)
        table.add_column("By")
        if self.graded:
            table.add_column("Grades")
        for row in shown:
            cells = [f"{row.recorded_on:%d %b}", _cut(row.what, what), *(() if theme is None else (_cut(row.theme, theme),)),
                     row.author, *((row.grade_text,) if self.graded else ())]
            table.add_row(*cells, key=row.id)
        if not table.row_count:
            empty = "Nothing recorded yet" if not self.rows else "Nothing matches these filters"
            table.add_row("", _cut(empty, what), *[""] * (len(table.columns) - 2))

    @property
    def selected(self) -> EvidenceRow | None:
        """The row under the cursor, or None when the list shows only a "nothing here" line."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self.rows if r.id == key), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(self.Opened(event.row_key.value))

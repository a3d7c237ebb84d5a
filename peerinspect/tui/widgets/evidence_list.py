"""A list of one kind of evidence, filtered by theme, author and grade; Enter opens the selected one."""

from __future__ import annotations

from datetime import date

from attrs import frozen
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Select

ANY = "*"


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

    def compose(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield Select((("Any theme", ANY), *self.themes), value=ANY, allow_blank=False, compact=True, classes="filter-theme")
            yield Select((("Anyone", ANY),), value=ANY, allow_blank=False, compact=True, classes="filter-author")
            if self.graded:
                yield Select((("Any grade", ANY), *self.grades), value=ANY, allow_blank=False, compact=True, classes="filter-grade")
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Recorded", "What", "Theme", "By", *(("Grades",) if self.graded else ()))

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
        table.clear()
        for row in self.rows:
            if theme != ANY and row.theme_id != theme or author != ANY and row.author_id != author:
                continue
            if grade != ANY and grade not in row.grades:
                continue
            cells = [f"{row.recorded_on:%d %b}", row.what, row.theme, row.author]
            table.add_row(*cells, *((row.grade_text,) if self.graded else ()), key=row.id)
        if not table.row_count:
            table.add_row("", "Nothing recorded yet" if not self.rows else "Nothing matches these filters", "", "",
                          *(("",) if self.graded else ()))

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

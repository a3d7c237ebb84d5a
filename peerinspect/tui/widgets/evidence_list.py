"""A list of one kind of evidence, filtered by theme, author and grade; Enter opens the selected one.

A long list shows its first rows at once and adds the rest in steps, one each time the screen is drawn: the
table measures every row it is given before it next paints, and a thousand at once would hold up the whole app.
"""

from __future__ import annotations

from datetime import date

from attrs import frozen
from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Select

from .cells import Plain, plain


class Filter(Select):
    """A list's filter. Closing the screen as its list is first built can remove a Select's parts before its mount
    is handled, and Textual's Select then looks for the options it no longer holds: with none left, none to set."""

    def _on_mount(self, event: events.Mount) -> None:
        if not self.children:
            event.prevent_default()


ANY = "*"
PADDING = 2  # a cell's padding, left and right
SCROLLBAR = 2
WHAT_AT_LEAST, THEME_AT_LEAST = 30, 16
# The first rows: more than a tall terminal shows, so the list reads at once.
FIRST_ROWS = 50
# Then rows in steps: the table measures a step in well under a frame, and draws what it shows again after each,
# so fewer, larger steps draw less in all.
ROWS_PER_STEP = 100


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
        self.by_id: dict[str, EvidenceRow] = {}
        self.shows = 0  # how many times rows were given, so a fill knows when they are new
        self.filled: tuple | None = None  # the rows, filters and width the table was last filled for

    def compose(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield Filter((("Any theme", ANY), *self.themes), value=ANY, allow_blank=False, compact=True, classes="filter-theme")
            yield Filter((("Anyone", ANY),), value=ANY, allow_blank=False, compact=True, classes="filter-author")
            if self.graded:
                yield Filter((("Any grade", ANY), *self.grades), value=ANY, allow_blank=False, compact=True, classes="filter-grade")
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_resize(self) -> None:
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
        """Show these rows; given before the list is mounted, they are shown once it is."""
        self.rows, self.by_id = rows, {r.id: r for r in rows}
        self.shows += 1
        if self.is_mounted:
            self._offer_authors()
            self._fill()

    def on_mount(self) -> None:
        self._offer_authors()  # the table is filled once the list has its width

    def _offer_authors(self) -> None:
        author = self.query_one(".filter-author", Filter)
        if not author.children:
            return  # removed with its screen before it was ready: there is no one to offer
        authors = sorted({(r.author, r.author_id) for r in self.rows})
        chosen = author.value
        author.set_options((("Anyone", ANY), *authors))
        author.value = chosen if any(a[1] == chosen for a in authors) else ANY

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._fill()

    def _fill(self) -> None:
        """Fill the table for the filters chosen, once it has a width to fit; no more than once for the same."""
        theme = self.query_one(".filter-theme", Select).value
        author = self.query_one(".filter-author", Select).value
        grade = self.query_one(".filter-grade", Select).value if self.graded else ANY
        wanted = (self.shows, theme, author, grade, self.size.width)
        if not self.size.width or wanted == self.filled:
            return  # not laid out yet (a tab not shown), or showing exactly this already
        self.filled = wanted
        table = self.query_one(DataTable)
        shown = [
            row for row in self.rows
            if (theme == ANY or row.theme_id == theme) and (author == ANY or row.author_id == author)
            and (grade == ANY or grade in row.grades)
        ]
        what, theme = self._widths(shown)
        table.clear(columns=True)
        table.add_column("Recorded")
        table.add_column("What", width=what)
        if theme is not None:
            table.add_column("Theme", width=theme)
        table.add_column("By")
        if self.graded:
            table.add_column("Grades")
        lines = [
            (row.id, [f"{row.recorded_on:%d %b}", _cut(row.what, what), *(() if theme is None else (_cut(row.theme, theme),)),
                      row.author, *((row.grade_text,) if self.graded else ())])
            for row in shown
        ]
        if not lines:
            empty = "Nothing recorded yet" if not self.rows else "Nothing matches these filters"
            lines = [(None, ["", _cut(empty, what), *[""] * (len(table.columns) - 2)])]
        lines = [(key, [plain(cell) for cell in cells]) for key, cells in lines]
        self._add(table, lines[:FIRST_ROWS])
        self._add_the_rest(table, lines[FIRST_ROWS:])
        self.refresh_bindings()  # the row under the cursor is another now: the screen's acts may change with it

    @staticmethod
    def _add(table: DataTable, lines: list[tuple[str | None, list[Plain]]]) -> None:
        for key, cells in lines:
            table.add_row(*cells, key=key)

    # A fill cancels the one before it, so rows of an earlier filter never land in a table cleared since.
    @work(exclusive=True, group="rows", exit_on_error=False)
    async def _add_the_rest(self, table: DataTable, lines: list[tuple[str | None, list[Plain]]]) -> None:
        for start in range(0, len(lines), ROWS_PER_STEP):
            await table.wait_for_refresh()  # the table has measured and drawn the step before; keys were answered
            self._add(table, lines[start:start + ROWS_PER_STEP])

    @property
    def selected(self) -> EvidenceRow | None:
        """The row under the cursor, or None when the list shows only a "nothing here" line."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.by_id.get(key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.post_message(self.Opened(event.row_key.value))

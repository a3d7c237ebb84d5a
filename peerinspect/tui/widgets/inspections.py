"""A person's inspections and the stage each has reached; Enter opens one."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import DataTable

from ...domain.inspection import Inspection
from .cells import plain


class InspectionTable(DataTable):
    class Opened(Message):
        def __init__(self, inspection_id: str) -> None:
            super().__init__()
            self.inspection_id = inspection_id

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns("District", "Fieldwork", "Stage", "Your part")

    def show(self, rows: list[tuple[Inspection, str, str]]) -> None:
        self.clear()
        for i, district, part in rows:
            kind = "" if i.kind.value == "full" else f" ({i.kind.label})"
            self.add_row(
                plain(f"{district}{kind}"), f"{i.fieldwork_start:%d %b}–{i.fieldwork_end:%d %b %Y}", i.stage.label, part,
                key=i.id,
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Opened(event.row_key.value))

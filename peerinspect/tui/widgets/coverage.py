"""Districts against the current inspection cycle: held, planned, and how many are still to plan."""

from __future__ import annotations

from textual.widgets import DataTable

from ...domain.cycle import DistrictCoverage
from .cells import plain


class CoverageTable(DataTable):
    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns("District", "Held", "Planned", "Themed", "Still to plan", "Suggested start")

    def show(self, coverage: list[DistrictCoverage]) -> None:
        self.clear()
        for c in coverage:
            self.add_row(
                plain(c.district.name),
                ", ".join(f"{i.fieldwork_start:%b %Y}" for i in c.held) or "—",
                ", ".join(f"{i.fieldwork_start:%d %b %Y}" for i in c.planned) or "—",
                str(len(c.themed)) if c.themed else "—",
                "covered" if c.is_covered else f"{c.short_by} short",
                ", ".join(f"{d:%d %b %Y}" for d in c.suggested_dates) or "—",
                key=c.district.id,
            )

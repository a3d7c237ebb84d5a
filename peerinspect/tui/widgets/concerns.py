"""Immediate safeguarding concerns still without a plan: on top of the dashboard and impossible to miss."""

from __future__ import annotations

from textual.widgets import Static


class ConcernBanner(Static):
    """Set `.show(lines)`; hidden when there is nothing waiting."""

    def show(self, lines: list[str]) -> None:
        self.display = bool(lines)
        heading = f"⚠  {len(lines)} IMMEDIATE SAFEGUARDING CONCERN{'S' if len(lines) > 1 else ''} WITHOUT A PLAN"
        self.update("\n".join([heading, *lines]))

"""One record's history: who changed it, when, and what they changed, oldest first, from the audit trail."""

from __future__ import annotations

import re

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ...domain.audit import AuditEntry, changes_to
from ...engine.history import record_history
from ..loading import LoadsInBackground
from ..messages import Failed, Loaded
from ..session import Session
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar

VALUE_LIMIT = 40


def _words(name: str) -> str:
    """'FileReview' and 'case_reference' as a person reads them: 'file review', 'case reference'."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).replace("_", " ").lower()


def _short(text: str, limit: int = VALUE_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_action(action: str) -> str:
    verb, _, rest = action.partition(" ")
    kind, colon, reason = rest.partition(":")
    return f"{verb} {_words(kind) if kind[:1].isupper() else kind}{colon}{reason}".strip()


class HistoryScreen(LoadsInBackground, Screen):
    """History"""

    BINDINGS = [Binding("escape", "back", "Back", id="back")]

    def __init__(self, session: Session, inspection_id: str, record_id: str, what: str) -> None:
        super().__init__()
        self.session, self.inspection_id, self.record_id, self.what = session, inspection_id, record_id, what
        self.names: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(f"History of {escape(self.what)}", classes="screen-title")
        with VerticalScroll(id="history-body"):
            yield Static("Reading the audit trail…", id="history")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "History"
        self.load()

    def read(self):
        entries = record_history(self.session.engine, as_person=self.session.person_id,
                                 inspection=self.inspection_id, record_id=self.record_id)
        return entries, {p.id: p.name for p in self.session.engine.people()}

    def show_loaded(self, message: Loaded) -> None:
        entries: list[AuditEntry]
        entries, self.names = message.view
        self.query_one("#history", Static).update("\n\n".join(self.entry_text(e) for e in entries))
        self.query_one("#history-body").focus()

    def on_failed(self, message: Failed) -> None:
        if not self.still_shown():
            return
        self.query_one("#history", Static).update(escape(message.reason))
        self.notify(message.reason, title="No history", severity="error")
        message.prevent_default()  # said here, in place of the history

    def entry_text(self, entry: AuditEntry) -> str:
        head = (f"[b]{entry.at.astimezone():%d %b %Y %H:%M}[/b]  {escape(self.names.get(entry.actor_id, entry.actor_id[:8]))} — "
                f"{escape(describe_action(entry.action))}")
        changes = changes_to(entry, self.record_id)
        if changes and all(before is None for before, _ in changes.values()):
            return f"{head}\n  recorded"  # a new record: every field is "new", which says nothing
        lines = [f"  {escape(_words(field))}: {escape(self.value(before))} → {escape(self.value(after))}"
                 for field, (before, after) in changes.items()]
        return "\n".join([head, *(lines or ["  saved with no field changed"])])

    def value(self, value) -> str:
        if value in (None, "", [], {}):
            return "—"
        return _short(self._plain(value))

    def _plain(self, value) -> str:
        if isinstance(value, str):
            if value in self.names:
                return self.names[value]  # a person's id reads as their name
            return _words(value) if re.fullmatch(r"[a-z]+(_[a-z]+)+", value) else value  # "not_started"
        if isinstance(value, dict):
            # A progress note or the like reads as its text; grades and answers as "key: value".
            if "text" in value:
                return self._plain(value["text"])
            return ", ".join(f"{k}: {self._plain(v)}" for k, v in value.items())
        if isinstance(value, list):
            return "; ".join(self._plain(v) for v in value) or "—"
        return str(value)

    def action_back(self) -> None:
        self.app.pop_screen()

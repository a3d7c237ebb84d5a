"""The written report: a preview while drafting, the issued version after; issuing starts the action-plan clock."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, Markdown

from ...domain.errors import PeerInspectError
from ...domain.inspection import Stage
from ...domain.lifecycle import blockers
from ...domain.permissions import Act
from ...engine.evidence import dossier_for
from ...engine.reporting import report_content
from ...reports.markdown import render_markdown
from ..messages import Failed, Loaded
from ..session import Session


class ReportScreen(Screen):
    """Report"""

    BINDINGS = [
        Binding("i", "issue", "Issue report", id="issue-report"),
        Binding("f5", "refresh", "Refresh", id="refresh-report"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, session: Session, inspection_id: str) -> None:
        super().__init__()
        self.session, self.inspection_id = session, inspection_id
        self.inspection = session.engine.summary(inspection_id).inspection

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator()
        with VerticalScroll(id="report-body"):
            yield Markdown("", id="report")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Report"
        self.load()

    @work(thread=True, exclusive=True, group="report")
    def load(self) -> None:
        try:
            content = report_content(self.session.engine, as_person=self.session.person_id, inspection=self.inspection_id)
        except PeerInspectError as error:
            self.post_message(Failed(str(error)))
            return
        self.post_message(Loaded(render_markdown(content)))

    async def on_loaded(self, message: Loaded) -> None:
        self.query_one(LoadingIndicator).display = False
        await self.query_one("#report", Markdown).update(message.view)
        self.query_one("#report-body").focus()

    def on_failed(self, message: Failed) -> None:
        self.query_one(LoadingIndicator).display = False
        self.notify(message.reason, title="No report", severity="error")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "issue":
            return self.inspection.stage is Stage.REPORT_DRAFTED and self.session.may(
                Act.ADVANCE, self.inspection, event="issue_report"
            )
        return True

    def action_issue(self) -> None:
        from .advance import AdvanceDialog

        engine = self.session.engine
        dossier = dossier_for(engine, as_person=self.session.person_id, inspection=self.inspection.id)
        found = blockers(dossier, engine.framework(self.inspection.framework_id), "issue_report", engine.today())
        self.app.push_screen(AdvanceDialog(self.session, self.inspection_id, "issue_report", found, engine.today()), self.issued)

    def issued(self, saved) -> None:
        if saved is not None:
            self.inspection = saved
            self.refresh_bindings()
            self.load()

    def action_refresh(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

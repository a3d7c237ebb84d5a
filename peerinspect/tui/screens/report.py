"""The written report: a preview while drafting, the issued versions after; issuing starts the action-plan clock."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static

from ...domain.permissions import Act
from ...domain.report import IssuedReport
from ...engine import outputs, workflow
from ...engine.evidence import dossier_for
from ...engine.reporting import reissue_report, report_content
from ...reports.markdown import render_markdown
from ..loading import LoadsInBackground
from ..messages import Failed, Loaded
from ..saving import SavesInBackground
from ..saving_outputs import SAVE_AS, SavesOutputs
from ..session import Session
from ..widgets.footer import Footer
from ..widgets.report_view import ReportView
from ..widgets.title_bar import TitleBar


def describe(report: IssuedReport, latest: int) -> str:
    newest = " (the current version)" if report.version == latest else ""
    why = f" — corrects: {report.reason}" if report.reason else ""
    return f"Version {report.version}, issued {report.issued_on:%d %b %Y}{newest}{why}"


class ReportScreen(LoadsInBackground, SavesInBackground, SavesOutputs, Screen):
    """Report"""

    BINDINGS = [
        Binding("i", "issue", "Issue", id="issue-report"),
        Binding("e", "reissue", "Reissue", id="reissue-report"),
        Binding("v", "version", "Version", id="choose-version"),
        SAVE_AS,
        Binding("f5", "refresh", "Refresh", show=False, id="refresh-report"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, session: Session, inspection_id: str) -> None:
        super().__init__()
        self.session, self.inspection_id = session, inspection_id
        self.inspection = session.engine.summary(inspection_id).inspection
        self.issued: list[IssuedReport] = []
        self.issue_blockers: list[str] | None = None  # None until the report has been read
        self.version: int | None = None  # the issued version shown; None shows the newest, or the draft

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="report-version", classes="intro")
        yield LoadingIndicator()
        yield ReportView(id="report")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Report"
        self.load()

    def read(self):
        engine, me = self.session.engine, self.session.person_id
        dossier = dossier_for(engine, as_person=me, inspection=self.inspection_id)
        issued = sorted(dossier.reports, key=lambda r: r.version)
        content = report_content(engine, as_person=me, inspection=self.inspection_id, version=self.version)
        found = workflow.step_blockers(engine, as_person=me, inspection=self.inspection_id, event="issue_report")
        offered = outputs.offered(engine, as_person=me, inspection=self.inspection_id)
        return issued, render_markdown(content), found, offered

    def show_loaded(self, message: Loaded) -> None:
        self.issued, markdown, self.issue_blockers, self.outputs = message.view
        self.query_one(LoadingIndicator).display = False
        shown = next((r for r in self.issued if r.version == self.version), self.issued[-1] if self.issued else None)
        others = "; press v for another version" if len(self.issued) > 1 else ""
        self.query_one("#report-version", Static).update(
            escape(describe(shown, self.issued[-1].version)) + others if shown else "Draft: not issued yet"
        )
        report = self.query_one("#report", ReportView)
        report.show(markdown)
        report.focus()
        self.refresh_bindings()

    def on_failed(self, message: Failed) -> None:
        if not self.still_shown():
            return
        self.query_one(LoadingIndicator).display = False

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "issue":
            return self.issue_blockers is not None and self.session.may(Act.ADVANCE, self.inspection, event="issue_report")
        if action == "reissue":
            return self.session.may(Act.REISSUE_REPORT, self.inspection)
        if action == "version":
            return len(self.issued) > 1
        if action == "save_output":
            return bool(self.outputs)
        return True

    def action_issue(self) -> None:
        from .advance import AdvanceDialog

        today = self.session.engine.today()
        self.app.push_screen(AdvanceDialog(self.session, self.inspection_id, "issue_report", self.issue_blockers, today),
                             self.issued_now)

    def issued_now(self, saved) -> None:
        if saved is not None:
            self.inspection = saved
            self.version = None
            self.load()

    def action_reissue(self) -> None:
        from .confirm import Confirm
        from .text_dialog import TextDialog

        number = self.issued[-1].version + 1

        def reissued(saved) -> None:
            self.notify(f"Version {saved.version} issued; every earlier version stays as it was", title="Saved")
            self.version = None
            self.load()

        def confirmed(reason: str, yes: bool | None) -> None:
            if yes:
                self.save_in_background(lambda: reissue_report(self.session.engine, as_person=self.session.person_id,
                                                               inspection=self.inspection_id, reason=reason),
                                        then=reissued)

        def ask(reason: str | None) -> None:
            if reason:
                detail = f"It will be rebuilt from the evidence and judgements as they are today.\nCorrects: {reason}"
                self.app.push_screen(Confirm(f"Issue version {number} of the report?", detail, yes="Reissue"),
                                     lambda yes: confirmed(reason, yes))

        self.app.push_screen(TextDialog(f"Reissue the report as version {number}", "What the new version corrects"), ask)

    def action_version(self) -> None:
        from .choice import ChoiceDialog

        latest = self.issued[-1].version
        options = [(describe(r, latest), str(r.version)) for r in reversed(self.issued)]
        shown = str(self.version or latest)

        def chosen(version: str | None) -> None:
            if version is not None:
                self.version = int(version)
                self.load()

        self.app.push_screen(ChoiceDialog("Which version of the report?", options, shown), chosen)

    def action_refresh(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

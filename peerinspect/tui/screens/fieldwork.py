"""Fieldwork: a tab per activity, each a filtered list; new evidence with one key, Enter opens what is listed.

What is shown stays cheap for the app however large the inspection: the rows are made in the loading thread,
and a tab's list is built only when the tab is first shown.
"""

from __future__ import annotations

from attrs import frozen
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from ...domain.dossier import Dossier
from ...domain.evidence import Evidence, evidence_kind
from ...domain.findings import EmergingFinding
from ...domain.framework import Framework
from ...domain.permissions import Act
from ...domain.targets import TargetProgress
from ...engine.evidence import EvidenceSaved, evidence_for
from ...engine.impact import fieldwork_progress
from ..forms.kinds import EVIDENCE_TAB, EVIDENCE_TABS
from ..forms.spec import grade_options, theme_options
from ..loading import LoadsInBackground
from ..messages import Loaded
from ..session import Session
from ..widgets.evidence_list import EvidenceList, EvidenceRow
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar
from .evidence_rows import finding_row, row_of

FINDINGS = EmergingFinding.KIND
TABS = (*((tab.kind, tab.title) for tab in EVIDENCE_TABS), (FINDINGS, "Emerging findings"))


TAB_KEYS = Binding.Group("Tab", compact=True)


@frozen
class FieldworkView:
    dossier: Dossier
    visible: list[Evidence]
    framework: Framework
    teams: tuple[str, ...]
    rows: dict[str, list[EvidenceRow]]  # each tab's list, newest first
    progress: tuple[TargetProgress, ...] = ()  # one per target the framework sets

    def evidence(self, evidence_id: str) -> Evidence | None:
        return next((e for e in self.visible if e.id == evidence_id), None)


def listed(dossier: Dossier, visible: list[Evidence], framework: Framework, names: dict[str, str]) -> dict[str, list[EvidenceRow]]:
    rows: dict[str, list[EvidenceRow]] = {kind: [] for kind, _ in TABS}
    for evidence in visible:
        rows[evidence_kind(evidence)].append(row_of(evidence, framework, names))
    rows[FINDINGS] = [finding_row(f, framework, names) for f in dossier.findings]
    for kind_rows in rows.values():
        # Newest first; same-day records by what they say, so the order never depends on record ids.
        kind_rows.sort(key=lambda r: r.what)
        kind_rows.sort(key=lambda r: r.recorded_on, reverse=True)
    return rows


class FieldworkScreen(LoadsInBackground, Screen):
    """Fieldwork"""

    BINDINGS = [
        Binding("n", "new", "New", id="new-evidence"),
        Binding("h", "history", "History", show=False, id="history"),
        Binding("t", "plan_themed", "Plan themed", id="plan-themed-inspection"),
        Binding("left_square_bracket", "tab(-1)", "Previous tab", id="previous-tab", group=TAB_KEYS),
        Binding("right_square_bracket", "tab(1)", "Next tab", id="next-tab", group=TAB_KEYS),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, session: Session, inspection_id: str) -> None:
        super().__init__()
        self.session, self.inspection_id = session, inspection_id
        self.view: FieldworkView | None = None
        self.shown_in: dict[str, FieldworkView] = {}  # the view each tab's list shows
        summary = session.engine.summary(inspection_id)
        self.inspection = summary.inspection
        self.framework = session.engine.framework(summary.inspection.framework_id)

    def tabs(self) -> list[tuple[str, str]]:
        may, inspection = self.session.may, self.inspection
        reads = may(Act.READ_EVIDENCE, inspection)
        return [
            (kind, title) for kind, title in TABS
            if reads or (kind != FINDINGS and may(Act.ADD_EVIDENCE, inspection, evidence_kind=kind))
        ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        if self.framework.targets:
            yield Static("", id="targets")
        with TabbedContent(id="activities"):
            for kind, title in self.tabs():
                yield TabPane(title, id=f"tab-{kind}")  # its list is built when the tab is first shown
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Fieldwork · {self.session.district(self.inspection).name}"
        self.load()

    def read(self) -> FieldworkView:
        engine = self.session.engine
        dossier, visible = evidence_for(engine, as_person=self.session.person_id, inspection=self.inspection_id)
        teams = engine.district(dossier.inspection.district_id).teams
        progress = fieldwork_progress(engine, as_person=self.session.person_id, inspection=self.inspection_id)
        names = {p.id: p.name for p in engine.people()}
        rows = listed(dossier, visible, self.framework, names)
        return FieldworkView(dossier, visible, self.framework, teams, rows, progress)

    def show_loaded(self, message: Loaded) -> None:
        self.view = view = message.view
        if self.active_kind is not None:
            self.show_list(self.active_kind)  # the other tabs catch up when shown
        if view.progress:
            self.query_one("#targets", Static).update("Progress: " + " · ".join(p.text for p in view.progress))
        self.refresh_bindings()

    def show_list(self, kind: str) -> None:
        """Build the tab's list if it is shown for the first time, and give it the rows last read, if not given yet."""
        pane = self.query_one(f"#tab-{kind}", TabPane)
        found = pane.query(EvidenceList)
        if found:
            evidence_list = found.first()
        else:
            tab = EVIDENCE_TAB.get(kind)
            evidence_list = EvidenceList(themes=theme_options(self.framework), grades=grade_options(self.framework),
                                         graded=tab is not None and tab.graded, id=f"list-{kind}")
            pane.mount(evidence_list)
        if self.view is not None and self.shown_in.get(kind) is not self.view:
            self.shown_in[kind] = self.view
            evidence_list.show(self.view.rows[kind])

    @property
    def active_kind(self) -> str | None:
        """The activity of the tab shown; None while the screen is still being built."""
        tabs = self.query(TabbedContent)
        return tabs.first().active.removeprefix("tab-") or None if tabs else None

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "new":
            kind = self.active_kind
            if kind is None:
                return False
            if kind == FINDINGS:
                return any(self.session.may(Act.RECORD_FINDING, self.inspection, theme_id=t.id) for t in self.framework.themes)
            # Once the report is out, the evidence base is closed to additions.
            return self.session.may(Act.ADD_EVIDENCE, self.inspection, evidence_kind=kind)
        if action == "history":
            return self.view is not None and self.selected is not None
        if action == "plan_themed":
            return self.proposing_finding() is not None and self.session.may(Act.PLAN_INSPECTION)
        return True

    def proposing_finding(self):
        """The emerging finding under the cursor, when it proposes a themed inspection."""
        if self.view is None or self.active_kind != FINDINGS or self.selected is None:
            return None
        found = next((f for f in self.view.dossier.findings if f.id == self.selected.id), None)
        return found if found is not None and found.proposed_theme else None

    def action_plan_themed(self) -> None:
        from .plan import PlanScreen, ProposedBy

        finding = self.proposing_finding()
        if finding is None:
            return
        self.app.push_screen(PlanScreen(self.session, ProposedBy(self.view.dossier.inspection, finding)))

    @property
    def selected(self):
        lists = self.query(f"#list-{self.active_kind}") if self.active_kind else ()
        return lists.first(EvidenceList).selected if lists else None

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.show_list(event.pane.id.removeprefix("tab-"))
        self.refresh_bindings()

    def on_data_table_row_highlighted(self) -> None:
        self.refresh_bindings()

    def action_history(self) -> None:
        from .history import HistoryScreen

        row = self.selected
        if row is not None:
            self.app.push_screen(HistoryScreen(self.session, self.inspection_id, row.id, row.what))

    def action_tab(self, step: int) -> None:
        ids = [f"tab-{kind}" for kind, _ in self.tabs()]
        tabs = self.query_one(TabbedContent)
        if tabs.active in ids:  # nothing to move from while the tabs are still being built
            tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]

    def form_for(self, kind: str):
        # Someone who records only their own conversations (a care ambassador) gets the form cut to what they hold.
        short = not self.session.may(Act.READ_EVIDENCE, self.inspection)
        return EVIDENCE_TAB[kind].form(self.framework, self.view.teams if self.view else (), short)

    def action_new(self) -> None:
        kind = self.active_kind
        if kind is None:
            return
        if kind == FINDINGS:
            from .finding_form import FindingForm

            visible = self.view.visible if self.view else []
            self.app.push_screen(FindingForm(self.session, self.inspection_id, visible), lambda saved: self.load())
            return
        from .evidence_form import EvidenceForm

        self.app.push_screen(EvidenceForm(self.session, self.inspection_id, self.form_for(kind)), self.after_save)

    def on_evidence_list_opened(self, message: EvidenceList.Opened) -> None:
        if self.view is None:
            return
        evidence = self.view.evidence(message.evidence_id)
        if evidence is None:
            return  # a finding: read in the judgements screen, beside its theme's evidence
        from .evidence_form import EvidenceForm

        kind = evidence_kind(evidence)
        editable = self.session.may(Act.EDIT_EVIDENCE, self.inspection, evidence_kind=kind,
                                    theme_id=evidence.theme_id, author_id=evidence.author_id)
        form = EvidenceForm(self.session, self.inspection_id, self.form_for(kind), evidence, read_only=not editable)
        self.app.push_screen(form, self.after_save)

    def after_save(self, saved: EvidenceSaved | None) -> None:
        self.load()
        if saved is not None and saved.concern is not None:
            from .immediate_plan import ImmediatePlanScreen

            self.notify("Safeguarding concern raised: its immediate plan is due now", title="Safeguarding", severity="warning")
            self.app.push_screen(ImmediatePlanScreen(self.session, self.inspection_id, saved.concern.id))

    def action_back(self) -> None:
        self.app.pop_screen()

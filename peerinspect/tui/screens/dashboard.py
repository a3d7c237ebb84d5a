"""Dashboard: your inspections, the deadlines that concern you, and any concern still without a plan."""

from __future__ import annotations

from attrs import frozen
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ...domain.cycle import DistrictCoverage
from ...domain.deadlines import DeadlineStatus
from ...domain.permissions import Act, parties
from ...domain.summary import InspectionSummary
from ...engine import queries
from ..loading import LoadsInBackground
from ..messages import Loaded
from ..session import Session
from ..widgets.concerns import ConcernBanner
from ..widgets.coverage import CoverageTable
from ..widgets.deadlines import DeadlineList
from ..widgets.footer import Footer
from ..widgets.inspections import InspectionTable
from ..widgets.title_bar import TitleBar



@frozen
class DashboardView:
    inspections: list[tuple[InspectionSummary, str, str]]  # summary, district name, the person's part
    deadlines: list[DeadlineStatus]
    titles: dict[str, str]
    concerns: list[str]
    coverage: list[DistrictCoverage] | None
    awaiting_approval: list[str] = []


class Dashboard(LoadsInBackground, Screen):
    """Dashboard"""

    BINDINGS = [
        Binding("p", "plan", "Plan inspection", id="plan-inspection"),
        Binding("c", "cycle", "Cycle plan", id="cycle-plan"),
        Binding("f5", "refresh", "Refresh", show=False, id="refresh"),
        Binding("ctrl+o", "switch_person", "Switch person", id="switch-person"),
        # The one screen whose footer offers Quit: everywhere else Escape leads back here.
        Binding("ctrl+q", "app.quit", "Quit", id="quit-from-dashboard", priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.view: DashboardView | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="dashboard"):
            yield ConcernBanner(id="concerns")
            yield Static("", id="awaiting-approval", classes="section-title")
            yield Static("My inspections", classes="section-title")
            yield InspectionTable(id="inspections")
            yield Static("My deadlines, overdue first", classes="section-title")
            yield DeadlineList(id="deadlines")
            if self.session.may(Act.READ_CYCLE_PLAN):
                yield Static("District cycle coverage", classes="section-title")
                yield CoverageTable(id="coverage")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ConcernBanner).display = False
        self.query_one("#awaiting-approval", Static).display = False
        self.load()

    def on_screen_resume(self) -> None:
        if self.view is not None:
            self.load()

    def read(self) -> DashboardView:
        return read_dashboard(self.session)

    def show_loaded(self, message: Loaded) -> None:
        view: DashboardView = message.view
        self.view = view
        self.query_one(ConcernBanner).show(view.concerns)
        awaiting = self.query_one("#awaiting-approval", Static)
        awaiting.display = bool(view.awaiting_approval)
        awaiting.update("Action plans waiting for your approval\n" + "\n".join(f"  {line}" for line in view.awaiting_approval))
        self.query_one(InspectionTable).show(view.inspections)
        self.query_one(DeadlineList).show(view.deadlines, view.titles, self.session.person_id)
        if view.coverage is not None:
            self.query_one(CoverageTable).show(view.coverage)
        self.query_one(InspectionTable).focus()

    def on_inspection_table_opened(self, message: InspectionTable.Opened) -> None:
        self.open(message.inspection_id)

    def open(self, inspection_id: str) -> None:
        from .inspection import InspectionScreen

        self.app.push_screen(InspectionScreen(self.session, inspection_id))

    def palette_commands(self):
        for summary, district, _ in self.view.inspections if self.view else ():
            yield f"Open {district} inspection", summary.inspection.title, lambda i=summary.id: self.open(i)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "plan":
            return self.session.may(Act.PLAN_INSPECTION)
        if action == "cycle":
            return self.session.may(Act.READ_CYCLE_PLAN)
        return True

    def action_plan(self) -> None:
        from .plan import PlanScreen

        self.app.push_screen(PlanScreen(self.session))

    def action_cycle(self) -> None:
        from .cycle import CycleScreen

        self.app.push_screen(CycleScreen(self.session))

    def action_refresh(self) -> None:
        self.load()

    def action_switch_person(self) -> None:
        from .picker import PersonPicker

        def switched(person) -> None:
            if person is not None:
                self.app.pop_screen()
                self.app.open_as(person)

        self.app.push_screen(PersonPicker(self.session.engine.people()), switched)


def read_dashboard(session: Session) -> DashboardView:
    engine, person = session.engine, session.person
    districts = {d.id: d for d in engine.districts()}
    mine = queries.inspections_for(engine, person)
    rows = [
        (s, districts[s.inspection.district_id].name,
         ", ".join(p.label for p in sorted(parties(person, s.inspection, districts[s.inspection.district_id]))))
        for s in mine
    ]
    # Only what the person acts on or oversees: a team member is not chased for the district's action plan.
    deadlines = queries.deadlines_concerning(engine, person)
    titles = {s.id: districts[s.inspection.district_id].name for s in engine.summaries()}
    concerns = []
    for summary, concern in queries.concerns_without_plan(engine, person):
        what = (
            f": {concern.description}" if session.may(Act.READ_CASE_DETAILS, summary.inspection) else ""
        )
        lead = session.name_of(summary.inspection.lead_id)
        concerns.append(f"{titles[summary.id]} — raised {concern.raised_on:%d %b}{what} (plan by {lead}; open the inspection, then press i)")
    coverage = queries.cycle_plan(engine) if session.may(Act.READ_CYCLE_PLAN) else None
    awaiting = [
        f"{titles[s.id]} — submitted {s.inspection.date_of('submit_action_plan'):%d %b %Y} (open the inspection, then the action plan)"
        for s in queries.plans_awaiting_approval(engine, person)
    ]
    return DashboardView(inspections=rows, deadlines=deadlines, titles=titles, concerns=concerns, coverage=coverage,
                         awaiting_approval=awaiting)


"""Dashboard: your inspections, the deadlines that concern you, and any concern still without a plan."""

from __future__ import annotations

from attrs import frozen
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ...domain.cycle import DistrictCoverage
from ...domain.deadlines import Deadline, DeadlineStatus
from ...domain.leavers import OpenDuty
from ...domain.permissions import Act, parties
from ...domain.inspection import Inspection
from ...engine import authority, leavers, queries
from ..loading import LoadsInBackground
from ..messages import Loaded
from ..saving import SavesInBackground
from ..session import Session
from ..widgets.concerns import ConcernBanner
from ..widgets.coverage import CoverageTable
from ..widgets.deadlines import DeadlineList
from ..widgets.footer import Footer
from ..widgets.inspections import InspectionTable
from ..widgets.title_bar import TitleBar



@frozen
class DashboardView:
    inspections: list[tuple[Inspection, str, str]]  # inspection, district name, the person's part
    deadlines: list[DeadlineStatus]
    titles: dict[str, str]
    concerns: list[str]
    coverage: list[DistrictCoverage] | None
    awaiting_approval: list[str] = []
    duties: list[OpenDuty] = []  # of people who have left, for this person to hand on


class Dashboard(LoadsInBackground, SavesInBackground, Screen):
    """Dashboard"""

    BINDINGS = [
        Binding("p", "plan", "Plan inspection", id="plan-inspection"),
        Binding("c", "cycle", "Cycle plan", id="cycle-plan"),
        Binding("a", "administer", "Admin", id="administration", tooltip="People, districts, areas and settings"),
        # Off the footer, which has no room left at 80 columns: the duties' heading names it, and Enter does it too.
        Binding("r", "hand_on", "Reassign", show=False, id="hand-on-duty",
                tooltip="Give the selected duty of someone who has left to someone else"),
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
            yield Static("Duties of people who have left: choose one and press Enter to reassign it",
                         id="duties-title", classes="section-title")
            yield DataTable(id="duties", cursor_type="row")
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
        self.query_one("#duties", DataTable).add_columns("Inspection", "Who left", "Duty")
        self.show_duties([])
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
        self.show_duties(view.duties, view.titles)
        self.query_one(InspectionTable).focus()
        self.refresh_bindings()

    def show_duties(self, duties: list[OpenDuty], titles: dict[str, str] | None = None) -> None:
        table = self.query_one("#duties", DataTable)
        table.clear()
        rows = [((titles or {}).get(d.inspection.id, d.inspection.title), f"{d.leaver.name} ({d.leaver.left_on:%d %b})",
                 d.what) for d in duties]
        # The duty takes the room the other columns leave, so the table never needs scrolling sideways.
        # (The screen's width: the table has none while it is hidden.)
        room = self.size.width - sum(max((len(r[i]) for r in rows), default=0) + 2 for i in range(2)) - 6
        for number, (inspection, left, what) in enumerate(rows):
            table.add_row(inspection, left, what if len(what) <= room else what[: max(room, 12) - 1] + "…", key=str(number))
        for widget in (table, self.query_one("#duties-title")):
            widget.display = bool(duties)

    @property
    def selected_duty(self) -> OpenDuty | None:
        table = self.query_one("#duties", DataTable)
        if self.view is None or not self.view.duties or not table.row_count:
            return None
        return self.view.duties[min(table.cursor_row, len(self.view.duties) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "duties":
            self.action_hand_on()

    def on_inspection_table_opened(self, message: InspectionTable.Opened) -> None:
        self.open(message.inspection_id)

    def open(self, inspection_id: str) -> None:
        from .inspection import InspectionScreen

        self.app.push_screen(InspectionScreen(self.session, inspection_id))

    def on_deadline_list_opened(self, message: DeadlineList.Opened) -> None:
        self.open_deadline(message.deadline)

    def open_deadline(self, deadline: Deadline) -> None:
        from .openings import screen_for_deadline

        inspection = self.session.engine.summary(deadline.inspection_id).inspection
        found = screen_for_deadline(self.session, deadline, inspection)
        if isinstance(found, str):
            self.notify(found, title="Cannot open", severity="warning", timeout=8)
        else:
            self.app.push_screen(found)

    def palette_commands(self):
        for inspection, district, _ in self.view.inspections if self.view else ():
            yield f"Open {district} inspection", inspection.title, lambda i=inspection.id: self.open(i)
        for status in self.view.deadlines if self.view else ():
            deadline = status.deadline
            yield (f"Open deadline: {deadline.title} — {self.view.titles.get(deadline.inspection_id, '')}",
                   status.describe(), lambda d=deadline: self.open_deadline(d))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "plan":
            return self.session.may(Act.PLAN_INSPECTION)
        if action == "cycle":
            return self.session.may(Act.READ_CYCLE_PLAN)
        if action == "administer":
            return self.session.administers
        if action == "hand_on":
            return self.selected_duty is not None
        return True

    def action_administer(self) -> None:
        from .administration import AdministrationScreen

        self.app.push_screen(AdministrationScreen(self.session))

    def action_hand_on(self) -> None:
        from .choice import ChoiceDialog

        duty = self.selected_duty
        if duty is None:
            return
        engine = self.session.engine
        labels = authority.person_labels(engine, leavers.who_may_take_on(engine, duty))
        if not labels:
            self.notify("Nobody still here can take this on: add someone in Admin first", severity="warning")
            return

        def chosen(person_id: str | None) -> None:
            if person_id is None:
                return

            def handed_on(_) -> None:
                self.notify(f"Reassigned to {labels[person_id]}", title="Saved")
                self.load()

            self.save_in_background(
                lambda: leavers.hand_on(engine, as_person=self.session.person_id, duty=duty, to=person_id),
                then=handed_on,
            )

        heading = f"{duty.leaver.name} left on {duty.leaver.left_on:%d %b %Y} and {duty.what}. Who takes it over?"
        self.app.push_screen(ChoiceDialog(heading, [(label, pid) for pid, label in labels.items()]), chosen)

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

        if self.app.sign_in:
            self.app.sign_out()  # where sign-in is required, the next person signs in rather than being chosen
            return

        def switched(person) -> None:
            if person is not None:
                self.app.pop_screen()
                self.app.open_as(person)

        self.app.push_screen(PersonPicker(self.session.engine, can_go_back=True), switched)


def read_dashboard(session: Session) -> DashboardView:
    person = session.person
    found = queries.overview(session.engine, person)
    titles = {inspection_id: district.name for inspection_id, district in found.district_of.items()}
    rows = [
        (i, titles[i.id], ", ".join(p.label for p in sorted(parties(person, i, found.district_of[i.id]))))
        for i in found.inspections
    ]
    concerns = []
    for inspection, concern in found.concerns:
        what = f": {concern.description}" if session.may(Act.READ_CASE_DETAILS, inspection) else ""
        lead = session.name_of(inspection.lead_id)
        concerns.append(f"{titles[inspection.id]} — raised {concern.raised_on:%d %b}{what} (plan by {lead}; open the inspection, then press i)")
    awaiting = [
        f"{titles[i.id]} — submitted {i.date_of('submit_action_plan'):%d %b %Y} (open the inspection, then the action plan)"
        for i in found.awaiting_approval
    ]
    duties = leavers.duties_to_hand_on(session.engine, person)
    return DashboardView(inspections=rows, deadlines=found.deadlines, titles=titles, concerns=concerns,
                         coverage=found.coverage, awaiting_approval=awaiting, duties=duties)


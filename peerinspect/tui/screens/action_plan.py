"""Action plan: an action per recommendation with owner and due date, progress notes, done and verified."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ...domain.dossier import Dossier
from ...domain.permissions import Act
from ...domain.vocabulary import ActionStatus
from ...engine import actionplan, outputs, queries, workflow
from ...engine.evidence import dossier_for
from ..loading import LoadsInBackground
from ..messages import Loaded
from ..saving import SavesInBackground
from ..saving_outputs import SAVE_AS_OFF_FOOTER, SavesOutputs
from ..session import Session
from ..widgets.cells import plain
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar

STEPS = {"submit": "submit_action_plan", "approve": "approve_action_plan", "return_plan": "return_action_plan",
         "monitor": "start_monitoring", "close": "close"}
# Keys on the selected action, and the act each asks the rulebook for.
ON_AN_ACTION = {"edit": Act.WRITE_ACTION_PLAN, "progress": Act.RECORD_PROGRESS, "done": Act.MARK_ACTION_DONE,
                "verify": Act.VERIFY_ACTION, "send_back": Act.SEND_ACTION_BACK}


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


CELL_PADDING, SCROLLBAR = 2, 2
NUMBER_WIDTH, DUE_WIDTH = len("Rec."), len("30 Apr 2026")
ACTION_AT_LEAST = 12
OVERDUE = "Overdue"


def status_text(action, today) -> str:
    """The action's status, led by the word "Overdue" when the domain says it is: never told by colour alone."""
    return f"{OVERDUE}: {action.status.label}" if action.is_overdue(today) else action.status.label


def action_width(table_width: int, owners: list[str], statuses: list[str]) -> int:
    """The room left for what an action says once number, owner, due date and status have theirs, so status never clips."""
    owner = max((len(name) for name in owners), default=len("Owner"))
    status = max((len(text) for text in statuses), default=0)
    status = max(status, *(len(s.label) for s in ActionStatus))
    taken = sum(width + CELL_PADDING for width in (NUMBER_WIDTH, owner, DUE_WIDTH, status)) + CELL_PADDING
    return max(ACTION_AT_LEAST, table_width - SCROLLBAR - taken)


class ActionPlanScreen(LoadsInBackground, SavesInBackground, SavesOutputs, Screen):
    """Action plan"""

    BINDINGS = [
        # Short labels: an area manager may be offered eight of these at once, and all fit at 80 columns.
        Binding("n", "add", "Add", id="add-action", tooltip="Add an action"),
        Binding("e", "edit", "Edit", id="edit-action", tooltip="Change the action"),
        Binding("g", "progress", "Note", id="progress-note", tooltip="Add a progress note"),
        Binding("d", "done", "Done", id="mark-done", tooltip="Mark the action done"),
        Binding("s", "step('submit')", "Submit", id="submit-plan", tooltip="Submit the plan"),
        Binding("a", "step('approve')", "Approve", id="approve-plan", tooltip="Approve the plan"),
        Binding("t", "step('return_plan')", "Return", id="return-plan", tooltip="Return the plan to the district"),
        Binding("v", "verify", "Verify", id="verify-action", tooltip="Verify the action is done"),
        Binding("b", "send_back", "Send back", id="send-back", tooltip="Send the action back: not done yet"),
        Binding("m", "step('monitor')", "Monitor", id="start-monitoring", tooltip="Start monitoring the plan"),
        Binding("x", "step('close')", "Close", id="close-inspection", tooltip="Close the inspection"),
        Binding("h", "history", "History", show=False, id="history"),
        SAVE_AS_OFF_FOOTER,
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, session: Session, inspection_id: str) -> None:
        super().__init__()
        self.session, self.inspection_id = session, inspection_id
        self.dossier: Dossier | None = None
        self.today = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="plan-status")
        yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="action-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Action plan"
        table = self.query_one(DataTable)
        table.add_column("Rec.")
        table.add_column("Action", key="action", width=ACTION_AT_LEAST)
        table.add_columns("Owner", "Due", "Status")
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.fill_table())  # the overdue colour follows
        self.load()

    def read(self):
        engine = self.session.engine
        dossier = dossier_for(engine, as_person=self.session.person_id, inspection=self.inspection_id)
        offered = outputs.offered(engine, as_person=self.session.person_id, inspection=self.inspection_id)
        return dossier, queries.returned_plan(engine, inspection=self.inspection_id), engine.today(), offered

    def show_loaded(self, message: Loaded) -> None:
        dossier, returned, self.today, self.outputs = message.view
        self.dossier = dossier
        self.fill_table()
        inspection = dossier.inspection
        status = f"[b]{escape(inspection.title)}[/b] — stage: {inspection.stage.label}"
        if returned is not None:
            status += (
                f"\n[b]Returned on {returned.deadline.returned_on:%d %b %Y}:[/b] {escape(returned.deadline.return_reason)}"
                f"\n{returned.describe()}"
            )
        self.query_one("#plan-status", Static).update(status)
        self.show_detail()
        self.refresh_bindings()

    def on_resize(self) -> None:
        # The table has its new width only once laid out again.
        self.call_after_refresh(self.fill_table)

    def fill_table(self) -> None:
        """The rows, with the action's column as wide as the screen leaves it: cut text ends in "…"."""
        if self.dossier is None:
            return
        dossier, table = self.dossier, self.query_one(DataTable)
        statuses = {action.id: status_text(action, self.today) for action in dossier.actions}
        width = action_width(table.size.width, [self.session.name_of(a.owner_id) for a in dossier.actions],
                             list(statuses.values()))
        # The theme's text-error, not its error: the latter is a background colour, too dark to read as text.
        overdue_style = f"bold {self.app.get_css_variables()['text-error']}"
        row = table.cursor_row
        table.clear()
        table.columns["action"].width = width
        for number, recommendation in enumerate(dossier.recommendations, start=1):
            actions = dossier.actions_for(recommendation.id)
            label = f"{number}."
            if not actions:
                table.add_row(label, "— no action yet: press n", "", "", "", key=f"rec:{recommendation.id}")
            for action in actions:
                status = statuses[action.id]
                table.add_row(label, plain(_short(action.what, width)), plain(self.session.name_of(action.owner_id)),
                              f"{action.due:%d %b %Y}" if action.due else "—",
                              Text(status, style=overdue_style) if action.is_overdue(self.today) else status,
                              key=action.id)
                label = ""
        table.move_cursor(row=min(row, table.row_count - 1))

    # the row under the cursor ----------------------------------------------
    def _selected(self) -> tuple[str | None, object]:
        """The selected recommendation's id and the selected action (or None)."""
        table = self.query_one(DataTable)
        if self.dossier is None or not table.row_count:
            return None, None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key.startswith("rec:"):
            return key[4:], None
        action = next((a for a in self.dossier.actions if a.id == key), None)
        return (action.recommendation_id, action) if action is not None else (None, None)

    def on_data_table_row_highlighted(self) -> None:
        self.show_detail()
        self.refresh_bindings()

    def show_detail(self) -> None:
        recommendation_id, action = self._selected()
        detail = self.query_one("#action-detail", Static)
        if action is None:
            text = next((r.text for r in self.dossier.recommendations if r.id == recommendation_id), "") if self.dossier else ""
            detail.update(f"Recommendation: {text}" if text else "")
            return
        recommendation = next((r.text for r in self.dossier.recommendations if r.id == recommendation_id), "")
        notes = "\n".join(f"  {n.on:%d %b}  {n.text}  ({self.session.name_of(n.author_id)})" for n in action.notes)
        detail.update(f"Recommendation: {recommendation}\nAction: {action.what}\nProgress:\n{notes or '  none yet'}")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "back":
            return True
        if self.dossier is None:
            return False
        inspection, may = self.dossier.inspection, self.session.may
        recommendation_id, selected = self._selected()
        if action == "step":
            return may(Act.ADVANCE, inspection, event=STEPS[parameters[0]])
        if action == "add":  # an action answers the recommendation it is added under
            return recommendation_id is not None and may(Act.WRITE_ACTION_PLAN, inspection)
        if action in ON_AN_ACTION:
            return selected is not None and may(ON_AN_ACTION[action], inspection, action=selected)
        if action == "history":
            return selected is not None
        if action == "save_output":
            return bool(self.outputs)
        return True

    # doing -------------------------------------------------------------------------
    def _run(self, succeeded: str, call, **kwargs) -> None:
        """Save in the background; `succeeded` is said when it went through."""
        engine, me = self.session.engine, self.session.person_id

        def saved(_) -> None:
            self.notify(succeeded, title="Saved")
            self.load()

        self.save_in_background(lambda: call(engine, as_person=me, inspection=self.inspection_id, **kwargs), then=saved)

    def action_add(self) -> None:
        from .action_dialog import ActionDialog

        recommendation_id, _ = self._selected()
        if recommendation_id is None:
            return
        text = next((r.text for r in self.dossier.recommendations if r.id == recommendation_id), "")
        self.app.push_screen(ActionDialog(self.session, self.inspection_id, text, recommendation_id),
                             lambda saved: self.load())

    def action_edit(self) -> None:
        from .action_dialog import ActionDialog

        recommendation_id, action = self._selected()
        if action is None:
            return
        text = next((r.text for r in self.dossier.recommendations if r.id == recommendation_id), "")
        self.app.push_screen(ActionDialog(self.session, self.inspection_id, text, recommendation_id, action),
                             lambda saved: self.load())

    def action_progress(self) -> None:
        from .text_dialog import TextDialog

        _, action = self._selected()
        if action is None:
            return

        def record(text: str | None) -> None:
            if text:
                self._run("Progress note saved", actionplan.record_progress, action_id=action.id, text=text,
                          revision=action.revision)

        self.app.push_screen(TextDialog("Progress note", f"Progress on: {_short(action.what, 60)}"), record)

    def action_done(self) -> None:
        _, action = self._selected()
        if action is None:
            return
        self._run("Action marked done", actionplan.record_progress, action_id=action.id, text="", done=True,
                  revision=action.revision)

    def action_verify(self) -> None:
        from .confirm import Confirm

        _, action = self._selected()
        if action is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self._run("Action verified", actionplan.verify_action, action_id=action.id)

        self.app.push_screen(Confirm("Verify this action is done?", action.what, yes="Verify"), answer)

    def action_send_back(self) -> None:
        from .text_dialog import TextDialog

        _, action = self._selected()
        if action is None:
            return

        def send(reason: str | None) -> None:
            if reason:
                self._run("Action sent back to the district", actionplan.verify_action, action_id=action.id,
                          send_back_reason=reason)

        self.app.push_screen(TextDialog("Send the action back", "Why it is not done yet"), send)

    def action_step(self, name: str) -> None:
        from .advance import AdvanceDialog

        engine, event = self.session.engine, STEPS[name]
        found = workflow.step_blockers(engine, as_person=self.session.person_id, inspection=self.inspection_id, event=event)
        self.app.push_screen(AdvanceDialog(self.session, self.inspection_id, event, found, engine.today()),
                             lambda saved: self.load() if saved else None)

    def action_history(self) -> None:
        from .history import HistoryScreen

        _, action = self._selected()
        if action is None:
            return
        self.app.push_screen(HistoryScreen(self.session, self.inspection_id, action.id, f"the action: {action.what}"))

    def action_back(self) -> None:
        self.app.pop_screen()

"""Action plan: an action per recommendation with owner and due date, progress notes, done and verified."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ...domain.dossier import Dossier
from ...domain.followup import next_steps, plan_closed_reason
from ...domain.lifecycle import blockers
from ...domain.permissions import Act
from ...engine import actionplan
from ...engine.evidence import dossier_for
from ..loading import LoadsInBackground
from ..messages import Loaded
from ..saving import SavesInBackground
from ..session import Session
from ..widgets.title_bar import TitleBar

STEPS = {"submit": "submit_action_plan", "approve": "approve_action_plan", "return_plan": "return_action_plan",
         "monitor": "start_monitoring", "close": "close"}


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ActionPlanScreen(LoadsInBackground, SavesInBackground, Screen):
    """Action plan"""

    BINDINGS = [
        Binding("n", "add", "Add action", id="add-action"),
        Binding("e", "edit", "Change action", id="edit-action"),
        Binding("g", "progress", "Progress note", id="progress-note"),
        Binding("d", "done", "Mark done", id="mark-done"),
        Binding("s", "step('submit')", "Submit plan", id="submit-plan"),
        Binding("a", "step('approve')", "Approve plan", id="approve-plan"),
        Binding("t", "step('return_plan')", "Return plan", id="return-plan"),
        Binding("v", "verify", "Verify", id="verify-action"),
        Binding("b", "send_back", "Send back", id="send-back"),
        Binding("m", "step('monitor')", "Start monitoring", id="start-monitoring"),
        Binding("x", "step('close')", "Close inspection", id="close-inspection"),
        Binding("h", "history", "History", id="history"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, session: Session, inspection_id: str) -> None:
        super().__init__()
        self.session, self.inspection_id = session, inspection_id
        self.dossier: Dossier | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="plan-status")
        yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="action-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Action plan"
        self.query_one(DataTable).add_columns("Rec.", "Action", "Owner", "Due", "Status")
        self.load()

    def read(self) -> Dossier:
        return dossier_for(self.session.engine, as_person=self.session.person_id, inspection=self.inspection_id)

    def on_loaded(self, message: Loaded) -> None:
        self.dossier = dossier = message.view
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for number, recommendation in enumerate(dossier.recommendations, start=1):
            actions = dossier.actions_for(recommendation.id)
            label = f"{number}."
            if not actions:
                table.add_row(label, "— no action yet: press n", "", "", "", key=f"rec:{recommendation.id}")
            for action in actions:
                table.add_row(label, _short(action.what, 32), self.session.name_of(action.owner_id),
                              f"{action.due:%d %b %Y}" if action.due else "—", action.status.label, key=action.id)
                label = ""
        table.move_cursor(row=min(row, table.row_count - 1))
        inspection = dossier.inspection
        self.query_one("#plan-status", Static).update(
            f"[b]{inspection.title}[/b] — stage: {inspection.stage.label}", 
        )
        self.show_detail()
        self.refresh_bindings()

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
        plan_open = plan_closed_reason(inspection) is None
        steps = next_steps(selected) if selected is not None else frozenset()
        if action == "step":
            event = STEPS[parameters[0]]
            return any(e == event for e in self._next()) and may(Act.ADVANCE, inspection, event=event)
        allowed = {
            "add": plan_open and recommendation_id is not None and may(Act.WRITE_ACTION_PLAN, inspection),
            "edit": plan_open and "plan" in steps and may(Act.WRITE_ACTION_PLAN, inspection),
            "progress": "progress" in steps and may(Act.RECORD_PROGRESS, inspection),
            "done": "done" in steps and may(Act.RECORD_PROGRESS, inspection),
            "verify": "verify" in steps and may(Act.VERIFY_ACTION, inspection),
            "send_back": "send_back" in steps and may(Act.VERIFY_ACTION, inspection),
            "history": selected is not None,
        }
        return allowed.get(action, True)

    def _next(self) -> list[str]:
        from ...domain.lifecycle import next_events

        engine = self.session.engine
        return next_events(self.dossier, engine.framework(self.dossier.inspection.framework_id))

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
        found = blockers(self.dossier, engine.framework(self.dossier.inspection.framework_id), event, engine.today())
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

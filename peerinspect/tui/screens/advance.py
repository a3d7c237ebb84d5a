"""Taking one lifecycle step: what it needs, on which date, with a note; it cannot be undone."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...domain.inspection import Inspection
from ...domain.lifecycle import event_named
from ...engine.workflow import advance
from ..forms.spec import FieldSpec
from ..session import Session
from ..widgets.field import Field
from .form_screen import FormScreen

NOTE_LABEL = {
    "give_feedback": "Feedback session: who came, the key messages",
    "return_action_plan": "Why the action plan goes back to the district",
    "issue_report": "Note: why, if a finding rests on too few kinds of source",
}


class AdvanceDialog(FormScreen, ModalScreen[Inspection | None]):
    BINDINGS = [
        Binding("ctrl+s", "confirm", "Confirm", id="confirm", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel-step"),
    ]

    def __init__(self, session: Session, inspection_id: str, event: str, blockers: list[str], today: date) -> None:
        super().__init__(classes="dialog")
        self.session, self.inspection_id, self.event = session, inspection_id, event
        self.blockers, self.today = blockers, today

    def compose(self) -> ComposeResult:
        step = event_named(self.event)
        with Vertical(classes="dialog-box"):
            yield Static(f"{step.label}?", classes="dialog-title")
            if self.blockers:
                yield Static("Not possible yet:\n" + "\n".join(f"• {b}" for b in self.blockers), classes="dialog-blockers")
            yield Field(FieldSpec(name="on", label="On (YYYY-MM-DD)"))
            yield Field(FieldSpec(name="note", label=NOTE_LABEL.get(self.event, "Note (optional)")))
            yield Static("", id="form-errors", classes="field-error")
            yield Static("This cannot be undone.", classes="dialog-warning")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{step.label} (ctrl+s)", variant="primary", id="confirm")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        fields = self.fields
        fields["on"].value = self.today.isoformat()
        fields["note"].control.focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "confirm":
            self.action_confirm()
        else:
            self.action_cancel()

    def action_confirm(self) -> None:
        fields = self.fields
        on, note = fields["on"].value or None, fields["note"].value
        self.save_form(
            lambda: advance(self.session.engine, as_person=self.session.person_id, inspection=self.inspection_id,
                            event=self.event, on=on, note=note),
            done=f"{event_named(self.event).label}: done",
        )

    def action_cancel(self) -> None:
        self.leave()

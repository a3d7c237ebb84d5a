"""One action of the district's plan: what will be done, who owns it, and by when."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...domain.actions import Action
from ...engine import authority
from ...engine.actionplan import add_action, plan_action
from ..forms.spec import FieldSpec
from ..session import Session
from ..widgets.field import Field
from .form_screen import FormScreen


class ActionDialog(FormScreen, ModalScreen[Action | None]):
    fallback_field = "what"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save action", id="save-action", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel-action"),
    ]

    def __init__(self, session: Session, inspection_id: str, recommendation: str, recommendation_id: str,
                 existing: Action | None = None) -> None:
        super().__init__(classes="dialog")
        self.session, self.inspection_id = session, inspection_id
        self.recommendation, self.recommendation_id, self.existing = recommendation, recommendation_id, existing

    def compose(self) -> ComposeResult:
        engine = self.session.engine
        # Those who have left are not offered, except as the owner the action already has.
        now = {p.id for p in authority.people_now(engine)}
        owner = self.existing.owner_id if self.existing else None
        labels = authority.person_labels(engine, [p for p in engine.people() if p.id in now or p.id == owner])
        people = tuple((label, person_id) for person_id, label in labels.items())
        with Vertical(classes="dialog-box"):
            yield Static(f"{'Change the action' if self.existing else 'New action'} for: {self.recommendation}",
                         classes="dialog-title", markup=False)
            yield Field(FieldSpec(name="what", label="What will be done", rule=(Action, "what")))
            yield Field(FieldSpec(name="owner", label="Owner", control="select", options=people))
            yield Field(FieldSpec(name="due", label="Due (YYYY-MM-DD)", placeholder="2026-04-30"))
            yield Static("", id="form-errors")
            yield Static("Ctrl+S to save, Escape to cancel", classes="intro")

    def on_mount(self) -> None:
        fields = self.fields
        if self.existing is not None:
            fields["what"].value = self.existing.what
            fields["owner"].value = self.existing.owner_id
            fields["due"].value = self.existing.due.isoformat() if self.existing.due else ""
        else:
            fields["owner"].value = self.session.person_id
        fields["what"].control.focus()

    def action_save(self) -> None:
        values = {name: field.value or None for name, field in self.fields.items()}
        engine, me = self.session.engine, self.session.person_id

        def save() -> Action:
            if self.existing is None:
                return add_action(engine, as_person=me, inspection=self.inspection_id,
                                  recommendation_id=self.recommendation_id, what=values["what"] or "",
                                  owner=values["owner"], due=values["due"])
            return plan_action(engine, as_person=me, inspection=self.inspection_id, action_id=self.existing.id,
                               revision=self.existing.revision, what=values["what"], owner=values["owner"],
                               due=values["due"])

        self.save_form(save, done="Action saved")

    def action_cancel(self) -> None:
        self.leave()

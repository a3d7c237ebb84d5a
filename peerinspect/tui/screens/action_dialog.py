"""One action of the district's plan: what will be done, who owns it, and by when."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...domain.actions import Action
from ...domain.errors import InvalidInput, PeerInspectError
from ...engine.actionplan import add_action, plan_action
from ..forms.spec import FieldSpec
from ..session import Session
from ..widgets.field import Field


class ActionDialog(ModalScreen[Action | None]):
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
        people = tuple((p.name, p.id) for p in self.session.engine.people())
        with Vertical(classes="dialog-box"):
            yield Static(f"{'Change the action' if self.existing else 'New action'} for: {self.recommendation}",
                         classes="dialog-title", markup=False)
            yield Field(FieldSpec(name="what", label="What will be done", rule=(Action, "what")))
            yield Field(FieldSpec(name="owner", label="Owner", control="select", options=people))
            yield Field(FieldSpec(name="due", label="Due (YYYY-MM-DD)", placeholder="2026-04-30"))
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

    @property
    def fields(self) -> dict[str, Field]:
        return {f.spec.name: f for f in self.query(Field)}

    def action_save(self) -> None:
        fields = self.fields
        for field in fields.values():
            field.show_error("")
        values = {name: field.value or None for name, field in fields.items()}
        engine, me = self.session.engine, self.session.person_id
        try:
            if self.existing is None:
                saved = add_action(engine, as_person=me, inspection=self.inspection_id,
                                   recommendation_id=self.recommendation_id, what=values["what"] or "",
                                   owner=values["owner"], due=values["due"])
            else:
                saved = plan_action(engine, as_person=me, inspection=self.inspection_id, action_id=self.existing.id,
                                    revision=self.existing.revision, what=values["what"], owner=values["owner"],
                                    due=values["due"])
        except InvalidInput as error:
            for problem in error.problems:
                fields.get(problem.field, fields["what"]).show_error(problem.message)
            return
        except PeerInspectError as error:
            self.notify(str(error), title="Not saved", severity="error")
            return
        self.notify("Action saved", title="Saved")
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)

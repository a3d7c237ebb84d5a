"""An emerging finding for a theme: a strength or an area for development, from the evidence behind it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ...domain.evidence import Evidence
from ...domain.permissions import Act
from ...domain.vocabulary import FindingKind
from ...engine.conclusions import record_finding
from ..forms.spec import FieldSpec, label_options
from ..session import Session
from ..widgets.field import Field
from ..widgets.footer import Footer
from .evidence_rows import row_of
from .form_screen import FormScreen


class FindingForm(FormScreen, Screen):
    """New emerging finding"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        Binding("escape", "cancel", "Back", id="cancel"),
    ]

    def __init__(self, session: Session, inspection_id: str, evidence: list[Evidence]) -> None:
        super().__init__(classes="form")
        self.session, self.inspection_id, self.evidence = session, inspection_id, evidence
        summary = session.engine.summary(inspection_id)
        self.inspection = summary.inspection
        self.framework = session.engine.framework(summary.inspection.framework_id)

    def compose(self) -> ComposeResult:
        themes = tuple(
            (t.title, t.id) for t in self.framework.themes
            if self.session.may(Act.RECORD_FINDING, self.inspection, theme_id=t.id)
        )
        names = self.session.engine.people_by_id()
        linked = tuple((row_of(e, self.framework, {k: p.name for k, p in names.items()}).what, e.id) for e in self.evidence)
        yield Static("New emerging finding", classes="screen-title")
        with VerticalScroll(id="form-body"):
            yield Field(FieldSpec(name="theme_id", label="Theme", control="select", options=themes))
            yield Field(FieldSpec(name="kind", label="Strength or area for development", control="select",
                                  options=label_options(FindingKind)))
            yield Field(FieldSpec(name="text", label="Finding", control="text"))
            yield Field(FieldSpec(name="evidence_ids", label="The evidence behind it", control="multi", options=linked))
            yield Field(FieldSpec(name="proposed_theme", label="Propose a themed inspection into (optional)",
                                  placeholder="for example: neglect"))
            yield Static("", id="form-errors")
        yield Footer()

    def action_save(self) -> None:
        values = {name: field.value for name, field in self.fields.items()}
        self.save_form(lambda: record_finding(
            self.session.engine, as_person=self.session.person_id, inspection=self.inspection_id,
            theme_id=values["theme_id"] or "", kind=values["kind"] or "", text=values["text"],
            evidence_ids=tuple(values["evidence_ids"]), proposed_theme=values["proposed_theme"],
        ), done="Emerging finding saved", then=lambda saved: self.close(True))

    def action_cancel(self) -> None:
        self.leave()

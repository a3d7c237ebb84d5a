"""Immediate action plan for a safeguarding concern: it is never held back until the report."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ...domain.permissions import Act
from ...engine import authority, queries, workflow
from ...engine.evidence import dossier_for
from ...engine.workflow import make_immediate_plan
from ..forms.spec import FieldSpec
from ..session import Session
from ..widgets.field import Field
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar
from .form_screen import FormScreen


class ImmediatePlanScreen(FormScreen, Screen):
    """Immediate action plan"""

    fallback_field = "first_action"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save plan", id="save-plan", priority=True),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, session: Session, inspection_id: str, concern_id: str) -> None:
        super().__init__()
        self.session, self.inspection_id, self.concern_id = session, inspection_id, concern_id
        dossier = dossier_for(session.engine, as_person=session.person_id, inspection=inspection_id)
        self.inspection = dossier.inspection
        self.concern = next(c for c in dossier.concerns if c.id == concern_id)
        self.evidence = dossier.find_evidence(self.concern.evidence_id) if self.concern.evidence_id else None

    def compose(self) -> ComposeResult:
        s, concern = self.session, self.concern
        yield TitleBar()
        with VerticalScroll():
            yield Static("⚠ Immediate safeguarding concern", classes="screen-title concern-banner")
            source = f" in the file review of case {self.evidence.case_reference}" if self.evidence is not None and hasattr(self.evidence, "case_reference") else ""
            yield Static(
                f"Raised by {escape(s.name_of(concern.raised_by))} on {concern.raised_on:%d %b %Y}{source}:\n"
                f"[b]{escape(concern.description)}[/b]\n\n{self._due()}",
                id="concern",
            )
            if concern.plan is not None:
                plan = concern.plan
                amendments = "".join(
                    f"\n\nAmended on {a.on:%d %b %Y} by {escape(s.name_of(a.by))}: {escape(a.reason)}\n"
                    f"Owner: {escape(s.name_of(a.owner_id))}\nFirst action: {escape(a.first_action)}"
                    for a in plan.amendments
                )
                yield Static(
                    f"Immediate plan made on {plan.made_on:%d %b %Y} by {escape(s.name_of(plan.made_by))}.\n"
                    f"Owner: {escape(s.name_of(plan.owner_id))}\nFirst action: {escape(plan.first_action)}{amendments}",
                    id="plan", classes="done",
                )
            elif self.session.may(Act.MAKE_IMMEDIATE_PLAN, self.inspection):
                owners = workflow.immediate_plan_owners(s.engine, inspection=self.inspection_id)
                people = tuple((label, pid) for pid, label in authority.person_labels(s.engine, owners).items())
                yield Field(FieldSpec(name="owner", label="Who owns the plan", control="select", options=people))
                yield Field(FieldSpec(name="first_action", label="First action, today", control="text"))
                yield Static("", id="form-errors")
            else:
                yield Static(
                    f"The inspection's lead, {escape(s.name_of(self.inspection.lead_id))}, makes the immediate plan. "
                    "The concern is on their dashboard now.", id="plan",
                )
        yield Footer()

    def _due(self) -> str:
        key = f"immediate_plan:{self.concern.id}"
        found = next((d for d in queries.deadline_statuses(self.session.engine, include_met=True) if d.deadline.key == key), None)
        return f"Immediate plan due {found.deadline.due:%a %d %b %Y} ({found.describe()})." if found else ""

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "save":
            return self.session.may(Act.MAKE_IMMEDIATE_PLAN, self.inspection, concern=self.concern)
        return True

    def action_save(self) -> None:
        fields = self.fields
        owner = fields["owner"].value
        if owner is None:
            self.show_problems(())
            fields["owner"].show_error("choose who owns the plan")
            return
        self.save_form(lambda: make_immediate_plan(
            self.session.engine, as_person=self.session.person_id, inspection=self.inspection_id,
            concern_id=self.concern_id, owner=owner, first_action=fields["first_action"].value,
        ), done="Immediate plan saved", then=lambda saved: self.close(True))

    def action_back(self) -> None:
        self.leave()

"""One inspection: where it stands, who is on it, and the next steps; the way into its fieldwork and follow-up."""

from __future__ import annotations

from attrs import frozen
from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...domain.dossier import Dossier
from ...domain.framework import Framework
from ...domain.lifecycle import event_named
from ...domain.permissions import Act
from ...domain.errors import PeerInspectError
from ...engine import replanning, workflow
from ...engine.evidence import dossier_for
from ...field.conflicts import conflicts_for
from ..loading import LoadsInBackground
from ..messages import Loaded
from ..session import Session
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar
from .openings import why_not_action_plan, why_not_report


@frozen
class InspectionView:
    dossier: Dossier
    framework: Framework
    steps: list[tuple[str, list[str]]]  # the steps this person may take now, each with what still blocks it
    conflicts: int = 0  # records changed both at home and in a field copy, for this person to settle


class InspectionScreen(LoadsInBackground, Screen):
    """Inspection"""

    BINDINGS = [
        Binding("f", "fieldwork", "Fieldwork", id="fieldwork"),
        Binding("j", "judgements", "Judgements", id="judgements"),
        Binding("r", "report", "Report", id="report"),
        Binding("a", "action_plan", "Action plan", id="action-plan"),
        Binding("i", "immediate_plan", "Concern", id="immediate-plan", tooltip="The safeguarding concern and its immediate plan"),
        Binding("n", "next_step", "Step", id="next-step"),
        Binding("c", "change_plan", "Replan", id="change-plan", tooltip="Change the plan: dates, lead, team"),
        # Rare and final (it asks first): listed under More (ctrl+p), not in the footer.
        Binding("x", "cancel_inspection", "Cancel the inspection", id="cancel-inspection", show=False),
        Binding("o", "field_checkout", "Take a field copy", id="field-checkout", show=False),
        Binding("b", "field_return", "Bring a field copy home", id="field-return", show=False),
        Binding("k", "field_conflicts", "Field conflicts", id="field-conflicts", show=False),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, session: Session, inspection_id: str) -> None:
        super().__init__()
        self.session, self.inspection_id = session, inspection_id
        self.view: InspectionView | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll():
            yield Static("Opening the inspection…", id="overview")
            yield Static("Next steps", classes="section-title")
            yield OptionList(id="steps")
            yield Static("", id="concern-list")
            conflicts = Static("", id="conflict-list")
            conflicts.display = False  # shown only when there are conflicts, so nothing moves when there are none
            yield conflicts
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    def read(self) -> InspectionView:
        engine, session = self.session.engine, self.session
        summary = engine.summary(self.inspection_id)
        dossier = dossier_for(engine, as_person=session.person_id, inspection=summary.id)
        framework = engine.framework(summary.inspection.framework_id)
        steps = workflow.open_steps(engine, as_person=session.person_id, inspection=summary.id)
        conflicts = conflicts_for(engine, as_person=session.person_id, inspection=summary.id)
        return InspectionView(dossier, framework, steps, len(conflicts))

    def show_loaded(self, message: Loaded) -> None:
        self.view = message.view
        inspection, s = self.view.dossier.inspection, self.session
        self.title = inspection.title
        team = "\n".join(
            f"  {s.name_of(m.person_id)} — {m.role.label}"
            + (f" ({self.view.framework.theme(m.theme_id).title})" if m.theme_id else "")
            for m in inspection.team
        )
        self.query_one("#overview", Static).update(
            f"[b]{inspection.title}[/b]\n"
            f"Stage: [b]{inspection.stage.label}[/b]    Framework: {self.view.framework.title}\n"
            f"Fieldwork {inspection.fieldwork_start:%a %d %b} to {inspection.fieldwork_end:%a %d %b %Y}; "
            f"notice given {inspection.notice_date or '—'}\n"
            f"Lead: {s.name_of(inspection.lead_id)}\nTeam:\n{team}"
            + (f"\n[b]Cancelled on {inspection.cancelled.on}:[/b] {escape(inspection.cancelled.reason)}"
               if inspection.cancelled else "")
        )
        steps = self.query_one("#steps", OptionList)
        steps.clear_options()
        for event, blocked in self.view.steps:
            why = f"  — not yet: {blocked[0]}" if blocked else "  — ready"
            steps.add_option(Option(f"{event_named(event).label}{why}", id=event))
        if not self.view.steps:
            steps.add_option(Option("No step is yours to take now.", disabled=True))
        waiting = [c for c in self.view.dossier.concerns if c.plan is None]
        self.query_one("#concern-list", Static).update(
            f"[b]⚠ {len(waiting)} safeguarding concern(s) without an immediate plan — press i[/b]" if waiting else ""
        )
        self.query_one("#concern-list").set_class(bool(waiting), "concern-banner")
        conflicts = self.view.conflicts
        banner = self.query_one("#conflict-list", Static)
        banner.update(f"[b]{conflicts} record(s) changed both at home and in a field copy, both versions kept — press k[/b]")
        banner.display = bool(conflicts)
        self.refresh_bindings()

    # what this person may open ------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if self.view is None:
            return action == "back"
        inspection, may = self.view.dossier.inspection, self.session.may
        allowed = {
            "fieldwork": may(Act.READ_EVIDENCE, inspection) or may(Act.ADD_EVIDENCE, inspection, evidence_kind="conversation"),
            "judgements": may(Act.READ_DRAFT_REPORT, inspection),
            "report": why_not_report(self.session, inspection) is None,
            "action_plan": why_not_action_plan(self.session, inspection) is None,
            "immediate_plan": bool(self.view.dossier.concerns) and may(Act.READ_CASE_DETAILS, inspection),
            "next_step": bool(self.view.steps),
            "change_plan": may(Act.CHANGE_PLAN, inspection) or may(Act.ADD_TO_TEAM, inspection),
            "cancel_inspection": may(Act.CANCEL_INSPECTION, inspection),
            "field_checkout": may(Act.CHECK_OUT_FIELD_COPY, inspection),
            "field_return": may(Act.RETURN_FIELD_COPY, inspection),
            "field_conflicts": may(Act.RESOLVE_CONFLICT, inspection),
        }
        return allowed.get(action, True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.take_step(event.option.id)

    def action_next_step(self) -> None:
        steps = self.query_one("#steps", OptionList)
        chosen = steps.highlighted if steps.highlighted is not None else 0
        self.take_step(steps.get_option_at_index(chosen).id)

    def take_step(self, event: str | None) -> None:
        from .advance import AdvanceDialog

        blocked = dict(self.view.steps).get(event) if event else None
        if blocked is None:
            return
        dialog = AdvanceDialog(self.session, self.inspection_id, event, blocked, self.session.engine.today())
        self.app.push_screen(dialog, lambda saved: self.load() if saved else None)

    def action_fieldwork(self) -> None:
        from .fieldwork import FieldworkScreen

        self.app.push_screen(FieldworkScreen(self.session, self.inspection_id))

    def action_judgements(self) -> None:
        from .judgements import JudgementsScreen

        self.app.push_screen(JudgementsScreen(self.session, self.inspection_id))

    def action_report(self) -> None:
        from .report import ReportScreen

        self.app.push_screen(ReportScreen(self.session, self.inspection_id))

    def action_action_plan(self) -> None:
        from .action_plan import ActionPlanScreen

        self.app.push_screen(ActionPlanScreen(self.session, self.inspection_id))

    def action_immediate_plan(self) -> None:
        from .immediate_plan import ImmediatePlanScreen

        concerns = self.view.dossier.concerns
        concern = next((c for c in concerns if c.plan is None), concerns[-1])
        self.app.push_screen(ImmediatePlanScreen(self.session, self.inspection_id, concern.id))

    def action_change_plan(self) -> None:
        from .plan import PlanScreen

        changing = PlanScreen(self.session, changing=self.view.dossier.inspection)
        self.app.push_screen(changing, lambda saved: self.load() if saved else None)

    def action_cancel_inspection(self) -> None:
        from .text_dialog import TextDialog

        dialog = TextDialog("Cancel this inspection", "Why is it cancelled? (it stays in the history with the reason)")
        self.app.push_screen(dialog, self.cancel_with)

    def cancel_with(self, reason: str | None) -> None:
        if reason is None:
            return
        try:
            cancelled = replanning.cancel_inspection(
                self.session.engine, as_person=self.session.person_id, inspection=self.inspection_id, reason=reason
            )
        except PeerInspectError as error:
            self.notify(str(error), title="Not cancelled", severity="error")
            return
        self.notify(f"Cancelled: {cancelled.title}", title="Saved")
        self.load()

    def action_field_checkout(self) -> None:
        from .field_copy import CheckOutDialog

        self.app.push_screen(CheckOutDialog(self.session, self.inspection_id))

    def action_field_return(self) -> None:
        from .field_copy import ReturnDialog

        self.app.push_screen(ReturnDialog(self.session, self.inspection_id), lambda returned: self.load() if returned else None)

    def action_field_conflicts(self) -> None:
        from .conflicts import ConflictsScreen

        self.app.push_screen(ConflictsScreen(self.session, self.inspection_id))

    def action_back(self) -> None:
        self.app.pop_screen()

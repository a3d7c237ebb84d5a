"""Plan an inspection: district, framework, dates and notice, the lead, a lead per theme, and the team.

Opened from an emerging finding that proposes a themed inspection, it plans that one: in the finding's
district, on a themed framework, linked to the finding. Opened on a planned inspection, it shows that plan
filled in, to change: what the rules no longer allow to change is refused by the engine, with the reason.
"""

from __future__ import annotations

from attrs import frozen
from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Select, Static

from ...domain.findings import EmergingFinding
from ...domain.inspection import Inspection
from ...domain.vocabulary import InspectionKind, TeamRole
from ...domain.permissions import TEAM_ROLE_NEEDS
from ...engine import authority, planning, replanning
from ...engine.planning import plan_inspection, plan_themed_inspection
from ..forms.spec import FieldSpec
from ..session import Session
from ..widgets.field import Field
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar
from .form_screen import FormScreen


@frozen
class ProposedBy:
    """The emerging finding that proposes a themed inspection, and the inspection it came from."""

    inspection: Inspection
    finding: EmergingFinding


class PlanScreen(FormScreen, Screen):
    """Plan an inspection"""

    BINDINGS = [
        Binding("ctrl+s", "save", "Plan it", id="save-plan", priority=True),
        Binding("escape", "cancel", "Back", id="cancel"),
    ]

    def __init__(self, session: Session, proposed_by: ProposedBy | None = None, changing: Inspection | None = None) -> None:
        super().__init__(classes="form")
        self.session = session
        self.proposed_by = proposed_by
        self.changing = changing
        # Those who have left are not offered, except where the plan being changed already names them.
        named = {changing.lead_id, *(m.person_id for m in changing.team)} if changing is not None else set()
        now = {p.id for p in authority.people_now(session.engine)}
        self.people = [p for p in session.engine.people() if p.id in now or p.id in named]
        self.labels = authority.person_labels(session.engine, self.people)

    def _who(self, role: TeamRole) -> tuple[tuple[str, str], ...]:
        return tuple((self.labels[p.id], p.id) for p in self.people if p.role in TEAM_ROLE_NEEDS[role])

    def _districts(self) -> tuple[tuple[str, str], ...]:
        # A closed district is no longer inspected; the plan being changed keeps its own.
        kept = {self.changing.district_id} if self.changing else set()
        if self.proposed_by is not None:
            kept.add(self.proposed_by.inspection.district_id)
        now = {d.id for d in authority.districts_now(self.session.engine)}
        return tuple((d.name, d.id) for d in self.session.engine.districts() if d.id in now or d.id in kept)

    def compose(self) -> ComposeResult:
        engine, themed = self.session.engine, self.proposed_by is not None
        frameworks = tuple(
            (f"{f.title} ({f.kind.label})", f.id) for f in sorted(engine.frameworks.values(), key=lambda f: f.kind.value)
            if not themed or f.kind is InspectionKind.THEMED
        )
        yield TitleBar()
        heading = "Change the plan" if self.changing else "Plan a themed inspection" if themed else "Plan an inspection"
        yield Static(heading, classes="screen-title")
        if themed:
            finding = self.proposed_by.finding
            yield Static(
                f"Into [b]{escape(finding.proposed_theme)}[/b], as proposed by the emerging finding of "
                f"{escape(self.proposed_by.inspection.title)}: “{escape(finding.text)}”. "
                "The new inspection is linked to that finding.", classes="intro", id="proposed-by",
            )
        with VerticalScroll(id="form-body"):
            yield Field(FieldSpec(name="district", label="District" + (" (the finding's)" if themed else ""),
                                  control="select", options=self._districts()))
            yield Field(FieldSpec(name="framework", label="Themed framework" if themed else "Framework: full or themed",
                                  control="select", options=frameworks))
            yield Field(FieldSpec(name="fieldwork_start", label="Fieldwork starts (YYYY-MM-DD)"))
            yield Field(FieldSpec(name="fieldwork_end", label="Fieldwork ends (YYYY-MM-DD)" if themed
                                  else "Fieldwork ends: three to five working days on site"))
            yield Field(FieldSpec(name="notice_date", label="Notice given on (short notice; optional)"))
            yield Field(FieldSpec(name="lead", label="Lead", control="select", options=self._who(TeamRole.LEAD)))
            with Vertical(id="theme-leads"):
                yield from self._theme_lead_fields()
            yield Field(FieldSpec(name="team.inspector", label="Inspectors", control="multi",
                                  options=self._who(TeamRole.INSPECTOR)))
            yield Field(FieldSpec(name="team.care_ambassador", label="Care ambassadors", control="multi",
                                  options=self._who(TeamRole.CARE_AMBASSADOR)))
            yield Static("", id="form-errors")
        yield Footer()

    def on_mount(self) -> None:
        fields = self.fields
        if self.changing is not None:
            self.fill_from(self.changing)
            return
        if self.proposed_by is not None:
            source = self.proposed_by.inspection
            fields["district"].value = source.district_id
            fields["district"].control.disabled = True
            themed = planning.default_framework(self.session.engine, themed_for=self.proposed_by.finding.proposed_theme)
            fields["framework"].value = themed.id if themed else None
            fields["lead"].value = source.lead_id
            fields["fieldwork_start"].control.focus()
        else:
            usual = planning.default_framework(self.session.engine)
            fields["framework"].value = usual.id if usual else None
            fields["lead"].value = self.session.person_id
            fields["district"].control.focus()
        self.show_theme_leads()

    def _theme_lead_fields(self) -> list[Field]:
        """A theme-lead field for every theme of every framework: shown or hidden as the framework changes, never
        mounted later, so leaving the screen while it is being built cannot catch a field half-mounted."""
        fields, seen = [], set()
        for framework in self.session.engine.frameworks.values():
            for theme in framework.themes:
                if theme.id not in seen:
                    seen.add(theme.id)
                    fields.append(Field(FieldSpec(name=f"theme_leads.{theme.id}", label=f"Theme lead: {theme.title}",
                                                  control="select", options=self._who(TeamRole.THEME_LEAD))))
        return fields

    def fill_from(self, planned: Inspection) -> None:
        fields = self.fields
        for name, value in (("district", planned.district_id), ("framework", planned.framework_id)):
            fields[name].value = value
            fields[name].control.disabled = True
        fields["fieldwork_start"].value = planned.fieldwork_start.isoformat()
        fields["fieldwork_end"].value = planned.fieldwork_end.isoformat()
        fields["notice_date"].value = planned.notice_date.isoformat() if planned.notice_date else ""
        fields["lead"].value = planned.lead_id
        fields["team.inspector"].value = [m.person_id for m in planned.members(TeamRole.INSPECTOR)]
        fields["team.care_ambassador"].value = [m.person_id for m in planned.members(TeamRole.CARE_AMBASSADOR)]
        self.show_theme_leads()
        for name, field in self.fields.items():
            if name.startswith("theme_leads."):
                field.value = planned.theme_lead(name.split(".", 1)[1])
        fields["fieldwork_start"].control.focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "input-framework":
            self.show_theme_leads()

    def show_theme_leads(self) -> None:
        framework = self.session.engine.frameworks.get(self.fields["framework"].value or "")
        themes = {t.id for t in framework.themes} if framework is not None else set()
        for field in self.query_one("#theme-leads", Vertical).query(Field):
            field.display = field.spec.name.split(".", 1)[1] in themes

    def action_save(self) -> None:
        fields = self.fields
        value = lambda name: fields[name].value  # noqa: E731
        theme_leads = {n.split(".", 1)[1]: f.value for n, f in fields.items()
                       if n.startswith("theme_leads.") and f.value and f.display}
        team = [(p, "inspector") for p in value("team.inspector")]
        team += [(p, "care_ambassador") for p in value("team.care_ambassador")]
        engine, me, proposed_by, changing = self.session.engine, self.session.person_id, self.proposed_by, self.changing
        if changing is not None:
            chosen = {p for p, _ in team}
            plan = lambda: replanning.change_plan(  # noqa: E731
                engine, as_person=me, inspection=changing.id,
                fieldwork_start=value("fieldwork_start") or None, fieldwork_end=value("fieldwork_end") or None,
                notice_date=value("notice_date") or None, lead=value("lead") or None, theme_leads=theme_leads,
                add_team=[(p, r) for p, r in team if p not in {m.person_id for m in changing.team}],
                remove_team=[m.person_id for m in changing.team if m.role is not TeamRole.THEME_LEAD and m.person_id not in chosen],
            )
        elif proposed_by is not None:
            plan = lambda: plan_themed_inspection(  # noqa: E731
                engine, as_person=me, from_inspection=proposed_by.inspection.id,
                finding_id=proposed_by.finding.id, framework_id=value("framework") or "",
                fieldwork_start=value("fieldwork_start") or None, fieldwork_end=value("fieldwork_end") or None,
                notice_date=value("notice_date") or None, lead=value("lead") or None, theme_leads=theme_leads, team=team,
            )
        else:
            plan = lambda: plan_inspection(  # noqa: E731
                engine, as_person=me, district=value("district") or "",
                framework_id=value("framework") or "", fieldwork_start=value("fieldwork_start") or None,
                fieldwork_end=value("fieldwork_end") or None, notice_date=value("notice_date") or None,
                lead=value("lead") or "", theme_leads=theme_leads, team=team,
            )
        self.save_form(plan, done=None, then=self.planned)

    def planned(self, inspection: Inspection) -> None:
        self.notify(f"{'Changed' if self.changing else 'Planned'}: {inspection.title}", title="Saved")
        self.close(inspection)

    def action_cancel(self) -> None:
        self.leave()

"""Judgements and feedback: per theme, the evidence and findings side by side, the grade and its reasons."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...domain.permissions import Act
from ...engine import conclusions, workflow
from ...engine.evidence import evidence_for
from ...engine.impact import finding_sources
from ..forms.spec import FieldSpec, grade_options
from ..loading import LoadsInBackground
from ..messages import Loaded
from ..session import Session
from ..widgets.field import Field
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar
from .evidence_rows import row_of
from .form_screen import FormScreen

# A theme's evidence as lines beside its findings: enough to judge by at a glance, never so many that drawing
# them holds up the app. Fieldwork lists them all, filtered by theme.
EVIDENCE_LINES = 40


class JudgementsScreen(LoadsInBackground, FormScreen, Screen):
    """Judgements and feedback"""

    fallback_field = "reasons"

    BINDINGS = [
        Binding("ctrl+s", "propose", "Save", id="propose-judgement", priority=True, tooltip="Save the judgement"),
        Binding("o", "sign_off", "Sign off", id="sign-off"),
        Binding("w", "recommend", "Recommend", id="add-recommendation", tooltip="Add a recommendation"),
        Binding("g", "feedback", "Feedback", id="give-feedback", tooltip="Give feedback to staff"),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, session: Session, inspection_id: str) -> None:
        super().__init__()
        self.session, self.inspection_id = session, inspection_id
        summary = session.engine.summary(inspection_id)
        self.framework = session.engine.framework(summary.inspection.framework_id)
        self.dossier = None
        self.evidence_lines: dict[str, list[str]] = {}  # theme id -> a line for each piece of its evidence
        self.sources = {}  # finding id -> the kinds of source behind it
        self.theme_id = self.framework.themes[0].id

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal():
            yield OptionList(*(Option(t.title, id=t.id) for t in self.framework.themes), id="themes")
            with VerticalScroll(id="theme-detail"):
                with Horizontal(id="side-by-side"):
                    yield Static("", id="theme-evidence")
                    yield Static("", id="theme-findings")
                yield Static("", id="judgement-status")
                yield Field(FieldSpec(name="grade", label="Grade", control="select", options=grade_options(self.framework)))
                yield Field(FieldSpec(name="reasons", label="Reasons", control="text"))
                yield Static("", id="recommendations")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Judgements"
        self.load()

    def read(self):
        engine, person = self.session.engine, self.session.person_id
        dossier, evidence = evidence_for(engine, as_person=person, inspection=self.inspection_id)
        sources = {s.finding.id: s for s in finding_sources(engine, as_person=person, inspection=self.inspection_id)}
        names = {p.id: p.name for p in engine.people()}
        lines: dict[str, list[str]] = {theme.id: [] for theme in self.framework.themes}
        for row in (row_of(e, self.framework, names) for e in evidence):
            if row.theme_id in lines:
                lines[row.theme_id].append(f"• {escape(row.what)}" + (f" [{escape(row.grade_text)}]" if row.grade_text else ""))
        return dossier, lines, sources

    def show_loaded(self, message: Loaded) -> None:
        self.dossier, self.evidence_lines, self.sources = message.view
        themes = self.query_one("#themes", OptionList)
        for theme in self.framework.themes:
            judgement = self.dossier.judgement_for(theme.id)
            mark = f"  [{self._grade(judgement.grade)}, {judgement.status.label}]" if judgement else "  [no judgement]"
            themes.replace_option_prompt(theme.id, escape(theme.title + mark))
        self.show_theme(self.theme_id)
        self.refresh_bindings()

    def _finding_line(self, finding) -> str:
        line = f"• {finding.kind.label}: {escape(finding.text)}"
        support = self.sources.get(finding.id)
        if support is None:
            return line
        if support.below_minimum:
            return f"{line}\n  [b]{escape(support.text)}: below the minimum[/b]"
        return f"{line}\n  {escape(support.text)}"

    def _grade(self, key: str) -> str:
        grade = self.framework.grade(key)
        return grade.label if grade else key

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.dossier is not None and event.option.id:
            self.show_theme(event.option.id)

    def show_theme(self, theme_id: str) -> None:
        self.theme_id = theme_id
        lines = self.evidence_lines.get(theme_id, [])
        evidence = "\n".join(lines[:EVIDENCE_LINES])
        if len(lines) > EVIDENCE_LINES:
            evidence += f"\n… and {len(lines) - EVIDENCE_LINES} more: fieldwork lists them all, by theme"
        findings = [f for f in self.dossier.findings if f.theme_id == theme_id]
        self.query_one("#theme-evidence", Static).update(f"[b]Evidence ({len(lines)})[/b]\n{evidence or 'None yet.'}")
        self.query_one("#theme-findings", Static).update(
            f"[b]Findings ({len(findings)})[/b] · each rests on at least {self.framework.minimum_source_kinds} "
            "kinds of source\n" + ("\n".join(self._finding_line(f) for f in findings) or "None yet.")
        )
        judgement = self.dossier.judgement_for(theme_id)
        fields = {f.spec.name: f for f in self.query(Field)}
        fields["grade"].value = judgement.grade if judgement else None
        fields["reasons"].value = judgement.reasons if judgement else ""
        self.remember_untouched()
        status = (
            f"Judgement {judgement.status.label} by {self.session.name_of(judgement.signed_off_by or judgement.author_id)}"
            if judgement else "No judgement yet."
        )
        self.query_one("#judgement-status", Static).update(status)
        recommendations = [r for r in self.dossier.recommendations if r.theme_id == theme_id]
        self.query_one("#recommendations", Static).update(
            "[b]Recommendations[/b]\n" + ("\n".join(f"• {escape(r.text)}" for r in recommendations) or "None yet.")
        )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if self.dossier is None:
            return action == "back"
        inspection, may = self.dossier.inspection, self.session.may
        judgement = self.dossier.judgement_for(self.theme_id)
        allowed = {
            "propose": may(Act.PROPOSE_JUDGEMENT, inspection, theme_id=self.theme_id),
            "sign_off": judgement is not None
            and may(Act.SIGN_OFF_JUDGEMENT, inspection, theme_id=self.theme_id, judgement=judgement),
            "recommend": may(Act.WRITE_RECOMMENDATION, inspection, theme_id=self.theme_id),
            "feedback": may(Act.ADVANCE, inspection, event="give_feedback"),
        }
        return allowed.get(action, True)

    def _engine_call(self, done: str, call, **kwargs) -> None:
        engine, me = self.session.engine, self.session.person_id
        self.save_form(lambda: call(engine, as_person=me, inspection=self.inspection_id, **kwargs), done=done,
                       then=lambda saved: self.load())

    def action_propose(self) -> None:
        fields = self.fields
        self._engine_call("Judgement saved", conclusions.propose_judgement, theme_id=self.theme_id,
                          grade=fields["grade"].value or "", reasons=fields["reasons"].value)

    def action_sign_off(self) -> None:
        self._engine_call("Judgement signed off", conclusions.sign_off_judgement, theme_id=self.theme_id)

    def action_recommend(self) -> None:
        from .text_dialog import TextDialog

        def add(text: str | None) -> None:
            if text:
                self._engine_call("Recommendation added", conclusions.add_recommendation, theme_id=self.theme_id, text=text)

        self.app.push_screen(TextDialog("New recommendation", "What the district should do"), add)

    def action_feedback(self) -> None:
        from .advance import AdvanceDialog

        today = self.session.engine.today()
        found = workflow.step_blockers(self.session.engine, as_person=self.session.person_id,
                                       inspection=self.inspection_id, event="give_feedback")
        self.app.push_screen(AdvanceDialog(self.session, self.inspection_id, "give_feedback", found, today),
                             lambda saved: self.load() if saved else None)

    def action_back(self) -> None:
        self.leave()

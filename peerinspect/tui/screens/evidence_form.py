"""One screen for every kind of evidence: built from its form spec, filled from the record when editing."""

from __future__ import annotations

import attrs

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Collapsible, Input, Select, Static, TextArea

from ...domain.errors import NeedsConfirmation
from ...domain.evidence import Evidence
from ...domain.lifecycle import amendment_required
from ...engine.evidence import EvidenceSaved, add_evidence, edit_evidence
from ..forms.spec import FieldSpec, FormSpec
from ..session import Session
from ..widgets.field import Field, slug
from ..widgets.footer import Footer
from .form_screen import FormScreen, fields_in_sections, unfold


# Asked only when the report is out: the change is then recorded as an amendment, with its reason.
AMENDMENT = FieldSpec(name="amendment_reason", label="The report has been issued: why is this evidence being amended?",
                      placeholder="for example: the grade was entered against the wrong criterion")

CONFIRM_HINT = ("Names and dates of birth are not needed: change the notes marked ⚠, "
                "or press Ctrl+S again to save them as they are.")


class EvidenceForm(FormScreen, Screen[EvidenceSaved | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        # Shown in place of Save once the person has been warned about what they wrote.
        Binding("ctrl+s", "save_anyway", "Save anyway", id="save-anyway", priority=True),
        Binding("escape", "cancel", "Back", id="cancel"),
    ]

    def __init__(self, session: Session, inspection_id: str, spec: FormSpec, existing: Evidence | None = None,
                 *, read_only: bool = False) -> None:
        super().__init__(classes=f"form {spec.kind}")
        self.session = session
        self.inspection_id = inspection_id
        self.spec = spec
        self.existing = existing
        self.read_only = read_only
        # The values the person was warned about: saved as they are if they press Ctrl+S again unchanged.
        self.warned: dict | None = None
        self._sent: dict | None = None
        inspection = session.engine.summary(inspection_id).inspection
        self.amending = existing is not None and not read_only and amendment_required(inspection)

    def compose(self) -> ComposeResult:
        verb = "View" if self.read_only else ("Amend" if self.amending else "Edit" if self.existing else "New")
        yield Static(f"{verb} {self.spec.title.lower()}", classes="screen-title")
        if self.spec.intro:
            yield Static(self.spec.intro, classes="intro")
        with VerticalScroll(id="form-body"):
            if self.amending:
                yield Field(AMENDMENT)
            yield from fields_in_sections(self.spec.fields)
            yield Static("", id="form-errors")
        yield Footer()

    def on_mount(self) -> None:
        if self.existing is not None:
            self._fill(attrs.asdict(self.existing))
        if self.read_only:
            for field in self.query(Field):
                field.control.disabled = True
        self._apply_visibility()
        first = self.query(Field).first()
        # The amendment reason is asked first, but the person came to change the evidence.
        (self.query(Field)[1] if self.amending else first).control.focus()

    def _fill(self, record: dict) -> None:
        for field in self.query(Field):
            name = field.spec.name
            if name == "_safeguarding":
                field.value = bool(record.get("safeguarding_concern"))
            elif "." in name:
                group, key = name.split(".", 1)
                field.value = (record.get(group) or {}).get(key)
            else:
                field.value = record.get(name)

    # showing what applies -------------------------------------------------
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _apply_visibility(self) -> None:
        values = {f.spec.name: f.value for f in self.query(Field)}
        for field in self.query(Field):
            if field.spec.depends_on:
                field.display = values.get(field.spec.depends_on) in field.spec.shown_for
        for section in self.query(Collapsible):
            section.display = any(f.display for f in section.query(Field))
        if values.get("theme_id"):
            self._open_grades_of(values["theme_id"])

    def _open_grades_of(self, theme_id: str) -> None:
        framework = self.session.engine.framework(self.session.engine.summary(self.inspection_id).inspection.framework_id)
        theme = framework.theme(theme_id)
        if theme is not None:
            for section in self.query(f"#section-{slug('Grades: ' + theme.title)}"):
                section.collapsed = False

    # saving -------------------------------------------------------------------
    def values(self) -> dict:
        found: dict = {}
        for field in self.query(Field):
            if not field.display or field.spec is AMENDMENT:
                continue
            name, value = field.spec.name, field.value
            if "." in name:
                group, key = name.split(".", 1)
                entries = found.setdefault(group, {})
                if value:
                    entries[key] = value
            elif value is not None or self.existing is not None:
                found[name] = value
        return found

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("save", "save_anyway") and self.read_only:
            return False
        if action == "save":
            return self.warned is None
        if action == "save_anyway":
            return self.warned is not None
        return True

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _forget_warning(self) -> None:
        # Once the warned text changes, the next save checks it afresh.
        if self.warned is not None and self.values() != self.warned:
            self.warned = None
            self.refresh_bindings()

    def action_save_anyway(self) -> None:
        self.action_save(accept_warnings=self.warned == self.values())

    def action_save(self, accept_warnings: bool = False) -> None:
        self.show_problems(())
        self.warned = None
        self.refresh_bindings()
        values = self.values()
        problems = self.spec.check(values)
        if problems:
            self.show_problems(problems)
            return
        self._sent = values
        sent = {k: v for k, v in values.items() if not k.startswith("_")}
        self.save_form(lambda: self._send(sent, accept_warnings), done=f"{self.spec.title} saved")

    def needs_confirmation(self, warning: NeedsConfirmation) -> None:
        self.warned = self._sent
        self.refresh_bindings()
        self.show_warnings(warning.problems)
        self.notify("Not saved yet: check the notes marked ⚠, then press Ctrl+S again to save anyway",
                    title="Personal data?", severity="warning")

    def _send(self, fields: dict, accept_warnings: bool) -> EvidenceSaved:
        engine, person = self.session.engine, self.session.person_id
        if self.existing is None:
            return add_evidence(engine, as_person=person, inspection=self.inspection_id, kind=self.spec.kind, fields=fields,
                                accept_warnings=accept_warnings)
        reason = self.query_one(f"#field-{AMENDMENT.name}", Field).value if self.amending else ""
        return edit_evidence(engine, as_person=person, inspection=self.inspection_id, evidence_id=self.existing.id,
                             changes=fields, revision=self.existing.revision, amendment_reason=reason,
                             accept_warnings=accept_warnings)

    def show_warnings(self, warnings) -> None:
        general = []
        for problem in warnings:
            field = self.field_for(problem.field)
            if field is None:
                general.append(f"⚠ {problem}")
                continue
            field.show_warning(problem.message)
            unfold(field)
        hint = self.query_one("#form-errors", Static)
        hint.update("\n".join([*general, CONFIRM_HINT]))
        hint.add_class("-warning")
        self.scroll_to_first(".field.-warning")

    def action_cancel(self) -> None:
        self.leave()

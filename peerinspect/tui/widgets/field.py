"""One labelled control with the message for it right under it, checked as the person types."""

from __future__ import annotations

import re

import attrs
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from ...domain.errors import InvalidInput
from ..forms.spec import FieldSpec


def slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", name)


class DomainRule(Validator):
    """Runs the domain record's own validator for one field, so the form never restates a rule."""

    def __init__(self, record: type, field: str) -> None:
        super().__init__()
        self.attribute = attrs.fields_dict(record)[field]

    def validate(self, value: str) -> ValidationResult:
        check = self.attribute.validator
        if check is None:
            return self.success()
        try:
            check(None, self.attribute, value)
        except InvalidInput as error:
            return self.failure("; ".join(p.message for p in error.problems))
        return self.success()


def build_control(spec: FieldSpec) -> Widget:
    control_id = f"input-{slug(spec.name)}"
    match spec.control:
        case "text":
            return TextArea(id=control_id, classes="field-text", soft_wrap=True, show_line_numbers=False)
        case "select":
            return Select(spec.options, id=control_id, prompt="choose…", compact=True)
        case "check":
            return Checkbox(spec.label, id=control_id)
        case "multi":
            return SelectionList(*spec.options, id=control_id, compact=True)
        case "secret":
            return Input(id=control_id, placeholder=spec.placeholder, password=True, compact=True)
        case _:
            validators = [DomainRule(*spec.rule)] if spec.rule else []
            return Input(id=control_id, placeholder=spec.placeholder, validators=validators, valid_empty=False,
                         compact=True)


def read_control(control: Widget):
    if isinstance(control, TextArea):
        return control.text.strip()
    if isinstance(control, Select):
        return None if control.value is Select.NULL else control.value
    if isinstance(control, Checkbox):
        return control.value
    if isinstance(control, SelectionList):
        return list(control.selected)
    return control.value.strip()


def write_control(control: Widget, value) -> None:
    if isinstance(control, TextArea):
        control.text = value or ""
    elif isinstance(control, Select):
        control.value = str(value) if value not in (None, "") else Select.NULL
    elif isinstance(control, Checkbox):
        control.value = bool(value)
    elif isinstance(control, SelectionList):
        for item in value or ():
            control.select(str(item.value if hasattr(item, "value") else item))
    else:
        control.value = "" if value is None else str(value)


class Field(Vertical):
    """A field of a form. The form sets its error; the field shows it where the person is looking."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(id=f"field-{slug(spec.name)}", classes="field")
        self.spec = spec

    def compose(self) -> ComposeResult:
        if self.spec.control != "check":
            yield Label(self.spec.label, classes="field-label")
        yield build_control(self.spec)
        yield Static("", classes="field-error")

    @property
    def control(self) -> Widget:
        return self.query_one(f"#input-{slug(self.spec.name)}")

    @property
    def value(self):
        return read_control(self.control)

    @value.setter
    def value(self, value) -> None:
        write_control(self.control, value)

    def show_error(self, message: str) -> None:
        self.query_one(".field-error", Static).update(message)
        self.set_class(bool(message), "-invalid")
        self.remove_class("-warning")

    def show_warning(self, message: str) -> None:
        """Something that may be right but deserves a second look: shown, yet it does not stop a confirmed save."""
        self.query_one(".field-error", Static).update(f"⚠ {message}" if message else "")
        self.set_class(bool(message), "-warning")
        self.remove_class("-invalid")

    def on_input_changed(self, event: Input.Changed) -> None:
        result = event.validation_result
        if result is not None and event.value:
            self.show_error("" if result.is_valid else "; ".join(result.failure_descriptions))
        elif not event.value:
            self.show_error("")

"""What every form does the same way: save in the background, put the engine's problems beside their fields,
keep what was typed when a save fails, and ask before throwing away what was typed.

A form mixes this into its Screen (or ModalScreen), composes `Field`s and, optionally, a `#form-errors` Static
for problems no field owns, calls `save_form` to save and `leave` to go back.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Any, Callable

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Collapsible, Static

from ...domain.errors import InvalidInput, NeedsConfirmation, StaleRecord
from ...domain.errors import StoppedWaiting
from ..failures import describe
from ..saving import SavesInBackground
from ..forms.spec import FieldSpec
from ..widgets.field import Field, slug

STALE = "Not saved. {refusal} What you typed is still here."
STOPPED = "Not saved: you stopped waiting for the other session. What you typed is still here; save again when it has finished."
UNSET = object()


def _blank(value) -> bool:
    return value in (None, "", [], False)


def fields_in_sections(specs: Iterable[FieldSpec]) -> ComposeResult:
    """Each field in turn; those sharing a section folded together under its title."""
    for section, grouped in groupby(specs, key=lambda s: s.section):
        grouped = list(grouped)
        if section:
            with Collapsible(title=section, collapsed=not grouped[0].open, id=f"section-{slug(section)}"):
                for spec in grouped:
                    yield Field(spec)
        else:
            for spec in grouped:
                yield Field(spec)


class FormScreen(SavesInBackground):
    """Mixed into the Screen of a form."""

    _typed_at_start: dict | None = None
    # The field that shows a problem the engine could not place; None shows it in #form-errors.
    fallback_field: str | None = None

    @property
    def fields(self) -> dict[str, Field]:
        return {f.spec.name: f for f in self.query(Field)}

    # what was typed -------------------------------------------------------------
    def on_mount(self) -> None:
        # After the form's own on_mount (Textual calls the subclass's first), so filled-in values count as untouched.
        self.call_after_refresh(self.remember_untouched)

    def remember_untouched(self) -> None:
        self._typed_at_start = {name: field.value for name, field in self.fields.items()}

    @property
    def touched(self) -> bool:
        start = self._typed_at_start
        if start is None:
            return False
        for name, field in self.fields.items():
            before = start.get(name, UNSET)
            now = field.value
            if before is UNSET:
                if not _blank(now):
                    return True
            elif now != before:
                return True
        return False

    def leave(self) -> None:
        """Back to where the person came from; asks first if that would throw away what they typed."""
        if not self.touched:
            self.close(None)
            return
        from .confirm import Confirm

        def answer(discard: bool | None) -> None:
            if discard:
                self.close(None)

        self.app.push_screen(Confirm("Discard what you typed?", "Leaving now throws away the changes in this form.",
                                     yes="Discard"), answer)

    def close(self, result: Any) -> None:
        """Dismiss this screen even if something (help, a dialog) was opened over it meanwhile."""
        if self.is_current:
            self.dismiss(result)
        elif self in self.app.screen_stack:
            self.pop_until_active()
            self.dismiss(result)

    # saving ---------------------------------------------------------------------
    def save_form(self, call: Callable[[], Any], *, done: str | None, then: Callable[[Any], None] | None = None) -> None:
        """Run the engine call in the background; on success say `done` (if given) and close with what was saved,
        or hand it to `then`."""
        self.show_problems(())

        def saved(result: Any) -> None:
            self.remember_untouched()
            if done:
                self.notify(done, title="Saved")
            (then or self.close)(result)

        self.save_in_background(call, then=saved, failed=self.not_saved)

    def not_saved(self, error: Exception) -> None:
        """What the person sees when the save did not go through. What they typed always stays."""
        if isinstance(error, NeedsConfirmation):
            self.needs_confirmation(error)
        elif isinstance(error, InvalidInput):
            self.show_problems(error.problems)
            self.notify("Not saved: see the fields marked in red", severity="error")
        elif isinstance(error, StaleRecord):
            # The refusal names who saved over the record, and when: the person can go and ask them.
            told = STALE.format(refusal=error)
            self.show_general(told)
            self.notify(told, title="Not saved", severity="error", timeout=10)
        elif isinstance(error, StoppedWaiting):
            self.show_general(STOPPED)
            self.notify(STOPPED, title="Not saved", severity="warning")
        else:
            reason = describe(error, "save")
            self.show_general(reason)
            self.notify(reason, title="Not saved", severity="error", timeout=10)

    def needs_confirmation(self, warning: NeedsConfirmation) -> None:
        # Forms without a "save anyway" step treat a warning as a problem to fix.
        self.show_problems(warning.problems)

    # showing problems --------------------------------------------------------------
    def field_for(self, name: str) -> Field | None:
        return next(iter(self.query(f"#field-{slug(name)}")), None) if name else None

    def show_problems(self, problems) -> None:
        for field in self.query(Field):
            field.show_error("")
        general = []
        for problem in problems:
            field = self.field_for(problem.field) or self.field_for(self.fallback_field or "")
            if field is None:
                general.append(str(problem))
                continue
            field.show_error(problem.message)
            unfold(field)
        self.show_general("\n".join(general))
        self.scroll_to_first(".field.-invalid")

    def show_general(self, text: str) -> None:
        """A message for the whole form, where the form keeps it; a notification is the caller's choice."""
        box = next(iter(self.query("#form-errors")), None)
        if isinstance(box, Static):
            box.update(escape(text))
            box.remove_class("-warning")
            if text:
                self.scroll_to_first("#form-errors")

    def scroll_to_first(self, selector: str) -> None:
        first = next(iter(self.query(selector)), None)
        body = next(iter(self.query(VerticalScroll)), None)
        if first is not None and body is not None:
            body.scroll_to_widget(first)


def unfold(field: Field) -> None:
    for section in field.ancestors_with_self:
        if isinstance(section, Collapsible):
            section.collapsed = False

"""Taking a field copy of the inspection, and bringing one home: a file and its passphrase, asked in a dialog."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...domain.errors import Problem
from ...field.checkout import check_out
from ...field.returning import return_copy
from ..forms.spec import FieldSpec
from ..session import Session
from ..widgets.footer import Footer
from ..widgets.field import Field
from .form_screen import FormScreen


class CopyDialog(FormScreen, ModalScreen):
    """What both dialogs share: a title, an explanation, their fields, and Save / Cancel keys."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-copy", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel-copy"),
    ]
    heading = ""
    explanation = ""
    specs: tuple[FieldSpec, ...] = ()

    def __init__(self, session: Session, inspection_id: str) -> None:
        super().__init__(classes="dialog")
        self.session, self.inspection_id = session, inspection_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.heading, classes="dialog-title")
            yield Static(self.explanation, classes="intro")
            for spec in self.specs:
                yield Field(spec)
            yield Static("", id="form-errors")
        yield Footer()

    def path(self, name: str) -> Path:
        return Path(self.fields[name].value).expanduser()

    def action_cancel(self) -> None:
        self.leave()


class CheckOutDialog(CopyDialog):
    """Field copy"""

    heading = "Take a field copy"
    explanation = ("A copy for your laptop, sealed with a passphrase: it opens with no network and no other "
                   "workspace, holds only what you may see, and comes home with 'Bring a field copy home'.")
    specs = (
        FieldSpec(name="output", label="Write the copy to (a new file)", placeholder="~/inspection.copy"),
        FieldSpec(name="passphrase", label="Passphrase (at least 10 characters)", control="secret"),
        FieldSpec(name="again", label="The same passphrase again", control="secret"),
    )

    def action_save(self) -> None:
        fields = self.fields
        if not fields["output"].value:
            self.show_problems([Problem("output", "say where to write the copy")])
            return
        if fields["passphrase"].value != fields["again"].value:
            self.show_problems([Problem("again", "the two passphrases differ")])
            return
        output, passphrase = self.path("output"), fields["passphrase"].value
        self.save_form(lambda: check_out(
            self.session.engine, as_person=self.session.person_id, inspection=self.inspection_id, output=output,
            passphrase=passphrase,
        ), done=None, then=lambda copy: self.written(output, copy))

    def written(self, output: Path, copy) -> None:
        self.notify(f"Wrote {output}; it opens until {copy.expires_on}. Open it with: peerinspect field open {output}",
                    title="Field copy written", timeout=10)
        self.close(copy)


class ReturnDialog(CopyDialog):
    """Bring a field copy home"""

    heading = "Bring a field copy home"
    explanation = ("Everything saved in the copy is merged into this workspace. A record also changed here or in "
                   "another copy keeps both versions, to be settled under 'Field conflicts'. Bringing the same "
                   "copy home twice changes nothing.")
    specs = (
        FieldSpec(name="file", label="The field copy", placeholder="~/inspection.copy"),
        FieldSpec(name="passphrase", label="Its passphrase", control="secret"),
    )

    def action_save(self) -> None:
        if not self.fields["file"].value:
            self.show_problems([Problem("file", "say which copy to bring home")])
            return
        path, passphrase = self.path("file"), self.fields["passphrase"].value
        self.save_form(lambda: return_copy(
            self.session.engine, as_person=self.session.person_id, path=path, passphrase=passphrase,
        ), done=None, then=self.returned)

    def returned(self, returned) -> None:
        if not returned.changed_anything:
            self.notify("Nothing new: everything saved in this copy is home already.", title="Field copy")
        else:
            conflicts = (f" {len(returned.conflicts)} record(s) were also changed elsewhere: both versions are kept "
                         "under Field conflicts (k)." if returned.conflicts else "")
            self.notify(f"Brought home {returned.saves} save(s): {returned.added} record(s) added, "
                        f"{returned.taken} changed.{conflicts}", title="Field copy brought home", timeout=10)
        self.close(returned)

"""Save as…: which output, and the folder it goes into; served to a browser, the browser downloads it instead.

The folder is checked before the dialog closes, so a missing or read-only folder is named here and nothing is
written; a file already there is replaced only when the person says so.
"""

from __future__ import annotations

from pathlib import Path

from attrs import frozen
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from ...engine import outputs
from ...engine.outputs import Output
from ..session import Session


@frozen
class SaveRequest:
    output: Output
    file_name: str
    folder: str | None  # None: sent to the browser that serves the app
    replace: bool = False


def default_folder() -> Path:
    """The person's Documents folder where there is one, else their home folder."""
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


class SaveOutputDialog(ModalScreen[SaveRequest | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-output-now"),
        Binding("escape", "cancel", "Cancel", id="cancel-save-output"),
    ]

    def __init__(self, session: Session, inspection_id: str, offered: list[Output], *, served: bool) -> None:
        super().__init__(classes="dialog")
        self.session, self.offered, self.served = session, offered, served
        engine = session.engine
        self.names = {o.id: outputs.file_name(engine, inspection=inspection_id, output=o) for o in offered}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static("Save as…", classes="dialog-title")
            with RadioSet(id="what", compact=True):
                for number, output in enumerate(self.offered):
                    yield RadioButton(output.label, value=number == 0, id=output.id, compact=True)
            if not self.served:
                yield Label("Folder")
                yield Input(str(default_folder()), id="folder", compact=True)
            yield Static("", id="save-target", classes="intro")
            yield Static("", id="folder-problem", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Download" if self.served else "Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.show_target()

    @property
    def chosen(self) -> Output:
        pressed = self.query_one(RadioSet).pressed_index
        return self.offered[max(pressed, 0)]

    @property
    def folder(self) -> str:
        return self.query_one("#folder", Input).value.strip()

    def target(self) -> Path:
        return Path(self.folder).expanduser() / self.names[self.chosen.id]

    def show_target(self) -> None:
        name = self.names[self.chosen.id]
        said = f"Your browser downloads it as {name}" if self.served else f"Saved as {self.target()}"
        self.query_one("#save-target", Static).update(Text(said))
        self.query_one("#folder-problem", Static).update("")

    def on_radio_set_changed(self) -> None:
        self.show_target()

    def on_input_changed(self) -> None:
        self.show_target()

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_save(self) -> None:
        output = self.chosen
        if self.served:
            self.dismiss(SaveRequest(output, self.names[output.id], None))
            return
        problem = outputs.folder_problem(self.session.engine, self.folder)
        if problem is not None:
            self.query_one("#folder-problem", Static).update(Text(problem.message))
            return
        request = SaveRequest(output, self.names[output.id], str(Path(self.folder).expanduser()))
        target = self.target()
        if not target.exists():
            self.dismiss(request)
            return
        from .confirm import Confirm

        def answer(replace: bool | None) -> None:
            if replace:
                self.dismiss(SaveRequest(output, request.file_name, request.folder, replace=True))

        self.app.push_screen(Confirm(f"Replace {target.name}?", f"{target} already exists.", yes="Replace"), answer)

    def action_cancel(self) -> None:
        self.dismiss(None)

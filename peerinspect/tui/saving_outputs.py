"""Save as… on a screen of one inspection: the dialog, then the write in a worker that ends in a notification.

Mixed into a Screen that also has SavesInBackground, `session`, `inspection_id`, and `outputs` (what the
rulebook lets this person take away, read with the rest of the screen).
"""

from __future__ import annotations

import io

from textual.binding import Binding

from ..engine import outputs
from ..engine.outputs import Output

SAVE_AS = Binding("w", "save_output", "Save as…", id="save-output", tooltip="Save the report or an export to a folder")
# Where the footer has no room left at 80 columns: F1 and the command palette list it.
SAVE_AS_OFF_FOOTER = Binding("w", "save_output", "Save as…", show=False, id="save-output",
                             tooltip="Save the action plan, the report or my deadlines to a folder")


class SavesOutputs:
    outputs: list[Output] = []
    # The issued version shown, when the screen shows one: that version is the one saved.
    version: int | None = None

    def action_save_output(self) -> None:
        from .screens.save_output import SaveOutputDialog

        if self.outputs:
            dialog = SaveOutputDialog(self.session, self.inspection_id, self.outputs, served=self.app.is_web)
            self.app.push_screen(dialog, self.save_output)

    def save_output(self, request) -> None:
        if request is None:
            return
        engine, me, inspection = self.session.engine, self.session.person_id, self.inspection_id
        asked = dict(as_person=me, inspection=inspection, output_id=request.output.id, version=self.version)
        if request.folder is None:
            self.save_in_background(lambda: outputs.render(engine, **asked),
                                    then=lambda payload: self.deliver(request, payload))
            return
        self.save_in_background(
            lambda: outputs.save(engine, folder=request.folder, replace=request.replace, **asked),
            then=lambda path: self.notify(str(path), title=f"Saved: {request.output.label}", timeout=10),
        )

    def deliver(self, request, payload: bytes) -> None:
        """Served to a browser: the same bytes go to the person's own downloads, nothing to the server's disk."""
        self.app.deliver_binary(io.BytesIO(payload), save_filename=request.file_name, mime_type=request.output.mime_type)
        self.notify(request.file_name, title=f"Sent to your browser: {request.output.label}", timeout=10)

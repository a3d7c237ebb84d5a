"""A Textual app that hands the browser a file as the report's Save as… does: bytes from memory, with a name.

Served by the same server and page as peerinspect (tests/serving/test_delivery.py), it shows that a file
delivered by the app arrives in the browser whole, through the page's own address.
"""

from __future__ import annotations

import io
import sys

from textual.app import App
from textual.widgets import Static

CONTENT = "<!DOCTYPE html><html><body><h1>Report</h1><p>Delivered whole: é ✓</p></body></html>\n".encode()


class DeliveringApp(App[None]):
    BINDINGS = [("d", "deliver", "Deliver")]

    def compose(self):
        yield Static("Press d to download the report")

    def action_deliver(self) -> None:
        self.deliver_binary(io.BytesIO(CONTENT), save_filename="report.html", mime_type="text/html")

    def on_delivery_complete(self, event) -> None:
        self.query_one(Static).update("Delivered")


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:  # serve PORT: this app to browsers, on peerinspect's page
        import shlex

        from peerinspect.serving.server import OwnPageServer

        command = f"{shlex.quote(sys.executable)} {shlex.quote(__file__)}"
        OwnPageServer(command, host="127.0.0.1", port=int(sys.argv[2])).serve()
    else:
        DeliveringApp().run()

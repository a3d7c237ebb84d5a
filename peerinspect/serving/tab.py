"""One browser tab's process: the terminal UI on the served workspace, always on the sign-in screen first.

The server starts one of these for each tab that connects: forked from a warm template process (zygote.py), or,
where that cannot be, as `python -m peerinspect.serving.tab WORKSPACE`. Textual
talks to the browser through the driver the server names in the environment. Nothing here reads `--as` or a
command-line sign-in: whoever uses the tab signs in on its screen.
"""

from __future__ import annotations

import sys
from pathlib import Path

NOT_REQUIRED = ("this workspace does not require sign-in, so it is not served: "
                "turn it on with peerinspect settings --sign-in-required yes")


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    if len(arguments) != 1:
        print("usage: python -m peerinspect.serving.tab WORKSPACE", file=sys.stderr)
        return 2
    return run_tab(Path(arguments[0]))


def run_tab(workspace: Path) -> int:
    """The terminal UI on `workspace` until the tab closes; the exit status the server's log reads."""
    from ..engine import accounts
    from ..engine.core import Engine
    from ..tui.app import make_app

    try:
        engine = Engine.open(workspace)
        # Checked again here, not only when the server starts: the setting may have been turned off since.
        if not accounts.required(engine):
            print(f"peerinspect: {NOT_REQUIRED}", file=sys.stderr)
            return 2
        app = make_app(engine)
        app.run()
        # The tab was closed, or its person quit: the session ends in the trail as a sign-out would.
        if app.signed is not None:
            accounts.sign_out(engine, app.signed.person.id, why="sign out (tab closed)")
    except Exception as error:  # noqa: BLE001 - the server's log gets a line, never a traceback with its locals
        print(f"peerinspect: the served session ended ({type(error).__name__}: {error})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

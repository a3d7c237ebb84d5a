"""`peerinspect`: opens the TUI, and every use case as a scriptable subcommand on the same engine.

Exit codes: 0 success; 2 bad input or a refused step (a message on stderr, nothing changed); 1 an internal fault;
3 the disk refused a write (full, read-only, not permitted: the message names the file and says what was saved);
4 some reminders could not be emailed (each named; the next `reminders --send` tries them again).
"""

from __future__ import annotations

import os
import sys

from .parser import build_parser

EXIT_OK, EXIT_FAULT, EXIT_BAD_INPUT, EXIT_DISK = 0, 1, 2, 3


def main(argv: list[str] | None = None) -> int:
    try:
        try:
            return _run(argv)
        finally:
            sys.stdout.flush()  # a reader that stopped early shows here, where it can still be handled
    except BrokenPipeError:
        # `peerinspect ... | head` stopped reading: that is the reader's choice, not a fault.
        _discard_further_output()
        return EXIT_OK


def _run(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    # Only a command that runs needs these: `--help` and a mistyped command answer without loading the engine.
    from ..domain.errors import InvalidInput, NotSaved, PeerInspectError
    from ..domain.limits import displayable

    try:
        if getattr(args, "output", None) or getattr(args, "shareable", False):
            from .output_paths import refuse_unsafe_output  # finds the workspace: loads the engine

            refuse_unsafe_output(args)
        return args.run(args) or EXIT_OK
    except NotSaved as error:
        # Its own code, so a script can tell "free some space and try again" from "fix the input".
        print(f"peerinspect: {error}", file=sys.stderr)
        return EXIT_DISK
    except InvalidInput as error:
        for problem in error.problems:
            print(displayable(f"peerinspect: {problem}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except PeerInspectError as error:
        print(displayable(f"peerinspect: {error}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        raise
    except Exception as error:  # noqa: BLE001 - the one place a fault becomes a message instead of a traceback
        if os.environ.get("PEERINSPECT_DEBUG"):
            raise
        print(
            f"peerinspect: internal fault ({type(error).__name__}: {error}). Nothing more was saved. "
            "Set PEERINSPECT_DEBUG=1 to see the details.",
            file=sys.stderr,
        )
        return EXIT_FAULT
    finally:
        if getattr(args, "_field_copy", None) is not None:
            from .context import close_workspace

            close_workspace(args)


def _discard_further_output() -> None:
    """Point stdout at the null device, so the interpreter's last flush on the way out cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def entry() -> None:
    sys.exit(main())

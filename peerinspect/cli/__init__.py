"""`peerinspect`: opens the TUI, and every use case as a scriptable subcommand on the same engine.

Exit codes: 0 success; 2 bad input or a refused step (a message on stderr, nothing changed); 1 an internal fault.
"""

from __future__ import annotations

import os
import sys

from ..domain.errors import InvalidInput, PeerInspectError
from ..domain.limits import displayable
from .parser import build_parser

EXIT_OK, EXIT_FAULT, EXIT_BAD_INPUT = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args) or EXIT_OK
    except InvalidInput as error:
        for problem in error.problems:
            print(displayable(f"peerinspect: {problem}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except PeerInspectError as error:
        print(displayable(f"peerinspect: {error}"), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the one place a fault becomes a message instead of a traceback
        if os.environ.get("PEERINSPECT_DEBUG"):
            raise
        print(
            f"peerinspect: internal fault ({type(error).__name__}: {error}). Nothing more was saved. "
            "Set PEERINSPECT_DEBUG=1 to see the details.",
            file=sys.stderr,
        )
        return EXIT_FAULT


def entry() -> None:
    sys.exit(main())

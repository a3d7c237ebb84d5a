"""`peerinspect serve`: the terminal UI to browsers, on a workspace where everyone signs in."""

from __future__ import annotations

from ..domain.errors import InvalidInput, Problem, Refused
from .context import engine

NEEDS_SIGN_IN = (
    "{root} does not require sign-in, so serving it would let anyone who reaches the page act as anyone. "
    "Give yourself a password (peerinspect account set YOUR NAME), then require sign-in "
    "(peerinspect settings --sign-in-required yes --as YOUR NAME), and serve it again."
)


def serve(args) -> int:
    from ..engine import accounts

    opened = engine(args)
    if opened.field_holder is not None:
        raise Refused("A field copy is not served: return it home (peerinspect field return) and serve the workspace.")
    if not accounts.required(opened):
        raise Refused(NEEDS_SIGN_IN.format(root=opened.root))
    from ..serving.server import WorkspaceServer

    server = WorkspaceServer(opened.root.resolve(), host=args.host, port=args.port)
    try:
        server.serve()
    except OSError as error:
        # Most often the port is taken, or the address is not this machine's: said with the option to change.
        raise InvalidInput(Problem("--port" if error.errno in (98, 13) else "--host",
                                   f"cannot listen on {args.host}:{args.port} ({error.strerror or error})")) from None
    return 0

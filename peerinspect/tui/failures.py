"""Any error a worker meets, put in words a person can act on: the app reports it and carries on."""

from __future__ import annotations

from ..domain.errors import PeerInspectError


def describe(error: BaseException, doing: str = "read this") -> str:
    if isinstance(error, PeerInspectError):
        return str(error)
    if isinstance(error, ValueError) and type(error).__name__ == "JSONDecodeError":
        return (f"Could not {doing}: a workspace file is damaged ({error}). Nothing was changed; "
                "other inspections can still be opened.")
    return f"Could not {doing} ({type(error).__name__}: {error}). Nothing was changed."

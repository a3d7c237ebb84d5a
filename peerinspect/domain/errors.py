"""Errors a person can act on. Each one says what is wrong in words a user understands."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from attrs import frozen


@frozen
class Problem:
    """One thing wrong with some input: where it is, and what is wrong with it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class PeerInspectError(Exception):
    """Base of every error that is the user's to fix rather than a fault in the program."""


class InvalidInput(PeerInspectError, ValueError):
    """Input that breaks a rule; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...] | Problem | str, field: str = ""):
        if isinstance(problems, str):
            problems = [Problem(field, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class NeedsConfirmation(InvalidInput):
    """Input that may be right but deserves a second look (personal data in notes); saved only when confirmed."""


class Refused(PeerInspectError):
    """A step the rules do not allow now, or that this person may not take."""


class NotSaved(PeerInspectError):
    """The disk would not take a save, or took only part of it: the message says what was and was not saved."""


class StoppedWaiting(Refused):
    """The person stopped waiting for another session's lock: nothing was saved."""


class NotFound(PeerInspectError, LookupError):
    """A record named by the user does not exist."""


class StaleRecord(PeerInspectError):
    """Someone else changed a record after it was read; saving would overwrite their work.

    The store knows who by their id (`changed_by`, from the record's last audit entry) and writes "someone else";
    whoever knows people by name gives the refusal their name with `naming`."""

    SOMEONE = "someone else"

    def __init__(self, message: str, *, changed_by: str = "", changed_at=None) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at

    def naming(self, who: str) -> "StaleRecord":
        return StaleRecord(str(self).replace(self.SOMEONE, who, 1), changed_by=self.changed_by,
                           changed_at=self.changed_at)


def require(problems: list[Problem]) -> None:
    """Raise once with every problem collected, so the user fixes them all in one go."""
    if problems:
        raise InvalidInput(problems)


def not_blank(instance: object, attribute, value: str) -> None:
    """attrs validator: a required text field left empty."""
    if not value or not value.strip():
        raise InvalidInput(Problem(attribute.name, "must not be empty"))


def did_you_mean(key: str, allowed: Iterable[str]) -> str:
    """A hint naming the allowed key nearest a misspelt one, or nothing when none is near."""
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def unknown_key(key: str, allowed: Iterable[str]) -> str:
    return f'unknown key "{key}"{did_you_mean(key, allowed)}'

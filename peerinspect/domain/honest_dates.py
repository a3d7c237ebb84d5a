"""Dates that could be true: nothing recorded after today, nothing before what it depends on.

Each check returns the reason in plain words, or None when the date is possible. Callers
name what is being dated ("The immediate plan", "Feedback"), so the message reads whole.
"""

from __future__ import annotations

from datetime import date


def not_in_future(what: str, on: date, today: date) -> str | None:
    if on > today:
        return f"{what} cannot be dated {on}: that is after today ({today})"
    return None


def not_before(what: str, on: date, earliest: date | None, because: str) -> str | None:
    """`because` names what the date depends on, as in "the concern was raised"."""
    if earliest is not None and on < earliest:
        return f"{what} cannot be dated {on}: {because} on {earliest}"
    return None


def problems(*found: str | None) -> list[str]:
    return [reason for reason in found if reason]

"""The bounds every accepted value lies within, set once: dates, text sizes, and what is safe to display.

A date outside 2000–2100 is a typing slip (9999-12-31, 0202-05-01), and would make deadline
arithmetic overflow for the whole authority; a 20 MB note makes every save of its inspection
slow. Records refuse both when they are built, so the CLI, the TUI, bundles and framework
files all meet the same limits, each naming the field and the limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta

import attrs

from .errors import InvalidInput, Problem

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)

# A deadline rule in a framework file: "two weeks" is typical; ten years is surely a slip.
LONGEST_DEADLINE_DAYS = 3660

# Names, references and ids: one line that fits a table column.
SHORT_TEXT = 200
# A title: built from a district's and a framework's names, so somewhat longer than either.
TITLE_TEXT = 500
# Prose: notes, findings, reasons. Generous, yet an inspection file stays quick to save.
LONG_TEXT = 20_000

_LIMIT_OF_FIELD: dict[str, int] = {
    "title": TITLE_TEXT,
    **{
        name: LONG_TEXT
        for name in (
            "notes", "note", "text", "description", "reasons", "reason", "difference_made", "strengths",
            "areas_for_development", "safeguarding_concern", "commentary", "first_action", "what",
            "sent_back_reason", "family_answers",
        )
    },
}


def text_limit(field: str) -> int:
    """How many characters a text field may hold."""
    return _LIMIT_OF_FIELD.get(field, SHORT_TEXT)


def date_problem(field: str, value: date) -> Problem | None:
    day = value.date() if isinstance(value, datetime) else value
    if EARLIEST <= day <= LATEST:
        return None
    return Problem(field, f"{day.isoformat()} is outside the dates peerinspect accepts ({EARLIEST} to {LATEST})")


def text_problem(field: str, value: str, limit: int | None = None) -> Problem | None:
    limit = text_limit(field) if limit is None else limit
    if len(value) <= limit:
        return None
    return Problem(field, f"{len(value):,} characters is more than the {limit:,} this field may hold")


def value_problems(field: str, value: object) -> list[Problem]:
    """What is out of bounds in one field's value: a date, a text, or a collection of them."""
    if isinstance(value, date):
        found = date_problem(field, value)
        return [found] if found else []
    if isinstance(value, str):
        found = text_problem(field, value)
        return [found] if found else []
    if isinstance(value, Mapping):
        problems = []
        for key, item in value.items():
            if isinstance(key, str) and (found := text_problem(f"{field}.{key}", key, SHORT_TEXT)):
                problems.append(found)
            if isinstance(item, str) and (found := text_problem(f"{field}.{key}", item, text_limit(field))):
                problems.append(found)
        return problems
    if isinstance(value, (tuple, list, frozenset, set)):
        return [p for index, item in enumerate(value) if not attrs.has(type(item))
                for p in value_problems(f"{field}[{index}]", item)]
    return []


# Off only while records are read back from the workspace: they were accepted when written, and a
# limit added since must not make a workspace unreadable. Anything changed or added is checked.
_checking_bounds: ContextVar[bool] = ContextVar("checking_bounds", default=True)


@contextmanager
def as_stored() -> Iterator[None]:
    """Build records as they were stored, without the bounds; every other invariant still holds."""
    token = _checking_bounds.set(False)
    try:
        yield
    finally:
        _checking_bounds.reset(token)


def _within_bounds(instance: object, attribute: attrs.Attribute, value: object) -> None:
    if not _checking_bounds.get():
        return
    problems = value_problems(attribute.name, value)
    if problems:
        raise InvalidInput(problems)


def within_limits(cls: type, fields: list[attrs.Attribute]) -> list[attrs.Attribute]:
    """attrs field transformer: every field of the record keeps its own validator and also stays within bounds.

    Use as `@frozen(kw_only=True, field_transformer=within_limits)`.
    """
    bounded = []
    for attribute in fields:
        validator = attribute.validator
        if validator is None:
            validator = _within_bounds
        elif not _already_bounded(validator):
            validator = attrs.validators.and_(validator, _within_bounds)
        bounded.append(attribute.evolve(validator=validator))
    return bounded


def _already_bounded(validator) -> bool:
    # An inherited field arrives already bounded by its base class.
    return validator is _within_bounds or _within_bounds in getattr(validator, "_validators", ())


def check_date(field: str, value: date) -> date:
    """The date itself, or InvalidInput naming the field when it is out of bounds."""
    found = date_problem(field, value)
    if found:
        raise InvalidInput(found)
    return value


def shifted(day: date, days: int) -> date:
    """`day` moved by `days`, held at the ends of the calendar instead of overflowing.

    Records refuse dates out of bounds, but a workspace written before they did may still hold
    one; deadline arithmetic on it must give an answer, not fail for the whole authority.
    """
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


# Control characters (C0, DEL, C1), and the bidirectional controls that make text read other than
# it is stored. A name holding "\x1b[2J" would clear the terminal of whoever lists the people.
# Joiners stay: names and emoji in some scripts need them.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def displayable(text: object, *, multiline: bool = False) -> str:
    """Text as it is safe to show on a terminal or screen: control and bidirectional characters removed.

    Newlines and tabs survive in multi-line text; in a single line (a table cell) they become spaces.
    """
    shown = _UNSAFE.sub("", str(text))
    if not multiline:
        shown = shown.replace("\t", " ").replace("\n", " ")
    return shown

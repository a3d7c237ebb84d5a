"""Records built from plain field values: ISO text for dates, values for choices, lists for tuples.

Forms, scripts and the engine hand over what a person typed; `Record.from_fields` turns it into a
validated record, or raises `InvalidInput` with one problem per bad field. No cattrs here: the
store's converter is for documents at the edges, this is the domain's own way in.
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, Mapping

import attrs

from .errors import InvalidInput, Problem, unknown_key

# A field's value that could not be read; the reason is already among the problems.
_UNREADABLE = object()


class Record:
    """Gives an attrs record class its named constructor from plain field values."""

    __slots__ = ()

    @classmethod
    def from_fields(cls, **values: Any):
        """The record these values describe, checked field by field; raises InvalidInput naming each bad field."""
        return build(cls, values)


def build(cls: type, values: Mapping[str, Any], path: str = ""):
    problems: list[Problem] = []
    hints = _hints(cls)
    fields = {f.name: f for f in attrs.fields(cls)}
    read: dict[str, Any] = {}
    for name, value in values.items():
        if name not in fields:
            problems.append(Problem(path, unknown_key(name, fields)))
            continue
        read[name] = _read(value, hints[name], _join(path, name), problems)
    for name, field in fields.items():
        if name not in values and field.default is attrs.NOTHING:
            problems.append(Problem(_join(path, name), "required field missing"))
    if problems:
        raise InvalidInput(problems)
    try:
        return cls(**read)
    except InvalidInput as error:
        raise InvalidInput([Problem(_join(path, p.field), p.message) for p in error.problems]) from None
    except (TypeError, ValueError) as error:
        raise InvalidInput(Problem(path, str(error))) from None


def parse_date(value: Any, field: str = "") -> date:
    """A date given as a date or as ISO text (YYYY-MM-DD)."""
    # Every stored date passes here: the common cases first, the full reading (which names what is wrong) after.
    if type(value) is date:
        return value
    if type(value) is str:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems: list[Problem] = []
    # Straight to the date reader: every stored date comes through here, and the general reader's look at what kind
    # of type it was given cost about a tenth of building a record.
    parsed = _day(value, field, problems)
    if problems:
        raise InvalidInput(problems)
    return parsed


def _read(value: Any, kind: Any, where: str, problems: list[Problem]) -> Any:
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (kind,) = [a for a in args if a is not type(None)]
        return _read(value, kind, where, problems)
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            return _problem(problems, where, "should be a list")
        return tuple(_read(item, args[0], f"{where}[{i}]", problems) for i, item in enumerate(value))
    if origin is dict or kind is dict:
        return dict(value) if isinstance(value, Mapping) else _problem(problems, where, "should be a set of named values")
    if attrs.has(kind):
        if isinstance(value, kind):
            return value
        if not isinstance(value, Mapping):
            return _problem(problems, where, "should be a set of named values")
        try:
            return build(kind, value, where)
        except InvalidInput as error:
            problems.extend(error.problems)
            return _UNREADABLE
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _choice(value, kind, where, problems)
    if kind is datetime:
        return _moment(value, where, problems)
    if kind is date:
        return _day(value, where, problems)
    if kind is bool:
        return value if isinstance(value, bool) else _problem(problems, where, "should be true or false")
    if kind is int:
        is_whole = isinstance(value, int) and not isinstance(value, bool)
        return value if is_whole else _problem(problems, where, "should be a whole number")
    if kind is str:
        return value if isinstance(value, str) else _problem(problems, where, "should be text")
    return value


def _choice(value: Any, kind: type[Enum], where: str, problems: list[Problem]) -> Any:
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except (ValueError, TypeError):
        allowed = ", ".join(str(member.value) for member in kind)
        return _problem(problems, where, f"{value!r} is not one of the allowed values ({allowed})")


def _day(value: Any, where: str, problems: list[Problem]) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if value is None or value == "":
        return _problem(problems, where, "a date is required: write it as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return _problem(problems, where, f"{value!r} is not a date: write it as YYYY-MM-DD")


def _moment(value: Any, where: str, problems: list[Problem]) -> Any:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return _problem(problems, where, f"{value!r} is not a date and time")


def _problem(problems: list[Problem], where: str, message: str) -> Any:
    problems.append(Problem(where, message))
    return _UNREADABLE


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path and name else path or name


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)

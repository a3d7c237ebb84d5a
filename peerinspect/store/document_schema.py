"""JSON Schema for stored documents, read off the attrs record classes: the shape the converter writes.

Each record class becomes one definition: its fields as properties (those without a default required), no
other keys allowed, plus the document's `_kind` and `_schema`. Enums give their stored values; nested records
and enums are definitions of their own, shared by every field that holds them. Lengths and date ranges are
not repeated here: the records themselves refuse values out of bounds, with messages naming the limit.
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any

import attrs

from .converter import KIND_KEY, SCHEMA_KEY

DEFINITIONS = "#/$defs/"
# What isoformat() writes for a moment: a date, "T", then the time.
MOMENT_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"


class Definitions:
    """The `$defs` of one schema: each record class and enum used, by class name."""

    def __init__(self) -> None:
        self.by_name: dict[str, dict] = {}

    def ref(self, cls: type) -> dict:
        if cls.__name__ not in self.by_name:
            self.by_name[cls.__name__] = {}  # reserved first, so a record that nests itself ends
            self.by_name[cls.__name__] = _enum(cls) if issubclass(cls, Enum) else self._record(cls)
        return {"$ref": DEFINITIONS + cls.__name__}

    def _record(self, cls: type) -> dict:
        hints = typing.get_type_hints(cls)
        fields = attrs.fields(cls)
        properties = {field.name: self.value(hints[field.name]) for field in fields}
        if getattr(cls, "KIND", None):
            properties = {KIND_KEY: {"const": cls.KIND}, SCHEMA_KEY: {"type": "integer", "minimum": 1}, **properties}
        return {
            "type": "object",
            "properties": properties,
            "required": [field.name for field in fields if field.default is attrs.NOTHING],
            "additionalProperties": False,
        }

    def value(self, kind: Any) -> dict:
        """The schema of one field's value, as the converter writes it."""
        origin, args = typing.get_origin(kind), typing.get_args(kind)
        if origin in (typing.Union, types.UnionType):
            (present,) = [a for a in args if a is not type(None)]
            return _or_null(self.value(present))
        if origin is tuple:
            return {"type": "array", "items": self.value(args[0])}
        if origin is dict:
            return {"type": "object", "additionalProperties": self.value(args[1])}
        if kind is dict:
            return {"type": "object"}
        if attrs.has(kind) or (isinstance(kind, type) and issubclass(kind, Enum)):
            return self.ref(kind)
        simple = {
            str: {"type": "string"},
            bool: {"type": "boolean"},
            int: {"type": "integer"},
            datetime: {"type": "string", "pattern": MOMENT_PATTERN},
            date: {"type": "string", "format": "date"},
        }
        if kind in simple:
            return dict(simple[kind])
        raise TypeError(f"no JSON Schema for a field of type {kind!r}")


def _enum(cls: type[Enum]) -> dict:
    return {"enum": [member.value for member in cls]}


def _or_null(schema: dict) -> dict:
    """The same value, or null: kept a plain type or enum where it can be, so errors stay plain."""
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}

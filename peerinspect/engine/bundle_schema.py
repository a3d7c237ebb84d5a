"""The bundle's published JSON Schema: made from the record classes, shipped in the package, checked on every import.

The schema is the contract for anyone writing or reading a bundle outside peerinspect: every key a bundle may
hold, and nothing else. `python -m peerinspect.engine.bundle_schema` writes peerinspect/schemas/bundle.schema.json
again; a test keeps the shipped file equal to what the record classes give, so the two never drift apart.
Documents are described at the current schema version (`_schema`); a migration that renames a field must keep
the older shape acceptable here too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from ..domain.authority import Area, District, Person
from ..domain.dossier import INSPECTION_RECORD_CLASSES
from ..domain.errors import InvalidInput, Problem, did_you_mean, unknown_key
from ..domain.inspection import Inspection
from ..store.document_schema import Definitions

FORMAT = "peerinspect-bundle"
FORMAT_VERSION = 1
SCHEMA_FILE = "bundle.schema.json"
SCHEMA_FOLDER = "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# How a value of the wrong JSON type is described, by the type the schema wanted.
_TYPE_WORDS = {"array": "a JSON list", "object": "a JSON object", "string": "text", "integer": "a whole number",
               "boolean": "true or false", "null": "null"}


def generate() -> dict:
    """The bundle's schema, from the record classes as they are now."""
    definitions = Definitions()
    listed = {name: {"type": "array", "items": definitions.ref(cls)} for name, cls in
              (("areas", Area), ("districts", District), ("people", Person))}
    records = {cls.KIND: {"type": "array", "items": definitions.ref(cls)} for cls in INSPECTION_RECORD_CLASSES}
    return {
        "$schema": DRAFT,
        "title": "peerinspect bundle",
        "description": (
            "One whole inspection with the areas, districts and people it needs, each document exactly as the "
            "workspace stores it. Import refuses any key not listed here."
        ),
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
            **listed,
            "inspection": definitions.ref(Inspection),
            "records": {"type": "object", "properties": records, "additionalProperties": False},
        },
        "required": ["format", "inspection"],
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.by_name.items())),
    }


def schema_text(schema: dict) -> str:
    return json.dumps(schema, indent=1, ensure_ascii=False) + "\n"


def shipped_text() -> str:
    return resources.files("peerinspect").joinpath(SCHEMA_FOLDER, SCHEMA_FILE).read_text(encoding="utf-8")


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(shipped_text()), format_checker=FormatChecker())


def validate(raw: Any, source: str) -> None:
    """Refuse a bundle the schema does not describe, with one problem per place: the file, the JSON path, what is wrong."""
    found = [problem for error in _validator().iter_errors(raw) for problem in _explain(error)]
    if found:
        ordered = sorted(dict.fromkeys(found), key=lambda p: p.field)
        raise InvalidInput([Problem(f"{source}: {p.field}" if p.field else source, p.message) for p in ordered])


def _explain(error: ValidationError) -> list[Problem]:
    where = json_path(error.absolute_path)
    keyword, instance, schema = error.validator, error.instance, error.schema
    if keyword == "anyOf":
        # A value or null: what is wrong is what is wrong with it as a value (the first choice).
        return [p for e in error.context or () if e.relative_schema_path[0] == 0 for p in _explain(e)]
    if keyword == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extra = sorted(key for key in instance if key not in allowed)
        if where == "records":
            return [Problem(f"records.{k}", f"not a kind of inspection record{did_you_mean(k, allowed)}") for k in extra]
        return [Problem(where or key, unknown_key(key, allowed)) for key in extra]
    if keyword == "required":
        return [Problem(json_path([*error.absolute_path, name]), "required field missing")
                for name in error.validator_value if name not in instance]
    if keyword == "type":
        wanted = [error.validator_value] if isinstance(error.validator_value, str) else error.validator_value
        message = "must be " + " or ".join(_TYPE_WORDS[t] for t in wanted)
        return [Problem(where, message + (" of record kinds" if where == "records" else ""))]
    if keyword == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value if v is not None)
        return [Problem(where, f"{instance!r} is not one of the allowed values ({allowed})")]
    if keyword == "const":
        return [Problem(where, f"should be {error.validator_value!r}, not {instance!r}")]
    if keyword == "format":
        return [Problem(where, f"{instance!r} is not a date: write it as YYYY-MM-DD")]
    if keyword == "pattern":
        return [Problem(where, f"{instance!r} is not a date and time")]
    return [Problem(where, error.message)]


def json_path(parts: Iterable[str | int]) -> str:
    """A place in the bundle as the messages name it: records.observation[0].setting."""
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m peerinspect.engine.bundle_schema",
                                     description="Write the bundle's JSON Schema, made from the record classes.")
    default = Path(__file__).resolve().parents[1] / SCHEMA_FOLDER / SCHEMA_FILE
    parser.add_argument("--output", type=Path, default=default, help=f"the file to write (default: {default})")
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(schema_text(generate()), encoding="utf-8", newline="\n")
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

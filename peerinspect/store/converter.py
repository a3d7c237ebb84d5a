"""The one converter between domain records and stored documents, with the schema version on each."""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import Enum
from typing import Any, Callable

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter

from ..domain.accounts import Account, SignInKey, UnknownSignIns
from ..domain.anchors import AnchorLink
from ..domain.audit import AuditEntry
from ..domain.authority import Area, District, Person
from ..domain.dossier import INSPECTION_RECORD_CLASSES
from ..domain.errors import InvalidInput, Problem, unknown_key
from ..domain.field_copies import Conflict, FieldCopy, FieldSave
from ..domain.inspection import Inspection
from ..domain.records import parse_date
from ..domain.limits import as_stored
from ..domain.sent_reminders import SentReminders
from ..domain.settings import Settings
from ..domain.summary import InspectionSummary

SCHEMA_VERSION = 1
# Leading underscores keep these apart from record fields (an Inspection has its own `kind`).
KIND_KEY = "_kind"
SCHEMA_KEY = "_schema"

# kind -> record class, from the kind each class declares.
RECORD_CLASSES: tuple[type, ...] = (
    Area, District, Person, Settings, InspectionSummary, Inspection, *INSPECTION_RECORD_CLASSES, AuditEntry, AnchorLink,
    FieldCopy, FieldSave, Conflict, Account, SignInKey, UnknownSignIns, SentReminders,
)
KINDS: dict[str, type] = {cls.KIND: cls for cls in RECORD_CLASSES}

# MIGRATIONS[n] turns a document of schema n into schema n + 1.
Migration = Callable[[str, dict], dict]
MIGRATIONS: dict[int, Migration] = {}

# Unknown keys are refused: a misspelt field in a file must never be dropped silently.
converter = make_converter(forbid_extra_keys=True)

# Callers in Python hand over dates as dates, files hand over ISO text: the domain reads both.
converter.register_structure_hook(date, lambda value, _: parse_date(value))
converter.register_structure_hook(
    datetime, lambda v, _: v if isinstance(v, datetime) else datetime.fromisoformat(v)
)
# An audit entry's changes are plain JSON already (audit.next_entry makes them so): stored as they are, not walked
# value by value, which for an entry adding a whole inspection is most of the time its save takes.
converter.register_unstructure_hook(
    AuditEntry, make_dict_unstructure_fn(AuditEntry, converter, changes=override(unstruct_hook=lambda changes: changes))
)


def kind_of(record: Any) -> str:
    return record.KIND


def to_document(record: Any) -> dict:
    document = converter.unstructure(record)
    document[KIND_KEY] = kind_of(record)
    document[SCHEMA_KEY] = SCHEMA_VERSION
    return document


def migrate(document: dict) -> dict:
    version = document.get(SCHEMA_KEY, 1)
    if version > SCHEMA_VERSION:
        raise InvalidInput(
            Problem("schema", f"this workspace was written by a newer peerinspect (schema {version}); upgrade to open it")
        )
    while version < SCHEMA_VERSION:
        document = MIGRATIONS[version](document[KIND_KEY], dict(document))
        version += 1
        document[SCHEMA_KEY] = version
    return document


def from_document(document: dict) -> Any:
    """A record read back from the workspace, as it was stored (see `limits.as_stored`)."""
    with as_stored():
        return from_new_document(document)


def from_new_document(document: dict) -> Any:
    """A record arriving from outside in a stored document's shape (a bundle): every limit applies."""
    document = migrate(document)
    fields = {k: v for k, v in document.items() if k not in (KIND_KEY, SCHEMA_KEY)}
    return structure(fields, KINDS[document[KIND_KEY]])


def structure(data: Any, cls: type) -> Any:
    """Build a record from plain data (a bundle, a JSON file, a stored document), naming each bad field and refusing unknown keys."""
    try:
        return converter.structure(data, cls)
    except InvalidInput:
        raise
    except (cattrs.BaseValidationError, cattrs.ForbiddenExtraKeysError) as error:
        raise InvalidInput(problems_of(error)) from None


def problems_of(error: BaseException) -> list[Problem]:
    """cattrs' validation errors as problems, each naming its field as a path (`team[0].role`)."""
    problems = []
    for line in cattrs.transform_error(error, path="", format_exception=_describe):
        message, _, path = line.rpartition(" @ ")
        for part in message.split("\n"):
            # A record's own check names its field itself: it sits below the path where the record was built.
            field, tab, said = part.partition(FIELD_SEPARATOR)
            where = _field_path(path)
            if tab:
                where = ".".join(p for p in (where, field) if p)
            problems.append(Problem(where, said if tab else part))
    return problems


FIELD_SEPARATOR = "\t"


def _field_path(path: str) -> str:
    return re.sub(r"\['([^']*)'\]", r".\1", path).lstrip(".")


def _describe(error: BaseException, cls: type | None) -> str:
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        allowed = [a.name for a in attrs.fields(error.cl)] if attrs.has(error.cl) else []
        return "\n".join(unknown_key(key, allowed) for key in sorted(error.extra_fields))
    if isinstance(error, InvalidInput):
        return "\n".join(f"{p.field}{FIELD_SEPARATOR}{p.message}" for p in error.problems)
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, ValueError) and isinstance(cls, type) and issubclass(cls, Enum):
        allowed = ", ".join(str(member.value) for member in cls)
        return f"{str(error).split(' is not a valid')[0]} is not one of the allowed values ({allowed})"
    if isinstance(error, TypeError) and error.args and isinstance(error.args[0], str):
        return error.args[0].split(" (got")[0].replace("'", "")
    return str(error) or type(error).__name__

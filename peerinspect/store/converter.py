"""The one converter between domain records and stored documents, with the schema version on each."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable

import cattrs
from cattrs.preconf.json import make_converter

from ..domain.actions import Action
from ..domain.audit import AuditEntry
from ..domain.authority import Area, District, Person
from ..domain.errors import InvalidInput, Problem
from ..domain.evidence import Conversation, FileReview, Observation, PerformanceIndicator
from ..domain.findings import EmergingFinding, Judgement, Recommendation
from ..domain.inspection import Inspection
from ..domain.limits import as_stored
from ..domain.report import IssuedReport
from ..domain.safeguarding import SafeguardingConcern
from ..domain.settings import Settings
from ..domain.summary import InspectionSummary

SCHEMA_VERSION = 1
# Leading underscores keep these apart from record fields (an Inspection has its own `kind`).
KIND_KEY = "_kind"
SCHEMA_KEY = "_schema"

# kind -> record class. The kind names a document's table and is stored in it; never rename one.
KINDS: dict[str, type] = {
    "area": Area,
    "district": District,
    "person": Person,
    "settings": Settings,
    "summary": InspectionSummary,
    "inspection": Inspection,
    "file_review": FileReview,
    "observation": Observation,
    "conversation": Conversation,
    "indicator": PerformanceIndicator,
    "finding": EmergingFinding,
    "judgement": Judgement,
    "recommendation": Recommendation,
    "concern": SafeguardingConcern,
    "action": Action,
    "report": IssuedReport,
    "audit": AuditEntry,
}
KIND_OF: dict[type, str] = {cls: kind for kind, cls in KINDS.items()}

# MIGRATIONS[n] turns a document of schema n into schema n + 1.
Migration = Callable[[str, dict], dict]
MIGRATIONS: dict[int, Migration] = {}

converter = make_converter()
# Callers in Python hand over dates as dates, files and forms hand over ISO text: accept both.
def _date(value: Any, _: type) -> date:
    if isinstance(value, date):
        return value
    if value is None or value == "":
        raise ValueError("a date is required: write it as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a date: write it as YYYY-MM-DD") from None


converter.register_structure_hook(date, _date)
converter.register_structure_hook(
    datetime, lambda v, _: v if isinstance(v, datetime) else datetime.fromisoformat(v)
)


def kind_of(record: Any) -> str:
    return KIND_OF[type(record)]


def unstructure(record: Any) -> dict:
    return converter.unstructure(record)


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
    """Build a record from plain data (a bundle, a JSON file, CLI flags), naming each bad field."""
    try:
        return converter.structure(data, cls)
    except InvalidInput:
        raise
    except cattrs.BaseValidationError as error:
        raise InvalidInput(_problems(error)) from None


def _problems(error: BaseException, path: str = "") -> list[Problem]:
    """Flatten cattrs' nested validation errors into problems that name the field."""
    if isinstance(error, InvalidInput):
        return [Problem(_join(path, p.field), p.message) for p in error.problems]
    if isinstance(error, cattrs.BaseValidationError):
        problems: list[Problem] = []
        for inner in error.exceptions:
            where = path
            for note in getattr(inner, "__notes__", []):
                name = getattr(note, "name", getattr(note, "index", None))
                if name is not None:
                    where = _join(path, str(name))
            problems.extend(_problems(inner, where))
        return problems
    if isinstance(error, KeyError):
        return [Problem(path, "required field missing")]
    if isinstance(error, ValueError) and "is not a valid" in str(error):
        return [Problem(path, str(error).split(" is not a valid")[0] + " is not one of the allowed values")]
    return [Problem(path, _plain(error))]


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path and name else path or name


def _plain(error: BaseException) -> str:
    if isinstance(error, TypeError) and error.args and isinstance(error.args[0], str):
        return error.args[0].split(" (got")[0].replace("'", "")
    return str(error) or type(error).__name__

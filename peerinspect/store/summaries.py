"""The index's summaries as records: each converted once, and reused while its document is unchanged.

A county's index holds a summary of every inspection it ever held, most of them closed. Lists
need only each summary's inspection; views of open work (dashboards, deadlines) pass over a
summary settled before today by the day stored in its document, without converting it. What is
converted is kept until its document changes, so a refresh after another session's save converts
only the summary that save changed.

A summary stored before summaries were compact (every action whole, no settled day) is read in
its current shape here, and rewritten in it when the workspace is opened (index_check.py).
"""

from __future__ import annotations

from datetime import date

import orjson
from attrs import define, frozen

from ..domain.actions import Action
from ..domain.cycle import ScheduledInspection
from ..domain.inspection import Inspection
from ..domain.limits import as_stored
from ..domain.permissions import Involvement
from ..domain.safeguarding import SafeguardingConcern
from ..domain.summary import InspectionSummary, settled
from .converter import KIND_KEY, SCHEMA_KEY, from_document, migrate, structure, to_document

SETTLED_KEY = "settled_on"


@frozen(kw_only=True)
class _WholeSummary:
    """A summary's shape before summaries were compact: every action whole, progress notes and all."""

    inspection: Inspection
    concerns: tuple[SafeguardingConcern, ...] = ()
    actions: tuple[Action, ...] = ()


def is_current(document: dict) -> bool:
    """Whether a stored summary has the shape this version writes."""
    return SETTLED_KEY in document


def settled_mark(summary: InspectionSummary) -> str | None:
    """The day a summary settled, as its document stores it."""
    return summary.settled_on.isoformat() if summary.settled_on else None


def summary_document(summary: InspectionSummary) -> dict:
    """A summary as the index stores it: with the day it settled beside it, readable without converting it.

    Like the rest of the summary it is checked against the inspection file on opening (index_check.py).
    """
    document = to_document(summary)
    document[SETTLED_KEY] = settled_mark(summary)
    return document


def summary_from_document(document: dict) -> InspectionSummary:
    """The summary a stored document holds, in whichever shape it was stored."""
    if is_current(document):
        return from_document({k: v for k, v in document.items() if k != SETTLED_KEY})
    document = migrate(dict(document))
    with as_stored():
        whole = structure({k: v for k, v in document.items() if k not in (KIND_KEY, SCHEMA_KEY)}, _WholeSummary)
    return InspectionSummary(inspection=whole.inspection, concerns=whole.concerns, actions=whole.actions)


def _inspection_from_document(document: dict) -> Inspection:
    with as_stored():
        return structure(migrate(document)["inspection"], Inspection)


def _scheduled_from_document(document: dict) -> ScheduledInspection:
    stored = migrate(document)["inspection"]
    fields = {name: stored[name] for name in _SCHEDULED_FIELDS if name in stored}
    fields["is_cancelled"] = stored.get("cancelled") is not None
    with as_stored():
        return structure(fields, ScheduledInspection)


_SCHEDULED_FIELDS = ("id", "district_id", "kind", "fieldwork_start", "fieldwork_end", "stage", "title")


def _may_involve(document: dict, involvement: Involvement) -> bool:
    stored = migrate(document).get("inspection")
    try:
        return involvement.covers(stored["lead_id"], [m["person_id"] for m in stored["team"]], stored["district_id"])
    except (KeyError, TypeError):
        return True  # not in the shape this version writes: read whole, which names what is wrong


def _stored_settled_on(document: dict) -> date | None:
    # A day that cannot be read counts as none: the summary is then read whole, which names what is wrong.
    try:
        return date.fromisoformat(document[SETTLED_KEY])
    except (KeyError, TypeError, ValueError):
        return None


@define
class _Converted:
    version: str | bytes  # what tells whether the document has changed since
    document: dict
    settled_on: date | None
    summary: InspectionSummary | None = None
    inspection: Inspection | None = None
    schedule: ScheduledInspection | None = None

    def whole(self) -> InspectionSummary:
        if self.summary is None:
            self.summary = summary_from_document(self.document)
            self.inspection = self.summary.inspection
        return self.summary

    def listed(self) -> Inspection:
        if self.inspection is None:
            self.inspection = _inspection_from_document(self.document)
        return self.inspection

    def scheduled(self) -> ScheduledInspection:
        if self.schedule is None:
            self.schedule = _scheduled_from_document(self.document)
        return self.schedule


class ConvertedSummaries:
    """The summaries of one index, converted on first use. Not thread-safe: the workspace serialises its use."""

    def __init__(self) -> None:
        self._table: dict | None = None
        self._entries: dict[str, _Converted] = {}
        self._digests: dict[str, str] = {}

    def follow(self, table: dict, digests: dict[str, str]) -> None:
        """Catch up with the summary table as now parsed, keeping what was converted from documents still the same.

        Each document is known by the digest its stamp holds, written with it by every save and checked against it
        on opening; a document without one is known by its bytes. The table object alone proves nothing: a
        write by this process changes the table in place.
        """
        if table is self._table and digests == self._digests and len(table) == len(self._entries):
            return
        entries = {}
        for inspection_id, document in table.items():
            version = digests.get(inspection_id) or orjson.dumps(document)
            kept = self._entries.get(inspection_id)
            if kept is not None and kept.version == version:
                kept.document = document
            else:
                kept = _Converted(version, document, _stored_settled_on(document))
            entries[inspection_id] = kept
        self._table, self._entries, self._digests = table, entries, dict(digests)

    def summary(self, inspection_id: str) -> InspectionSummary | None:
        entry = self._entries.get(inspection_id)
        return entry.whole() if entry is not None else None

    def summaries(self, *, open_on: date | None = None) -> list[InspectionSummary]:
        """Every summary, in fieldwork order; with `open_on`, only those that may have work open that day."""
        found = [
            entry.whole() for entry in self._entries.values()
            if open_on is None or not settled(entry.settled_on, open_on)
        ]
        return sorted(found, key=lambda s: (s.inspection.fieldwork_start, s.id))

    def inspections(self, involving: Involvement | None = None) -> list[Inspection]:
        """The inspection of every summary, in fieldwork order, converting nothing else; with `involving`, only of
        those it covers, the others passed over by a glance at their documents."""
        entries = self._entries.values()
        if involving is not None:
            entries = [entry for entry in entries if _may_involve(entry.document, involving)]
        return sorted((entry.listed() for entry in entries), key=lambda i: (i.fieldwork_start, i.id))

    def scheduled(self) -> list[ScheduledInspection]:
        """Every summary's inspection as the cycle plan reads it, in fieldwork order."""
        return sorted((entry.scheduled() for entry in self._entries.values()), key=lambda i: (i.fieldwork_start, i.id))

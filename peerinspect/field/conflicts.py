"""Conflicts brought home by field copies, listed for those who may settle them, and settled at home.

A conflict is settled by keeping one of its versions, or by writing a merged text over the record; either
way the record is saved once more and the conflict keeps what was decided, by whom and when. Nothing is
deleted: the versions not kept stay in the settled conflict and in the audit trail.
"""

from __future__ import annotations

from datetime import datetime

import attrs
from attrs import frozen

from ..domain.errors import InvalidInput, Problem
from ..domain.evidence import EVIDENCE_KINDS, check_against_framework
from ..domain.field_copies import Conflict, ConflictVersion, FieldCopy, Resolution, fingerprint
from ..domain.permissions import Act, decide
from ..engine.access import require
from ..engine.core import Engine, one
from ..store.converter import KINDS, from_new_document, to_document

# Fields a merged text cannot change: which record it is, whose, and of what inspection.
FIXED_FIELDS = ("id", "revision", "inspection_id", "author_id", "raised_by")


@frozen
class Source:
    """Where a version came from: someone's field copy, or home."""

    who: str
    saved_at: datetime | None
    at_home: bool = False

    def __str__(self) -> str:
        when = f", saved {self.saved_at:%Y-%m-%d %H:%M}" if self.saved_at else ""
        return f"{self.who} at home{when}" if self.at_home else f"{self.who}'s field copy{when}"


@frozen
class VersionView:
    version: ConflictVersion
    sources: tuple[Source, ...]
    shown: bool  # what the record shows now


@frozen
class ConflictView:
    conflict: Conflict
    versions: tuple[VersionView, ...]
    may_settle: bool

    @property
    def what(self) -> str:
        kind = self.conflict.record_kind.replace("_", " ")
        return f"{kind} {self.conflict.record_id[:8]}"


def conflicts_for(engine: Engine, *, as_person: str, inspection: str, settled: bool = False) -> list[ConflictView]:
    """The conflicts of an inspection this person may settle (the lead: all), open ones only unless `settled`."""
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    district = engine.district_of(summary.inspection)
    require(engine, person, Act.READ_INSPECTION, summary.inspection, district)
    conflicts = engine.workspace.records(summary.id, Conflict)
    copies = engine.workspace.records(summary.id, FieldCopy)
    names = {p.id: p.name for p in engine.people()}
    shown_now = {}
    if conflicts:
        documents = engine.workspace.stored_documents(summary.id)
        shown_now = {c.id: fingerprint(documents.get(c.key, {})) for c in conflicts}
    views = []
    for conflict in sorted(conflicts, key=lambda c: (c.record_kind, c.record_id, c.number)):
        if not settled and not conflict.is_open:
            continue
        may = decide(person, Act.RESOLVE_CONFLICT, summary.inspection, district, conflict=conflict,
                     field_holder=engine.field_holder)
        if may is not None and conflict.is_open:
            continue
        versions = tuple(
            VersionView(version=v, sources=_sources(conflict, v, copies, names), shown=v.fingerprint == shown_now[conflict.id])
            for v in conflict.versions
        )
        views.append(ConflictView(conflict=conflict, versions=versions, may_settle=may is None))
    return views


def _sources(conflict: Conflict, version: ConflictVersion, copies: list[FieldCopy], names: dict[str, str]) -> tuple[Source, ...]:
    found = [
        Source(names.get(c.holder_id, c.holder_id[:8]), c.contributed[conflict.key].saved_at)
        for c in copies
        if conflict.key in c.contributed and c.contributed[conflict.key].fingerprint == version.fingerprint
    ]
    if version.from_home:
        found.insert(0, Source(names.get(version.saved_by, "someone"), version.saved_at, at_home=True))
    return tuple(found)


def settle_conflict(
    engine: Engine, *, as_person: str, inspection: str, conflict_id: str, keep: str | None = None,
    fields: dict | None = None,
) -> Conflict:
    """Settle a conflict: keep the version named by (a prefix of) its fingerprint, or write `fields` over the record."""
    if bool(keep) == bool(fields):
        raise InvalidInput(Problem("keep", "say which version to keep, or write the merged text, not both"))
    person = engine.person(as_person)
    with engine.editing(inspection) as (tx, current, framework):
        conflict = one(tx.all(Conflict), conflict_id, "conflict")
        require(engine, person, Act.RESOLVE_CONFLICT, current, conflict=conflict)
        cls = KINDS[conflict.record_kind]
        held = tx.get(cls, conflict.record_id)
        if keep:
            version = conflict.version(keep)
            if version is None:
                known = ", ".join(v.fingerprint[:8] for v in conflict.versions)
                raise InvalidInput(Problem("keep", f"{keep!r} names none of this conflict's versions ({known})"))
            settled = from_new_document({**version.document, "revision": held.revision})
        else:
            changes = {k: v for k, v in fields.items() if k not in FIXED_FIELDS}
            document = {**to_document(held), **changes}
            settled = from_new_document(document)
        if cls.KIND in EVIDENCE_KINDS and (problems := check_against_framework(settled, framework)):
            raise InvalidInput(problems)
        tx.attribute(at=engine.now(), actor_id=person.id, action="settle conflict")
        tx.put(settled)
        kept = version.fingerprint if keep else ""
        return tx.put(attrs.evolve(conflict, resolution=Resolution(by=person.id, at=engine.now(), kept=kept)))

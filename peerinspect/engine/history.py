"""The audit trail as people read it: a whole inspection's, or one record's history."""

from __future__ import annotations

from ..domain.audit import AuditEntry, chain_problems, touches, unaccounted_records
from ..domain.errors import NotFound
from ..domain.permissions import Act, decide
from .access import require
from .core import Engine
from .evidence import dossier_for


def audit_trail(engine: Engine, *, as_person: str, inspection: str) -> list[AuditEntry]:
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    require(engine, person, Act.READ_AUDIT, summary.inspection)
    return engine.workspace.audit_entries(summary.id)


def audit_problems(engine: Engine, *, as_person: str, inspection: str) -> list[str]:
    """Every sign of tampering: a broken chain, or a record whose content the trail does not account for."""
    entries = audit_trail(engine, as_person=as_person, inspection=inspection)
    summary = engine.summary(inspection)
    return (
        chain_problems(entries)
        + unaccounted_records(entries, engine.workspace.stored_documents(summary.id))
        + engine.workspace.index_problems([summary.id])
    )


def record_history(engine: Engine, *, as_person: str, inspection: str, record_id: str) -> list[AuditEntry]:
    """Who changed one record, when, and what they changed, oldest first.

    Open to those who may read the whole trail, and to those who may see the record:
    evidence they may read, or the actions of a plan they may read.
    """
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    district = engine.district(summary.inspection.district_id)
    if decide(person, Act.READ_AUDIT, summary.inspection, district) is not None:
        dossier = dossier_for(engine, as_person=person.id, inspection=summary.id)
        visible = {e.id for e in dossier.evidence}
        if decide(person, Act.READ_ISSUED_REPORT, summary.inspection, district) is None:
            visible |= {a.id for a in dossier.actions}
        if record_id not in visible:
            require(engine, person, Act.READ_AUDIT, summary.inspection, district)
    entries = [e for e in engine.workspace.audit_entries(summary.id) if touches(e, record_id)]
    if not entries:
        raise NotFound(f"No history for record {record_id!r} in this inspection")
    return entries

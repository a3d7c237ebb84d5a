"""Recording evidence: file reviews, observations, conversations and performance indicators."""

from __future__ import annotations

import attrs

from ..domain.dossier import Dossier
from ..domain.errors import InvalidInput, NeedsConfirmation, NotFound, Problem
from ..domain.evidence import EVIDENCE_KINDS, Evidence, FileReview, check_against_framework, evidence_kind, free_text
from ..domain.evidence_window import recorded_on_problems
from ..domain.lifecycle import evidence_locked
from ..domain.privacy import personal_data_warnings
from ..domain.permissions import Act, visible_evidence
from ..domain.safeguarding import SafeguardingConcern
from .access import require
from .core import Engine

# Fields the engine sets; a form or a file cannot.
OWNED_FIELDS = ("id", "revision", "inspection_id", "author_id")


@attrs.frozen
class EvidenceSaved:
    evidence: Evidence
    concern: SafeguardingConcern | None = None  # raised now: its immediate plan is due at once


def add_evidence(
    engine: Engine, *, as_person: str, inspection: str, kind: str, fields: dict, accept_warnings: bool = False
) -> EvidenceSaved:
    """Add one piece of evidence. A file review flagged for safeguarding raises a concern in the same save."""
    person = engine.person(as_person)
    cls = _evidence_class(kind)
    data = {k: v for k, v in fields.items() if k not in OWNED_FIELDS}
    data.setdefault("recorded_on", engine.today())
    with engine.editing(inspection) as (tx, inspection, framework):
        evidence = cls.from_fields(**data, inspection_id=inspection.id, author_id=person.id)
        require(engine, person, Act.ADD_EVIDENCE, inspection, evidence_kind=kind, theme_id=evidence.theme_id, author_id=person.id)
        _check_date(inspection, framework, evidence.recorded_on, engine.today())
        _check(engine, evidence, framework, accept_warnings)
        tx.attribute(at=engine.now(), actor_id=person.id, action=f"add {cls.__name__}")
        saved = tx.put(evidence)
        raised = isinstance(saved, FileReview) and saved.raises_safeguarding
        return EvidenceSaved(saved, _raise_concern(tx, saved, person.id, saved.recorded_on) if raised else None)


def edit_evidence(
    engine: Engine,
    *,
    as_person: str,
    inspection: str,
    evidence_id: str,
    changes: dict,
    revision: int,
    amendment_reason: str = "",
    accept_warnings: bool = False,
) -> EvidenceSaved:
    """Change evidence as it was at `revision`. After the report is issued, only as a recorded amendment."""
    person = engine.person(as_person)
    with engine.editing(inspection) as (tx, inspection_now, framework):
        current = _find(tx, evidence_id)
        kind = evidence_kind(current)
        require(engine, person, Act.EDIT_EVIDENCE, inspection_now, evidence_kind=kind, theme_id=current.theme_id, author_id=current.author_id)
        action = f"edit {type(current).__name__}"
        if evidence_locked(inspection_now):
            if not amendment_reason.strip():
                raise InvalidInput(
                    Problem("amendment_reason", "the report has been issued: say why this evidence is being amended")
                )
            action = f"amend {type(current).__name__}: {amendment_reason.strip()}"
        allowed = {k: v for k, v in changes.items() if k not in OWNED_FIELDS}
        updated = type(current).from_fields(**{**attrs.asdict(current, recurse=False), **allowed, "revision": revision})
        if updated.recorded_on != current.recorded_on:
            _check_date(inspection_now, framework, updated.recorded_on, engine.today())
        _check(engine, updated, framework, accept_warnings)
        tx.attribute(at=engine.now(), actor_id=person.id, action=action)
        saved = tx.put(updated)
        raised = isinstance(saved, FileReview) and saved.raises_safeguarding and not current.raises_safeguarding
        return EvidenceSaved(saved, _raise_concern(tx, saved, person.id, engine.today()) if raised else None)


def _check_date(inspection, framework, on, today) -> None:
    found = recorded_on_problems(inspection, framework, on, today)
    if found:
        raise InvalidInput(found)


def dossier_for(engine: Engine, *, as_person: str, inspection: str) -> Dossier:
    """The inspection as this person may see it: its evidence cut down to what they may read."""
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    district = engine.district(summary.inspection.district_id)
    require(engine, person, Act.READ_INSPECTION, summary.inspection, district)
    dossier = engine.workspace.dossier(summary.inspection.id)
    visible = {e.id for e in visible_evidence(person, dossier.inspection, district, dossier.evidence)}
    return dossier.keeping_evidence(visible)


def evidence_for(engine: Engine, *, as_person: str, inspection: str) -> tuple[Dossier, list[Evidence]]:
    """The inspection as this person may see it, and the evidence they may read."""
    dossier = dossier_for(engine, as_person=as_person, inspection=inspection)
    return dossier, list(dossier.evidence)


def _raise_concern(tx, review: FileReview, raised_by: str, raised_on) -> SafeguardingConcern:
    """A file review flagged for safeguarding raises its concern in the same save: it never waits for the report."""
    return tx.put(
        SafeguardingConcern(
            inspection_id=review.inspection_id, raised_by=raised_by, raised_on=raised_on,
            description=review.safeguarding_concern, evidence_id=review.id,
        )
    )


def _evidence_class(kind: str) -> type:
    try:
        return EVIDENCE_KINDS[kind]
    except KeyError:
        raise InvalidInput(Problem("kind", f"{kind!r} is not a kind of evidence ({', '.join(EVIDENCE_KINDS)})")) from None


def _find(tx, evidence_id: str) -> Evidence:
    for cls in EVIDENCE_KINDS.values():
        found = tx.get(cls, evidence_id)
        if found is not None:
            return found
    raise NotFound(f"No evidence {evidence_id!r} in this inspection")


def _check(engine: Engine, evidence: Evidence, framework, accept_warnings: bool) -> None:
    problems = check_against_framework(evidence, framework)
    if problems:
        raise InvalidInput(problems)
    if not accept_warnings:
        warnings = personal_data_warnings(free_text(evidence), people=[person.name for person in engine.people()])
        if warnings:
            raise NeedsConfirmation(warnings)


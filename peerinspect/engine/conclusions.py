"""What the team concludes: emerging findings, a judgement per theme, and the recommendations."""

from __future__ import annotations

from datetime import date

import attrs

from ..domain.errors import InvalidInput, NotFound, Problem
from ..domain.findings import EmergingFinding, Judgement, Recommendation
from ..domain.permissions import Act
from ..domain.vocabulary import JudgementStatus
from ..store.workspace import dossier_of
from .access import require
from .core import Engine


def record_finding(
    engine: Engine,
    *,
    as_person: str,
    inspection: str,
    theme_id: str,
    kind: str,
    text: str,
    evidence_ids: tuple[str, ...] = (),
    proposed_theme: str = "",
    on: date | str | None = None,
) -> EmergingFinding:
    person = engine.person(as_person)
    recorded_on = engine.day(on)
    with engine.editing(inspection) as (tx, current, framework):
        require(engine, person, Act.RECORD_FINDING, current, theme_id=theme_id)
        finding = EmergingFinding.from_fields(
            inspection_id=current.id, author_id=person.id, theme_id=theme_id, kind=kind,
            text=text, recorded_on=recorded_on, evidence_ids=list(evidence_ids), proposed_theme=proposed_theme,
        )
        problems = _theme_problems(framework, theme_id)
        dossier_ids = {e.id for e in dossier_of(tx).evidence}
        problems += [Problem("evidence_ids", f"no evidence {e!r} in this inspection") for e in evidence_ids if e not in dossier_ids]
        if problems:
            raise InvalidInput(problems)
        tx.attribute(at=engine.now(), actor_id=person.id, action="record finding")
        return tx.put(finding)


def propose_judgement(
    engine: Engine, *, as_person: str, inspection: str, theme_id: str, grade: str, reasons: str,
    on: date | str | None = None,
) -> Judgement:
    """Propose (or revise) the judgement for a theme. A revised judgement needs signing off again."""
    person = engine.person(as_person)
    proposed_on = engine.day(on)
    with engine.editing(inspection) as (tx, current, framework):
        require(engine, person, Act.PROPOSE_JUDGEMENT, current, theme_id=theme_id)
        problems = _theme_problems(framework, theme_id)
        if framework.grade(grade) is None:
            problems.append(Problem("grade", f"grade {grade!r} is not on the scale ({', '.join(framework.grade_keys)})"))
        if problems:
            raise InvalidInput(problems)
        existing = next((j for j in tx.all(Judgement) if j.theme_id == theme_id), None)
        fields = {"grade": grade, "reasons": reasons, "author_id": person.id, "status": JudgementStatus.PROPOSED, "signed_off_by": None,
                  "proposed_on": proposed_on, "signed_off_on": None}
        judgement = (
            attrs.evolve(existing, **fields)
            if existing
            else Judgement.from_fields(inspection_id=current.id, theme_id=theme_id, **fields)
        )
        tx.attribute(at=engine.now(), actor_id=person.id, action="propose judgement")
        return tx.put(judgement)


def sign_off_judgement(
    engine: Engine, *, as_person: str, inspection: str, theme_id: str, on: date | str | None = None
) -> Judgement:
    person = engine.person(as_person)
    signed_off_on = engine.day(on)
    with engine.editing(inspection) as (tx, current, framework):
        judgement = next((j for j in tx.all(Judgement) if j.theme_id == theme_id), None)
        require(engine, person, Act.SIGN_OFF_JUDGEMENT, current, theme_id=theme_id, judgement=judgement)
        if judgement is None:
            raise NotFound(f"Theme {theme_id!r} has no proposed judgement to sign off")
        tx.attribute(at=engine.now(), actor_id=person.id, action="sign off judgement")
        return tx.put(attrs.evolve(judgement, status=JudgementStatus.SIGNED_OFF, signed_off_by=person.id, signed_off_on=signed_off_on))


def add_recommendation(
    engine: Engine, *, as_person: str, inspection: str, theme_id: str, text: str, on: date | str | None = None
) -> Recommendation:
    person = engine.person(as_person)
    written_on = engine.day(on)
    with engine.editing(inspection) as (tx, current, framework):
        require(engine, person, Act.WRITE_RECOMMENDATION, current, theme_id=theme_id)
        problems = _theme_problems(framework, theme_id)
        if problems:
            raise InvalidInput(problems)
        recommendation = Recommendation.from_fields(inspection_id=current.id, theme_id=theme_id, text=text, written_on=written_on)
        tx.attribute(at=engine.now(), actor_id=person.id, action="add recommendation")
        return tx.put(recommendation)


def _theme_problems(framework, theme_id: str) -> list[Problem]:
    if framework.theme(theme_id) is None:
        themes = ", ".join(t.id for t in framework.themes)
        return [Problem("theme_id", f"{theme_id!r} is not a theme of {framework.title} ({themes})")]
    return []

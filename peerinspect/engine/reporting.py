"""The written report: previewed from the evidence while drafting, frozen when issued."""

from __future__ import annotations

from datetime import date

from ..domain.authority import Person
from ..domain.calendar import default_calendar
from ..domain.deadlines import deadlines_for
from ..domain.dossier import Dossier
from ..domain.errors import InvalidInput, Problem
from ..domain.framework import Framework
from ..domain.inspection import Inspection
from ..domain.permissions import Act
from ..domain.report import IssuedReport
from ..reports.content import build_report, content_hash
from ..store.workspace import dossier_of
from .access import require
from .core import Engine


def report_content(engine: Engine, *, as_person: str, inspection: str, internal: bool = False, version: int | None = None) -> dict:
    """The report as structured data: the issued version if there is one (or the one asked for), else a live draft."""
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    district = engine.district(summary.inspection.district_id)
    dossier = engine.workspace.dossier(summary.inspection.id)
    issued = sorted(dossier.reports, key=lambda r: r.version)
    for act in report_acts(bool(issued), internal):
        require(engine, person, act, dossier.inspection, district)
    if issued and not internal:
        chosen = issued[-1] if version is None else next((r for r in issued if r.version == version), None)
        if chosen is None:
            raise InvalidInput(Problem("version", f"there is no version {version}; issued versions: {', '.join(str(r.version) for r in issued)}"))
        return chosen.content
    return _build(engine, dossier, internal=internal, issued_on=dossier.inspection.report_issued_on)


def report_acts(issued: bool, internal: bool) -> tuple[Act, ...]:
    """What the rulebook must allow to read the report: the issued one, or the live draft; the internal version,
    always live, with its case references too."""
    if issued and not internal:
        return (Act.READ_ISSUED_REPORT,)
    return (Act.READ_DRAFT_REPORT, Act.EXPORT_CASE_REFS) if internal else (Act.READ_DRAFT_REPORT,)


def why_not_read(engine: Engine, person: Person, inspection: Inspection) -> str | None:
    """The rulebook's reason this person may not read the report `report_content` would give them, or None."""
    district = engine.district(inspection.district_id)
    acts = report_acts(inspection.report_issued_on is not None, internal=False)
    return next((reason for act in acts if (reason := engine.decide(person, act, inspection, district)) is not None), None)


def reissue_report(engine: Engine, *, as_person: str, inspection: str, reason: str, on: date | None = None) -> IssuedReport:
    """Issue a corrected version; every earlier version stays readable, unchanged."""
    person = engine.person(as_person)
    if not reason.strip():
        raise InvalidInput(Problem("reason", "say what the new version corrects"))
    with engine.editing(inspection) as (tx, current, framework):
        require(engine, person, Act.REISSUE_REPORT, current)
        dossier = dossier_of(tx)
        tx.attribute(at=engine.now(), actor_id=person.id, action="reissue report")
        return freeze_report(engine, tx, dossier, framework, issued_by=person.id, on=on or engine.today(), reason=reason.strip())


def freeze_report(engine: Engine, tx, dossier: Dossier, framework: Framework, *, issued_by: str, on: date, reason: str = "") -> IssuedReport:
    content = _build(engine, dossier, internal=False, issued_on=on, framework=framework)
    version = max((r.version for r in dossier.reports), default=0) + 1
    return tx.put(
        IssuedReport(
            inspection_id=dossier.inspection.id, version=version, issued_on=on, issued_by=issued_by,
            content=content, content_hash=content_hash(content), reason=reason,
        )
    )


def _build(engine: Engine, dossier: Dossier, *, internal: bool, issued_on: date | None, framework: Framework | None = None) -> dict:
    framework = framework or engine.framework(dossier.inspection.framework_id)
    return build_report(
        dossier,
        framework,
        people=engine.people_by_id(),
        district=engine.district(dossier.inspection.district_id),
        report_due=next(
            (d.due for d in deadlines_for(dossier.summary(), framework, default_calendar()) if d.rule_id == "report"), None
        ),
        issued_on=issued_on,
        internal=internal,
    )


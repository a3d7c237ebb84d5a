"""What the evidence adds up to: the sources behind each finding, and fieldwork against the framework's targets.

Both count the whole inspection, not only the evidence the reader may open: a count names no one.
"""

from __future__ import annotations

from ..domain.impact import FindingSupport, support_of_findings
from ..domain.permissions import Act
from ..domain.targets import TargetProgress, target_progress
from .access import require
from .core import Engine


def finding_sources(engine: Engine, *, as_person: str, inspection: str) -> tuple[FindingSupport, ...]:
    """Every finding with the kinds of independent source its linked evidence comes from."""
    dossier, framework = _read(engine, as_person, inspection)
    return support_of_findings(dossier, framework)


def fieldwork_progress(engine: Engine, *, as_person: str, inspection: str) -> tuple[TargetProgress, ...]:
    """Case audits, observations and families spoken to, against the targets the framework sets (none: empty)."""
    dossier, framework = _read(engine, as_person, inspection)
    return target_progress(dossier, framework)


def _read(engine: Engine, as_person: str, inspection: str):
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    require(engine, person, Act.READ_INSPECTION, summary.inspection, engine.district(summary.inspection.district_id))
    return engine.workspace.dossier(summary.inspection.id), engine.framework(summary.inspection.framework_id)

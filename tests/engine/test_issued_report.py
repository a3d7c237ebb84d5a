"""An issued report never changes: later amendments to the evidence leave it as issued, and a correction is a new version."""

from __future__ import annotations

import pytest

from peerinspect.domain.errors import InvalidInput
from peerinspect.engine import evidence, reporting
from peerinspect.reports.content import content_hash

from .conftest import open_engine, revision_of


def test_amending_evidence_after_issue_leaves_every_issued_version_as_it_was(templates, tmp_path):
    root = templates.copy("report_issued", tmp_path)
    cast = templates.cast
    engine = open_engine(root)
    lead = cast["lead"]
    issued = {r.version: r for r in engine.workspace.dossier(cast.inspection).reports}
    assert sorted(issued) == [1, 2]  # issued, then corrected with a reason
    assert issued[2].reason == "Corrected a team name"

    observation = cast.evidence["lead_observation"]
    with pytest.raises(InvalidInput, match="amendment_reason"):
        evidence.edit_evidence(engine, as_person=lead, inspection=cast.inspection, evidence_id=observation,
                               changes={"difference_made": "Children now see the same worker"},
                               revision=revision_of(engine, cast, observation))
    evidence.edit_evidence(engine, as_person=lead, inspection=cast.inspection, evidence_id=observation,
                           changes={"difference_made": "Children now see the same worker"},
                           revision=revision_of(engine, cast, observation), amendment_reason="Typo in the notes")

    for version, report in issued.items():
        content = reporting.report_content(engine, as_person=lead, inspection=cast.inspection, version=version)
        assert content == report.content
        assert content_hash(content) == report.content_hash
    draft = reporting.report_content(engine, as_person=lead, inspection=cast.inspection, internal=True)
    assert "Children now see the same worker" in str(draft)
    assert "Children now see the same worker" not in str(issued[2].content)
    assert engine.workspace.audit_entries(cast.inspection)[-1].action == "amend Observation: Typo in the notes"

"""What a field copy carries: only what its holder may see, asked of the rulebook, because laptops get lost.

A care ambassador's copy holds their own conversations and the concerns they raised: no file review, so no
case reference, and no one else's notes. Those who review evidence carry all of it; those who write findings
and judgements carry those too. Nothing of the follow-up travels: copies go out before the report is issued.
"""

from __future__ import annotations

import attrs

from .authority import District, Person
from .dossier import Dossier
from .permissions import Act, decide, visible_evidence


def field_contents(person: Person, district: District, dossier: Dossier) -> Dossier:
    """The dossier cut down to what `person` may see, as their field copy carries it."""
    inspection = dossier.inspection
    visible = {e.id for e in visible_evidence(person, inspection, district, dossier.evidence)}
    case_details = decide(person, Act.READ_CASE_DETAILS, inspection, district) is None
    conclusions = decide(person, Act.READ_DRAFT_REPORT, inspection, district) is None
    concerns = tuple(
        c for c in dossier.concerns if case_details or c.raised_by == person.id and (c.evidence_id is None or c.evidence_id in visible)
    )
    return attrs.evolve(
        dossier.keeping_evidence(visible),
        findings=dossier.findings if conclusions else (),
        judgements=dossier.judgements if conclusions else (),
        recommendations=dossier.recommendations if conclusions else (),
        concerns=concerns,
        actions=(),
        reports=(),
    )

"""The rulebook in a field copy, who settles a conflict, and what a copy carries for each role."""

from datetime import date, datetime

import pytest
from attrs import evolve

from peerinspect.domain.dossier import Dossier
from peerinspect.domain.evidence import Conversation, FileReview
from peerinspect.domain.field_contents import field_contents
from peerinspect.domain.field_copies import Conflict, ConflictVersion, Resolution, expires_on
from peerinspect.domain.permissions import FIELD_ACTS, Act, decide
from peerinspect.domain.safeguarding import SafeguardingConcern
from peerinspect.domain.vocabulary import AgeBand, ConversationGroup, LegalStatus

from tests.domain.test_permissions import BEFORE_ISSUE, ID, INSPECTED, PEOPLE


def in_copy_of(holder: str, who: str, act: Act, **details) -> str | None:
    details = {"theme_id": "help", "evidence_kind": "conversation", **details}
    return decide(PEOPLE[who], act, BEFORE_ISSUE, INSPECTED, field_holder=ID[holder], **details)


@pytest.mark.parametrize("act", sorted(set(Act) - FIELD_ACTS - {Act.ADVANCE}))
def test_in_a_field_copy_only_reading_and_recording_are_open(act):
    reason = in_copy_of("lead", "lead", act)
    assert reason is not None and reason.startswith("This is a field copy"), reason


def test_in_a_field_copy_its_holder_records_as_at_home():
    assert in_copy_of("inspector", "inspector", Act.ADD_EVIDENCE) is None
    assert in_copy_of("lead", "lead", Act.MAKE_IMMEDIATE_PLAN) is None
    assert in_copy_of("lead", "lead", Act.ADVANCE, event="give_feedback").startswith("This is a field copy")
    # The rulebook still applies inside: a care ambassador records conversations only.
    assert "record conversations, not file reviews" in in_copy_of("ambassador", "ambassador", Act.ADD_EVIDENCE, evidence_kind="file_review")


def test_in_a_field_copy_nobody_but_its_holder_acts():
    assert "checked out for another member of the team" in in_copy_of("inspector", "lead", Act.ADD_EVIDENCE)


def conflict_in_record_by(author: str, settled: bool = False) -> Conflict:
    version = ConflictVersion(fingerprint="a" * 64, document={"author_id": ID[author], "notes": "x"})
    return Conflict(inspection_id=BEFORE_ISSUE.id, record_kind="conversation", record_id="r1", number=1,
                    versions=(version,), id="c1",
                    resolution=Resolution(by=ID["lead"], at=datetime(2025, 5, 20)) if settled else None)


def test_a_conflict_is_settled_by_an_author_of_its_record_or_the_lead():
    mine = conflict_in_record_by("inspector")
    assert decide(PEOPLE["inspector"], Act.RESOLVE_CONFLICT, BEFORE_ISSUE, INSPECTED, conflict=mine) is None
    assert decide(PEOPLE["lead"], Act.RESOLVE_CONFLICT, BEFORE_ISSUE, INSPECTED, conflict=mine) is None
    theirs = conflict_in_record_by("theme_lead")
    assert "settle conflicts only in records they wrote" in decide(PEOPLE["inspector"], Act.RESOLVE_CONFLICT, BEFORE_ISSUE, INSPECTED, conflict=theirs)
    settled = conflict_in_record_by("inspector", settled=True)
    assert decide(PEOPLE["inspector"], Act.RESOLVE_CONFLICT, BEFORE_ISSUE, INSPECTED, conflict=settled) == "This conflict is already settled"


def test_only_its_holder_or_the_lead_brings_a_copy_home():
    assert decide(PEOPLE["inspector"], Act.RETURN_FIELD_COPY, BEFORE_ISSUE, INSPECTED, author_id=ID["inspector"]) is None
    assert decide(PEOPLE["lead"], Act.RETURN_FIELD_COPY, BEFORE_ISSUE, INSPECTED, author_id=ID["inspector"]) is None
    refused = decide(PEOPLE["ambassador"], Act.RETURN_FIELD_COPY, BEFORE_ISSUE, INSPECTED, author_id=ID["inspector"])
    assert "bring home only the field copies checked out for them" in refused


def dossier() -> Dossier:
    on = date(2025, 5, 12)
    review = FileReview(inspection_id=BEFORE_ISSUE.id, author_id=ID["inspector"], recorded_on=on, case_reference="BSK-0042",
                        team="Assessment", age_band=AgeBand.UNDER_1, legal_status=LegalStatus.CHILD_PROTECTION_PLAN,
                        safeguarding_concern="Alone at night")
    return Dossier(
        inspection=BEFORE_ISSUE,
        file_reviews=(review,),
        conversations=(
            Conversation(inspection_id=BEFORE_ISSUE.id, author_id=ID["ambassador"], recorded_on=on,
                         with_group=ConversationGroup.CHILD_OR_YOUNG_PERSON, notes="Mine"),
            Conversation(inspection_id=BEFORE_ISSUE.id, author_id=ID["inspector"], recorded_on=on,
                         with_group=ConversationGroup.WORKER, notes="Someone else's"),
        ),
        concerns=(
            SafeguardingConcern(inspection_id=BEFORE_ISSUE.id, raised_by=ID["inspector"], raised_on=on,
                                description="Alone at night", evidence_id=review.id),
            SafeguardingConcern(inspection_id=BEFORE_ISSUE.id, raised_by=ID["ambassador"], raised_on=on,
                                description="Told us of a risk"),
        ),
    )


def test_a_care_ambassadors_copy_carries_their_own_conversations_and_concerns_only():
    carried = field_contents(PEOPLE["ambassador"], INSPECTED, dossier())
    assert not carried.file_reviews
    assert [c.notes for c in carried.conversations] == ["Mine"]
    assert [c.description for c in carried.concerns] == ["Told us of a risk"]


def test_an_inspectors_copy_carries_all_the_evidence_and_concerns_but_no_conclusions():
    whole = dossier()
    carried = field_contents(PEOPLE["inspector"], INSPECTED, whole)
    assert carried.evidence == whole.evidence and carried.concerns == whole.concerns
    assert carried.findings == () and carried.judgements == ()


def test_a_copy_expires_the_frameworks_number_of_days_after_fieldwork():
    assert expires_on(date(2025, 5, 16), 14) == date(2025, 5, 30)
    assert expires_on(evolve(BEFORE_ISSUE).fieldwork_end, 0) == BEFORE_ISSUE.fieldwork_end

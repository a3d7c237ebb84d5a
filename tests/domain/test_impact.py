"""The impact chain: a finding counts its kinds of independent source; the report waits for the lead's reason
when a finding rests on too few, and for a recommendation wherever a theme is graded below good."""

from datetime import date

import pytest
from attrs import evolve

from peerinspect.domain.dossier import Dossier
from peerinspect.domain.errors import Refused
from peerinspect.domain.evidence import Conversation, FileReview, Observation, PerformanceIndicator
from peerinspect.domain.findings import EmergingFinding, Judgement, Recommendation
from peerinspect.domain.framework import Framework, Grade, Theme
from peerinspect.domain.impact import SourceKind, finding_support, source_kind
from peerinspect.domain.inspection import Inspection, Stage, StageChange
from peerinspect.domain.lifecycle import advance, blockers
from peerinspect.domain.vocabulary import (
    AgeBand, ConversationGroup, FindingKind, JudgementStatus, LegalStatus, ObservationSetting,
)

DAY = date(2025, 5, 13)
HELP = Theme(id="help", title="Help and protection")
GRADES = (
    Grade(key="outstanding", label="Outstanding", rank=1), Grade(key="good", label="Good", rank=2),
    Grade(key="requires-improvement", label="Requires improvement", rank=3), Grade(key="inadequate", label="Inadequate", rank=4),
)
FRAMEWORK = Framework(id="sif", title="Peer inspection framework", grades=GRADES, themes=(HELP,))
INSPECTION = Inspection(
    district_id="d1", framework_id="sif", lead_id="lead", fieldwork_start=date(2025, 5, 12), fieldwork_end=date(2025, 5, 16),
    stage=Stage.REPORT_DRAFTED,
    history=(StageChange(event="draft_report", on=date(2025, 5, 23), by="lead", stage=Stage.REPORT_DRAFTED),),
)
ISSUE_DAY = date(2025, 5, 28)
BASE = dict(inspection_id=INSPECTION.id, author_id="inspector", recorded_on=DAY)


def review(**extra) -> FileReview:
    return FileReview(**BASE, case_reference="CR-1", team="Assessment", age_band=AgeBand.UNDER_1,
                      legal_status=LegalStatus.CHILD_IN_NEED, **extra)


def conversation(group: ConversationGroup) -> Conversation:
    return Conversation(**BASE, with_group=group, notes="What they said")


def observation() -> Observation:
    return Observation(**BASE, setting=ObservationSetting.HOME_VISIT, practitioner="Sam", grade="good")


def indicator() -> PerformanceIndicator:
    return PerformanceIndicator(**BASE, name="Re-referrals", value="18%")


def finding(*evidence, text="Neglect is recognised late") -> EmergingFinding:
    return EmergingFinding(inspection_id=INSPECTION.id, author_id="theme-lead", theme_id=HELP.id,
                           kind=FindingKind.AREA_FOR_DEVELOPMENT, text=text, recorded_on=DAY,
                           evidence_ids=tuple(e.id for e in evidence))


def dossier(*evidence, findings=(), grade="good", recommendations=()) -> Dossier:
    judgement = Judgement(inspection_id=INSPECTION.id, theme_id=HELP.id, grade=grade, reasons="Because",
                          author_id="theme-lead", status=JudgementStatus.SIGNED_OFF, signed_off_by="lead")
    by_kind = {cls: tuple(e for e in evidence if isinstance(e, cls))
               for cls in (FileReview, Observation, Conversation, PerformanceIndicator)}
    return Dossier(
        inspection=INSPECTION, file_reviews=by_kind[FileReview], observations=by_kind[Observation],
        conversations=by_kind[Conversation], indicators=by_kind[PerformanceIndicator], findings=tuple(findings),
        judgements=(judgement,), recommendations=tuple(
            Recommendation(inspection_id=INSPECTION.id, theme_id=HELP.id, text=text) for text in recommendations
        ),
    )


@pytest.mark.parametrize("evidence, kind", [
    (review(), SourceKind.FILE_REVIEW),
    (observation(), SourceKind.OBSERVATION),
    (conversation(ConversationGroup.WORKER), SourceKind.WORKER_OR_MANAGER),
    (conversation(ConversationGroup.TEAM_MANAGER), SourceKind.WORKER_OR_MANAGER),
    (conversation(ConversationGroup.MIDDLE_MANAGER), SourceKind.WORKER_OR_MANAGER),
    (conversation(ConversationGroup.CHILD_OR_YOUNG_PERSON), SourceKind.CHILD_OR_FAMILY),
    (conversation(ConversationGroup.PARENT_OR_CARER), SourceKind.CHILD_OR_FAMILY),
    (conversation(ConversationGroup.PARTNER_AGENCY), SourceKind.PARTNER_AGENCY),
    (conversation(ConversationGroup.ELECTED_MEMBER), SourceKind.PARTNER_AGENCY),
    (indicator(), SourceKind.PERFORMANCE_INFORMATION),
], ids=lambda v: getattr(v, "value", None) or getattr(getattr(v, "with_group", None), "value", None) or type(v).__name__)
def test_each_piece_of_evidence_is_one_kind_of_source(evidence, kind):
    assert source_kind(evidence) is kind


@pytest.mark.parametrize("linked, count, text", [
    ((), 0, "no linked evidence"),
    (("worker", "team_manager"), 1, "1 kind of source (worker or manager)"),
    (("review", "review2"), 1, "1 kind of source (file review)"),
    (("review", "parent"), 2, "2 kinds of source (file review, child or family)"),
    (("indicator", "partner", "review", "worker"), 4,
     "4 kinds of source (file review, worker or manager, partner agency, performance information)"),
])
def test_a_finding_counts_kinds_of_source_not_pieces_of_evidence(linked, count, text):
    pieces = {
        "review": review(), "review2": review(), "worker": conversation(ConversationGroup.WORKER),
        "team_manager": conversation(ConversationGroup.TEAM_MANAGER), "parent": conversation(ConversationGroup.PARENT_OR_CARER),
        "partner": conversation(ConversationGroup.PARTNER_AGENCY), "indicator": indicator(),
    }
    found = finding(*(pieces[name] for name in linked))
    support = finding_support(found, dossier(*pieces.values(), findings=(found,)), FRAMEWORK)
    assert (support.count, support.text, support.below_minimum) == (count, text, count < 2)


# Each row: the findings' evidence, the theme's grade, its recommendations, the lead's note, the framework's
# minimum -> what blocks the issue step (the parts of the messages that matter).
@pytest.mark.parametrize("sources, grade, recommendations, note, minimum, expected", [
    (("review", "worker"), "good", (), "", 2, []),
    (("review",), "good", (), "", 2, ["1 finding rests on fewer than 2 kinds of source: 'Neglect is recognised late'"
                                      " (1 kind of source (file review))"]),
    (("review",), "good", (), "   ", 2, ["1 finding rests on fewer than 2"]),
    (("review",), "good", (), "Families could not be reached in the time", 2, []),
    ((), "good", (), "", 1, ["(no linked evidence)"]),
    (("review",), "good", (), "", 1, []),
    (("review", "worker"), "good", (), "", 3, ["fewer than 3 kinds of source"]),
    (("review", "worker"), "requires-improvement", (), "", 2,
     ["Theme 'Help and protection' is graded below good and has no recommendation"]),
    (("review", "worker"), "inadequate", (), "a reason is not a recommendation", 2,
     ["Theme 'Help and protection' is graded below good and has no recommendation"]),
    (("review", "worker"), "requires-improvement", ("Improve supervision",), "", 2, []),
    (("review", "worker"), "outstanding", (), "", 2, []),
    (("review",), "inadequate", (), "", 2, ["graded below good", "1 finding rests on fewer than 2"]),
])
def test_the_report_waits_for_enough_sources_or_the_leads_reason_and_for_recommendations(
    sources, grade, recommendations, note, minimum, expected
):
    pieces = {"review": review(), "worker": conversation(ConversationGroup.WORKER)}
    linked = finding(*(pieces[name] for name in sources))
    case = dossier(*pieces.values(), findings=(linked,), grade=grade, recommendations=recommendations)
    framework = evolve(FRAMEWORK, minimum_source_kinds=minimum)

    found = blockers(case, framework, "issue_report", ISSUE_DAY, note)

    assert len(found) == len(expected)
    for message, part in zip(found, expected):
        assert part in message
    if expected:
        with pytest.raises(Refused):
            advance(case, framework, "issue_report", ISSUE_DAY, "lead", note)
    else:
        assert advance(case, framework, "issue_report", ISSUE_DAY, "lead", note).history[-1].note == note.strip()


def test_the_refusal_names_every_thinly_supported_finding():
    pieces = [review(), conversation(ConversationGroup.WORKER)]
    findings = (finding(pieces[0], text="Visits are regular"), finding(pieces[0], pieces[1], text="Plans are clear"),
                finding(text="Leaders know their services"))
    found = blockers(dossier(*pieces, findings=findings), FRAMEWORK, "issue_report", ISSUE_DAY)
    assert found == [
        "2 findings rest on fewer than 2 kinds of source: 'Visits are regular' (1 kind of source (file review)); "
        "'Leaders know their services' (no linked evidence). "
        "Link more evidence, or record in the note why the report is issued as it is"
    ]


def test_a_framework_whose_scale_has_no_line_asks_no_recommendation():
    framework = evolve(FRAMEWORK, recommendation_below="satisfactory")
    pieces = (review(), conversation(ConversationGroup.WORKER))
    case = dossier(*pieces, findings=(finding(*pieces),), grade="inadequate")
    assert blockers(case, framework, "issue_report", ISSUE_DAY) == []

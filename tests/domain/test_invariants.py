"""Every invariant is checked where a record is made, and names the field that breaks it."""

from datetime import date

import pytest

from peerinspect.domain.actions import Action, ProgressNote
from peerinspect.domain.authority import Area, District, Person
from peerinspect.domain.errors import InvalidInput
from peerinspect.domain.evidence import Conversation, FileReview, Observation, PerformanceIndicator, check_against_framework
from peerinspect.domain.findings import EmergingFinding, Judgement, Recommendation
from peerinspect.domain.framework import Criterion, Framework, Grade, Theme
from peerinspect.domain.inspection import Inspection
from peerinspect.domain.safeguarding import ImmediatePlan, SafeguardingConcern
from peerinspect.domain.settings import Settings
from peerinspect.domain.vocabulary import (
    AgeBand, ConversationGroup, FindingKind, LegalStatus, ObservationSetting, RiskFactor, Role,
)

DAY = date(2026, 3, 9)
EVIDENCE = dict(inspection_id="i", author_id="a", recorded_on=DAY)
REVIEW = dict(EVIDENCE, case_reference="BSK-0042", team="Assessment", age_band=AgeBand.UNDER_1,
              legal_status=LegalStatus.LOOKED_AFTER)
FRAMEWORK = Framework(
    id="f", title="Test framework",
    grades=(Grade(key="good", label="Good", rank=2), Grade(key="inadequate", label="Inadequate", rank=4)),
    themes=(Theme(id="t1", title="Theme one", criteria=(Criterion(id="c1", text="Assessment"),)),),
)


def field_of(error: pytest.ExceptionInfo) -> list[str]:
    return [p.field for p in error.value.problems]


@pytest.mark.parametrize(
    "make, field",
    [
        (lambda: Inspection(district_id="d", framework_id="f", lead_id="p", fieldwork_start=DAY, fieldwork_end=date(2026, 3, 8)), "fieldwork_end"),
        (lambda: FileReview(**{**REVIEW, "case_reference": "Jamie Carter"}), "case_reference"),
        (lambda: FileReview(**{**REVIEW, "case_reference": "ABCDEF"}), "case_reference"),
        (lambda: FileReview(**{**REVIEW, "team": "  "}), "team"),
        (lambda: Observation(**EVIDENCE, setting=ObservationSetting.HOME_VISIT, practitioner="", grade="good"), "practitioner"),
        (lambda: Observation(**EVIDENCE, setting=ObservationSetting.HOME_VISIT, practitioner="P", grade=""), "grade"),
        (lambda: Conversation(**EVIDENCE, with_group=ConversationGroup.WORKER, notes=" "), "notes"),
        (lambda: PerformanceIndicator(**EVIDENCE, name="", value="18%"), "name"),
        (lambda: PerformanceIndicator(**EVIDENCE, name="Re-referrals", value=""), "value"),
        (lambda: EmergingFinding(inspection_id="i", author_id="a", theme_id="t1", kind=FindingKind.STRENGTH, text="", recorded_on=DAY), "text"),
        (lambda: Judgement(inspection_id="i", theme_id="t1", grade="good", reasons="", author_id="a"), "reasons"),
        (lambda: Recommendation(inspection_id="i", theme_id="t1", text=""), "text"),
        (lambda: SafeguardingConcern(inspection_id="i", raised_by="a", raised_on=DAY, description=""), "description"),
        (lambda: ImmediatePlan(owner_id="o", first_action="", made_on=DAY, made_by="a"), "first_action"),
        (lambda: Action(inspection_id="i", recommendation_id="r", what=""), "what"),
        (lambda: ProgressNote(on=DAY, author_id="a", text=""), "text"),
        (lambda: Area(name=""), "name"),
        (lambda: District(name=" ", area_id="a"), "name"),
        (lambda: Person(name="", role=Role.INSPECTOR), "name"),
        (lambda: Settings(due_soon_days=-1), "due_soon_days"),
    ],
)
def test_a_record_that_breaks_an_invariant_is_never_made(make, field):
    with pytest.raises(InvalidInput) as error:
        make()
    assert field_of(error) == [field]


@pytest.mark.parametrize(
    "make",
    [
        lambda: FileReview(**{**REVIEW, "age_band": "toddler"}),
        lambda: FileReview(**{**REVIEW, "legal_status": "in care"}),
        lambda: Observation(**EVIDENCE, setting="kitchen", practitioner="P", grade="good"),
        lambda: Person(name="P", role="wizard"),
        lambda: Action(inspection_id="i", recommendation_id="r", what="w", status="finished"),
    ],
)
def test_vocabularies_accept_only_their_own_values(make):
    with pytest.raises(TypeError):
        make()


def test_fieldwork_of_one_day_is_allowed():
    assert Inspection(district_id="d", framework_id="f", lead_id="p", fieldwork_start=DAY, fieldwork_end=DAY).fieldwork_end == DAY


def test_risk_factors_are_kept_once_each_in_a_stable_order():
    review = FileReview(**REVIEW, risk_factors=[RiskFactor.NEGLECT, RiskFactor.DOMESTIC_VIOLENCE, RiskFactor.NEGLECT])
    assert review.risk_factors == (RiskFactor.DOMESTIC_VIOLENCE, RiskFactor.NEGLECT)


def test_grades_themes_and_criteria_must_come_from_the_framework():
    review = FileReview(**REVIEW, theme_id="t9", grades={"c1": "good-ish", "c9": "good"})
    problems = {(p.field, p.message) for p in check_against_framework(review, FRAMEWORK)}
    assert problems == {
        ("theme_id", "'t9' is not a theme of Test framework"),
        ("grades.c1", "grade 'good-ish' is not on the scale (good, inadequate)"),
        ("grades.c9", "'c9' is not a criterion of Test framework"),
    }
    observation = Observation(**EVIDENCE, setting=ObservationSetting.SUPERVISION, practitioner="P", grade="outstanding")
    assert [p.field for p in check_against_framework(observation, FRAMEWORK)] == ["grade"]
    assert check_against_framework(FileReview(**REVIEW, theme_id="t1", grades={"c1": "good"}), FRAMEWORK) == []


def test_every_record_has_its_own_id():
    assert len({Recommendation(inspection_id="i", theme_id="t", text="r").id for _ in range(100)}) == 100

"""The case profile: counts and whole-number percentages checked against ten files counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from peerinspect.domain.evidence import FileReview
from peerinspect.domain.vocabulary import AgeBand, LegalStatus, RiskFactor
from peerinspect.reports.profile import Share, case_profile

DV, NEGLECT, SUBSTANCE, MENTAL = (
    RiskFactor.DOMESTIC_VIOLENCE,
    RiskFactor.NEGLECT,
    RiskFactor.SUBSTANCE_MISUSE,
    RiskFactor.MENTAL_ILL_HEALTH,
)


def child(ref: str, age: AgeBand, status: LegalStatus, risks=(), sen=False, on=date(2025, 3, 4)) -> FileReview:
    return FileReview(
        inspection_id="i",
        author_id="a",
        recorded_on=on,
        case_reference=ref,
        team="Team",
        age_band=age,
        legal_status=status,
        risk_factors=risks,
        disability_or_sen=sen,
    )


# Ten children, counted by hand:
#   ages:      under 1 x2, 1-3 x1, 4-10 x3, 11-16 x3, 17-18 x1
#   status:    looked after x6, child protection plan x2, child in need x1, care leaver x1
#   risks:     domestic violence 4, neglect 3, substance misuse 2, mental ill health 2
#   2 or more: C01, C02, C05, C08 = 4;   3 or more: C01, C05 = 2
#   disability or SEN: C03, C07, C09 = 3
TEN = (
    child("C01", AgeBand.UNDER_1, LegalStatus.LOOKED_AFTER, (DV, NEGLECT, SUBSTANCE)),
    child("C02", AgeBand.UNDER_1, LegalStatus.CHILD_PROTECTION_PLAN, (DV, NEGLECT)),
    child("C03", AgeBand.AGED_1_TO_3, LegalStatus.LOOKED_AFTER, (), sen=True),
    child("C04", AgeBand.AGED_4_TO_10, LegalStatus.LOOKED_AFTER, (MENTAL,)),
    child("C05", AgeBand.AGED_4_TO_10, LegalStatus.CHILD_PROTECTION_PLAN, (DV, SUBSTANCE, MENTAL)),
    child("C06", AgeBand.AGED_4_TO_10, LegalStatus.CHILD_IN_NEED, ()),
    child("C07", AgeBand.AGED_11_TO_16, LegalStatus.LOOKED_AFTER, (), sen=True),
    child("C08", AgeBand.AGED_11_TO_16, LegalStatus.LOOKED_AFTER, (DV, NEGLECT)),
    child("C09", AgeBand.AGED_11_TO_16, LegalStatus.LOOKED_AFTER, (), sen=True),
    child("C10", AgeBand.AGED_17_TO_18, LegalStatus.CARE_LEAVER, ()),
)


def test_ten_children_counted_by_hand():
    profile = case_profile(TEN)
    assert profile.children == 10
    assert [(band, s.count, s.percent) for band, s in profile.age_bands] == [
        (AgeBand.UNDER_1, 2, 20),
        (AgeBand.AGED_1_TO_3, 1, 10),
        (AgeBand.AGED_4_TO_10, 3, 30),
        (AgeBand.AGED_11_TO_16, 3, 30),
        (AgeBand.AGED_17_TO_18, 1, 10),
    ]
    assert profile.looked_after == Share(6, 10) and profile.looked_after.percent == 60
    assert profile.legal_status(LegalStatus.CHILD_PROTECTION_PLAN).count == 2
    assert profile.legal_status(LegalStatus.CARE_LEAVER).count == 1
    assert [(f, s.count) for f, s in profile.risk_factors] == [(DV, 4), (NEGLECT, 3), (SUBSTANCE, 2), (MENTAL, 2)]
    assert profile.at_least_two_risks == Share(4, 10)
    assert profile.at_least_three_risks == Share(2, 10)
    assert profile.disability_or_sen == Share(3, 10)


def test_age_bands_follow_the_vocabulary_order_and_include_empty_bands():
    profile = case_profile(TEN[:2])
    assert [band for band, _ in profile.age_bands] == list(AgeBand)
    assert profile.age(AgeBand.AGED_17_TO_18) == Share(0, 2)


@pytest.mark.parametrize(
    ("count", "total", "percent"),
    [
        (1, 3, 33),
        (2, 3, 67),
        (1, 8, 13),  # 12.5 rounds up, where round() would give 12
        (5, 8, 63),  # 62.5 rounds up
        (1, 200, 1),  # 0.5 rounds up
        (0, 5, 0),
        (5, 5, 100),
        (18, 51, 35),
        (0, 0, 0),
        (3, 0, 0),
    ],
)
def test_percentages_are_whole_numbers_rounded_half_up(count, total, percent):
    assert Share(count, total).percent == percent


def test_share_reads_as_percentage_and_count():
    assert str(Share(18, 50)) == "36% (18 of 50)"


def test_no_files_gives_zero_per_cent_not_an_error():
    profile = case_profile([])
    assert profile.children == 0
    assert all(s == Share(0, 0) and s.percent == 0 for _, s in profile.age_bands)
    assert profile.disability_or_sen.percent == 0


def test_a_case_reviewed_twice_is_one_child_described_by_the_latest_review():
    earlier = child("C01", AgeBand.UNDER_1, LegalStatus.CHILD_IN_NEED, (), on=date(2025, 3, 3))
    later = child("c01", AgeBand.AGED_1_TO_3, LegalStatus.LOOKED_AFTER, (DV,), on=date(2025, 3, 5))
    profile = case_profile([later, earlier])
    assert profile.children == 1
    assert profile.age(AgeBand.AGED_1_TO_3) == Share(1, 1)
    assert profile.looked_after == Share(1, 1)
    assert profile.risk(DV) == Share(1, 1)

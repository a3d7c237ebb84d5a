"""The profile of the children whose files were reviewed: ages, legal status, parental risk and disability.

Follows the shape of the profile in Ofsted's report (paragraphs 13-14): the spread of ages, the share
looked after, each parental risk factor, cases with at least two and at least three of them together,
and the share with a disability or special educational need.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from ..domain.evidence import FileReview
from ..domain.vocabulary import AgeBand, LegalStatus, RiskFactor


@frozen
class Share:
    """count of total, with the percentage a report prints."""

    count: int
    total: int

    @property
    def percent(self) -> int:
        """Whole-number percentage, halves rounded up (1 of 8 is 13%), and 0 when there is nothing to count.

        Integer arithmetic, not float round(): round() rounds halves to even and floats cannot hold
        12.5 exactly in every case, so a printed profile could disagree with a hand count.
        """
        if self.total <= 0:
            return 0
        return (200 * self.count + self.total) // (2 * self.total)

    def __str__(self) -> str:
        return f"{self.percent}% ({self.count} of {self.total})"


@frozen(kw_only=True)
class CaseProfile:
    children: int
    age_bands: tuple[tuple[AgeBand, Share], ...]
    legal_statuses: tuple[tuple[LegalStatus, Share], ...]
    risk_factors: tuple[tuple[RiskFactor, Share], ...]
    at_least_two_risks: Share
    at_least_three_risks: Share
    disability_or_sen: Share

    def age(self, band: AgeBand) -> Share:
        return dict(self.age_bands)[band]

    def legal_status(self, status: LegalStatus) -> Share:
        return dict(self.legal_statuses)[status]

    def risk(self, factor: RiskFactor) -> Share:
        return dict(self.risk_factors)[factor]

    @property
    def looked_after(self) -> Share:
        return self.legal_status(LegalStatus.LOOKED_AFTER)


def children_of(file_reviews: Iterable[FileReview]) -> tuple[FileReview, ...]:
    """One review per child: a case reviewed twice (say, by two inspectors) is still one child.

    When a case was reviewed more than once, the latest review describes the child.
    """
    latest: dict[str, FileReview] = {}
    for review in sorted(file_reviews, key=lambda r: (r.recorded_on, r.revision)):
        latest[review.case_reference.strip().upper()] = review
    return tuple(latest.values())


def case_profile(file_reviews: Iterable[FileReview]) -> CaseProfile:
    children = children_of(file_reviews)
    total = len(children)

    def share(test) -> Share:
        return Share(sum(1 for child in children if test(child)), total)

    return CaseProfile(
        children=total,
        age_bands=tuple((band, share(lambda c, b=band: c.age_band is b)) for band in AgeBand),
        legal_statuses=tuple((status, share(lambda c, s=status: c.legal_status is s)) for status in LegalStatus),
        risk_factors=tuple((factor, share(lambda c, f=factor: f in c.risk_factors)) for factor in RiskFactor),
        at_least_two_risks=share(lambda c: len(c.risk_factors) >= 2),
        at_least_three_risks=share(lambda c: len(c.risk_factors) >= 3),
        disability_or_sen=share(lambda c: c.disability_or_sen),
    )

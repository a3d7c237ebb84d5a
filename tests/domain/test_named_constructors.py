"""Records are built from what a person typed through their own named constructor, which names every bad field."""

from datetime import date

import pytest

from peerinspect.domain.actions import Action
from peerinspect.domain.errors import InvalidInput, Problem
from peerinspect.domain.evidence import FileReview, Observation
from peerinspect.domain.inspection import Inspection, TeamMember
from peerinspect.domain.records import parse_date
from peerinspect.domain.safeguarding import SafeguardingConcern
from peerinspect.domain.vocabulary import AgeBand, LegalStatus, RiskFactor, TeamRole

TYPED = dict(inspection_id="i", author_id="a", recorded_on="2026-03-09", case_reference="BSK-0042", team="Assessment",
             age_band="under_1", legal_status="looked_after", risk_factors=["neglect", "domestic_violence"])


def problems_of(cls, **values) -> list[Problem]:
    with pytest.raises(InvalidInput) as refused:
        cls.from_fields(**values)
    return list(refused.value.problems)


def test_plain_text_becomes_the_same_record_as_typed_values():
    review = FileReview.from_fields(**TYPED, id="r1")
    assert review == FileReview(
        inspection_id="i", author_id="a", recorded_on=date(2026, 3, 9), case_reference="BSK-0042", team="Assessment",
        age_band=AgeBand.UNDER_1, legal_status=LegalStatus.LOOKED_AFTER,
        risk_factors=(RiskFactor.NEGLECT, RiskFactor.DOMESTIC_VIOLENCE), id="r1",
    )


def test_a_misspelt_field_is_refused_with_the_field_it_was_probably_meant_to_be():
    assert problems_of(FileReview, **TYPED, diference_made="a plan") == [
        Problem("", 'unknown key "diference_made" (did you mean "difference_made"?)')
    ]


def test_every_unreadable_field_is_named_at_once():
    problems = problems_of(FileReview, **{**TYPED, "recorded_on": "09/03/2026", "age_band": "toddler",
                                          "risk_factors": ["neglect", "poverty"], "disability_or_sen": "maybe"})
    assert [p.field for p in problems] == ["recorded_on", "age_band", "risk_factors[1]", "disability_or_sen"]
    assert problems[0].message == "'09/03/2026' is not a date: write it as YYYY-MM-DD"
    assert problems[1].message.startswith("'toddler' is not one of the allowed values (under_1, ")
    assert problems[3].message == "should be true or false"


def test_a_missing_required_field_is_named():
    assert Problem("practitioner", "required field missing") in problems_of(
        Observation, inspection_id="i", author_id="a", recorded_on="2026-03-09", setting="home_visit", grade="good"
    )


def test_the_records_own_invariants_still_hold():
    assert problems_of(FileReview, **{**TYPED, "case_reference": "Jane Smith"})[0].field == "case_reference"
    assert problems_of(Inspection, district_id="d", framework_id="f", lead_id="l", fieldwork_start="2026-12-14",
                       fieldwork_end="2026-12-10")[0].field == "fieldwork_end"


def test_nested_records_are_built_and_their_bad_fields_named_by_path():
    planned = Inspection.from_fields(district_id="d", framework_id="f", lead_id="l", fieldwork_start="2026-12-14",
                                     fieldwork_end="2026-12-17", team=[{"person_id": "p", "role": "inspector"}])
    assert planned.team == (TeamMember(person_id="p", role=TeamRole.INSPECTOR),)
    problems = problems_of(Inspection, district_id="d", framework_id="f", lead_id="l", fieldwork_start="2026-12-14",
                           fieldwork_end="2026-12-17", team=[{"person_id": "p", "rol": "inspector"}])
    assert [str(p) for p in problems] == ['team[0]: unknown key "rol" (did you mean "role"?)',
                                          "team[0].role: required field missing"]


def test_optional_fields_take_none_and_values_already_typed():
    concern = SafeguardingConcern.from_fields(inspection_id="i", raised_by="p", raised_on=date(2026, 3, 9),
                                              description="d", evidence_id=None)
    assert concern.evidence_id is None and concern.raised_on == date(2026, 3, 9)
    assert Action.from_fields(inspection_id="i", recommendation_id="r", what="w", owner_id="o", due=None).due is None


def test_a_date_is_read_from_iso_text_or_refused_by_name():
    assert parse_date("2026-03-09") == parse_date(date(2026, 3, 9)) == date(2026, 3, 9)
    with pytest.raises(InvalidInput, match="due: 'soon' is not a date"):
        parse_date("soon", "due")


def test_the_domain_builds_records_without_the_store_converter():
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "peerinspect"
    for module in [*(package / "domain").glob("*.py"), *(package / "engine").glob("*.py")]:
        imported = {alias.name for node in ast.walk(ast.parse(module.read_text())) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(ast.parse(module.read_text())) if isinstance(node, ast.ImportFrom)}
        assert not {name for name in imported if name.startswith("cattrs")}, module
        if module.parent.name == "domain" or module.name != "bundle.py":
            assert "store.converter" not in imported, f"{module} builds records through the store's converter"

"""The file review form: the case profile, a grade per framework criterion, and any safeguarding issue."""

from __future__ import annotations

from ...domain.errors import Problem
from ...domain.evidence import FileReview
from ...domain.framework import Framework
from ...domain.vocabulary import AgeBand, LegalStatus, RiskFactor
from .spec import FieldSpec, FormSpec, difference_made, grade_options, label_options, theme_options


def file_review_form(framework: Framework, teams: tuple[str, ...] = ()) -> FormSpec:
    team = (
        FieldSpec(name="team", label="Team", control="select", options=tuple((t, t) for t in teams))
        if teams
        else FieldSpec(name="team", label="Team", rule=(FileReview, "team"))
    )
    fields = [
        FieldSpec(
            name="case_reference", label="Case reference", rule=(FileReview, "case_reference"),
            placeholder="the case system's number, never a name",
        ),
        team,
        FieldSpec(name="allocated_worker", label="Allocated worker"),
        FieldSpec(name="theme_id", label="Theme", control="select", options=theme_options(framework)),
        FieldSpec(name="age_band", label="Child's age band", control="select", options=label_options(AgeBand)),
        FieldSpec(name="legal_status", label="Legal status", control="select", options=label_options(LegalStatus)),
        FieldSpec(name="risk_factors", label="Parental risk factors", control="multi", options=label_options(RiskFactor)),
        FieldSpec(name="disability_or_sen", label="Disability or special educational need", control="check"),
    ]
    grades = grade_options(framework)
    for theme in framework.themes:
        fields += [
            FieldSpec(name=f"grades.{c.id}", label=" ".join(c.text.split()), control="select", options=grades,
                      section=f"Grades: {theme.title}", open=False)
            for c in theme.criteria
        ]
    fields += [
        FieldSpec(name="strengths", label="Strengths", control="text"),
        FieldSpec(name="areas_for_development", label="Areas for development", control="text"),
        difference_made(framework),
        FieldSpec(name="_safeguarding", label="Immediate safeguarding issue in this case", control="check"),
        FieldSpec(
            name="safeguarding_concern", label="Describe the safeguarding issue", control="text",
            depends_on="_safeguarding", shown_for=frozenset({True}),
        ),
    ]
    return FormSpec(kind=FileReview.KIND, title="File review", fields=tuple(fields), check=_safeguarding_described)


def _safeguarding_described(values: dict) -> list[Problem]:
    if values.get("_safeguarding") and not values.get("safeguarding_concern", "").strip():
        return [Problem("safeguarding_concern", "describe the issue, so the immediate plan can be made at once")]
    return []

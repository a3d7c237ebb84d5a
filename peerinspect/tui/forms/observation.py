"""The observation of practice form."""

from __future__ import annotations

from ...domain.evidence import Observation
from ...domain.framework import Framework
from ...domain.vocabulary import ObservationSetting
from .spec import FieldSpec, FormSpec, difference_made, grade_options, label_options, theme_options


def observation_form(framework: Framework) -> FormSpec:
    return FormSpec(
        kind=Observation.KIND,
        title="Observation of practice",
        fields=(
            FieldSpec(name="setting", label="Setting", control="select", options=label_options(ObservationSetting)),
            FieldSpec(name="practitioner", label="Practitioner observed", rule=(Observation, "practitioner"),
                      placeholder="their role, for example: social worker, Team B"),
            FieldSpec(name="theme_id", label="Theme", control="select", options=theme_options(framework)),
            FieldSpec(name="grade", label="Grade", control="select", options=grade_options(framework)),
            FieldSpec(name="notes", label="Notes", control="text"),
            difference_made(framework),
        ),
    )

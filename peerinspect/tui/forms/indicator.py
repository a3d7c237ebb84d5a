"""The performance information form: a figure, what it compares with, and what it says about quality."""

from __future__ import annotations

from ...domain.evidence import PerformanceIndicator
from ...domain.framework import Framework
from .spec import FieldSpec, FormSpec, difference_made, theme_options


def indicator_form(framework: Framework) -> FormSpec:
    return FormSpec(
        kind=PerformanceIndicator.KIND,
        title="Performance information",
        fields=(
            FieldSpec(name="name", label="Indicator", rule=(PerformanceIndicator, "name"),
                      placeholder="for example: re-referrals within 12 months"),
            FieldSpec(name="value", label="Value", rule=(PerformanceIndicator, "value")),
            FieldSpec(name="comparator", label="Compared with", placeholder="statistical neighbours, England…"),
            FieldSpec(name="period", label="Period"),
            FieldSpec(name="theme_id", label="Theme", control="select", options=theme_options(framework)),
            FieldSpec(name="commentary", label="What it says about quality, not only compliance", control="text"),
            difference_made(framework),
        ),
    )

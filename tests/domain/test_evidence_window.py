"""Evidence is recorded from the district's notice to the end of fieldwork, widened by the framework's margin."""

from datetime import date

import pytest
from attrs import evolve

from peerinspect.domain.evidence_window import recorded_on_problems
from peerinspect.domain.framework import Framework
from peerinspect.domain.inspection import Inspection

FRAMEWORK = Framework(id="f", title="Framework")
NOTICE, START, END = date(2025, 5, 7), date(2025, 5, 12), date(2025, 5, 16)
TODAY = date(2025, 6, 30)
NOTIFIED = Inspection(district_id="d", framework_id="f", lead_id="l", fieldwork_start=START, fieldwork_end=END,
                      notice_date=NOTICE)


@pytest.mark.parametrize(
    ("margin", "on", "message"),
    [
        (0, NOTICE, None),
        (0, START, None),
        (0, END, None),
        (0, date(2025, 5, 6), "evidence is recorded from the notice date (2025-05-07) to 2025-05-16, the last day of "
                              "fieldwork; not 2025-05-06"),
        (0, date(2025, 5, 19), "evidence is recorded from the notice date (2025-05-07) to 2025-05-16, the last day of "
                               "fieldwork; not 2025-05-19"),
        (2, date(2025, 5, 20), None),  # two working days after Friday's end
        (2, date(2025, 5, 21), "evidence is recorded from the notice date (2025-05-07) to 2025-05-20, the end of "
                               "fieldwork and its margin; not 2025-05-21"),
    ],
)
def test_evidence_is_dated_within_the_inspection_s_window(margin, on, message):
    framework = evolve(FRAMEWORK, evidence_days_after_fieldwork=margin)

    found = recorded_on_problems(NOTIFIED, framework, on, TODAY)

    assert [p.message for p in found] == ([message] if message else [])
    assert all(p.field == "recorded_on" for p in found)


def test_no_evidence_before_the_district_is_notified():
    planned = evolve(NOTIFIED, notice_date=None)

    [problem] = recorded_on_problems(planned, FRAMEWORK, START, TODAY)

    assert problem.message == "evidence is recorded once the district has been notified of the inspection"


def test_no_evidence_dated_after_today():
    [problem] = recorded_on_problems(NOTIFIED, FRAMEWORK, END, date(2025, 5, 14))

    assert problem.message == "Evidence cannot be dated 2025-05-16: that is after today (2025-05-14)"

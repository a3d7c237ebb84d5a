"""When evidence can be recorded: from the district's notice to the end of fieldwork, widened by the framework's
margin, and never after today."""

from __future__ import annotations

from datetime import date

from .calendar import default_calendar
from .errors import Problem
from .framework import Framework
from .honest_dates import not_in_future
from .inspection import Inspection


def last_evidence_day(inspection: Inspection, framework: Framework) -> date:
    return default_calendar().add_working_days(inspection.fieldwork_end, framework.evidence_days_after_fieldwork)


def recorded_on_problems(inspection: Inspection, framework: Framework, on: date, today: date) -> list[Problem]:
    """Why evidence cannot be dated `on`; empty when it can."""
    future = not_in_future("Evidence", on, today)
    if future:
        return [Problem("recorded_on", future)]
    if inspection.notice_date is None:
        return [Problem("recorded_on", "evidence is recorded once the district has been notified of the inspection")]
    last = last_evidence_day(inspection, framework)
    if not inspection.notice_date <= on <= last:
        return [Problem(
            "recorded_on",
            f"evidence is recorded from the notice date ({inspection.notice_date}) to {last}, "
            f"{'the last day of fieldwork' if last == inspection.fieldwork_end else 'the end of fieldwork and its margin'}; "
            f"not {on}",
        )]
    return []

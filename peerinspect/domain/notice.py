"""Short notice: how long before fieldwork a district may be told, counted in working days."""

from __future__ import annotations

from datetime import date, timedelta

from .calendar import WorkingCalendar
from .framework import Framework


def notice_problem(notice: date, fieldwork_start: date, framework: Framework, calendar: WorkingCalendar) -> str | None:
    """Why notice given on `notice` is not short notice under this framework, or None when it is.

    The working days counted are those from the notice date up to the day before fieldwork, so notice
    on the Monday for fieldwork the next Monday is five working days (four across a bank holiday)."""
    allowed = framework.notice_working_days_max
    days = calendar.working_days_between(notice, fieldwork_start - timedelta(days=1))
    if days <= allowed:
        return None
    return (
        f"notice on {notice} is {days} working days before fieldwork starts on {fieldwork_start}; "
        f"this framework gives at most {allowed} working days' notice"
    )

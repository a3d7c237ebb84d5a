"""When `serve` next sends the reminder digests: at the set time on each working day."""

from __future__ import annotations

from datetime import datetime, timedelta

from .calendar import WorkingCalendar
from .smtp_settings import SmtpSettings, send_time


def next_send(smtp: SmtpSettings, calendar: WorkingCalendar, now: datetime) -> datetime | None:
    """The next moment to send: today's set time while it is still ahead and today is a working day, otherwise the
    set time on the next working day; None when no time is set."""
    at = send_time(smtp.send_at) if smtp.send_at else None
    if at is None:
        return None
    today = now.date()
    if calendar.is_working_day(today) and now < datetime.combine(today, at):
        return datetime.combine(today, at)
    return datetime.combine(calendar.next_working_day(today + timedelta(days=1)), at)

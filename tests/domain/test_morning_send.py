"""When `serve` next sends the reminder digests: the set time on the next working day, or today's while ahead."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, strategies as st

from peerinspect.domain.calendar import default_calendar
from peerinspect.domain.errors import InvalidInput
from peerinspect.domain.morning_send import next_send
from peerinspect.domain.smtp_settings import SmtpSettings

AT_HALF_SEVEN = SmtpSettings(send_at="07:30", send_as="someone")


@pytest.mark.parametrize(("now", "expected"), [
    ("2026-11-26 06:00", "2026-11-26 07:30"),  # a Thursday, before the hour: this morning
    ("2026-11-26 07:29", "2026-11-26 07:30"),
    ("2026-11-26 07:30", "2026-11-27 07:30"),  # the hour just reached: tomorrow's
    ("2026-11-26 07:31", "2026-11-27 07:30"),
    ("2026-11-27 08:00", "2026-11-30 07:30"),  # Friday after the hour: Monday
    ("2026-11-28 06:00", "2026-11-30 07:30"),  # Saturday before the hour: still Monday
    ("2026-11-29 23:59", "2026-11-30 07:30"),  # Sunday night
    ("2026-12-24 09:00", "2026-12-29 07:30"),  # Christmas Friday, weekend, Boxing Day moved to Monday
    ("2026-12-25 06:00", "2026-12-29 07:30"),  # Christmas Day itself, before the hour
    ("2027-03-25 08:00", "2027-03-30 07:30"),  # Thursday before Good Friday; Easter Monday follows
])
def test_the_next_send_is_the_set_time_on_a_working_day(now, expected):
    assert next_send(AT_HALF_SEVEN, default_calendar(), datetime.fromisoformat(now)) == datetime.fromisoformat(expected)


def test_no_time_set_means_never():
    assert next_send(SmtpSettings(), default_calendar(), datetime(2026, 11, 26, 6)) is None


@pytest.mark.parametrize("typed", ["7.30", "24:00", "07:60", "morning", "0730", "7:3"])
def test_a_time_that_is_not_hh_mm_is_refused_naming_the_field(typed):
    with pytest.raises(InvalidInput, match="send_at") as refused:
        SmtpSettings(send_at=typed)
    assert "HH:MM" in str(refused.value)


@given(now=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2040, 12, 31)),
       hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_the_next_send_is_the_first_working_moment_ahead(now, hour, minute):
    calendar = default_calendar()
    moment = next_send(SmtpSettings(send_at=f"{hour:02}:{minute:02}"), calendar, now)
    assert moment > now and (moment.hour, moment.minute) == (hour, minute) and calendar.is_working_day(moment.date())
    # No working day's moment is skipped between now and then.
    day = now.date()
    while day < moment.date():
        skipped = datetime(day.year, day.month, day.day, hour, minute)
        assert not (calendar.is_working_day(day) and skipped > now)
        day += timedelta(days=1)

"""`peerinspect serve` emails the digests every working morning at the set time, as the set person, to a real SMTP
server, on a fake clock: once at the time, nothing on a weekend or bank holiday, nothing twice."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from peerinspect.serving import morning
from tests.cli.test_reminder_mail import ALEX, BLAIR, LEAD, county, quick_retries, server  # noqa: F401

PASSWORD = "violet-harbour-lantern-42"


class Stopped(Exception):
    """The fake clock has reached the end of the stretch a test watches."""


class FakeTime:
    """A clock that moves only when the schedule sleeps, by exactly as long as it asked."""

    def __init__(self, at: str) -> None:
        self.at = datetime.fromisoformat(at)
        self.until = self.at

    def __call__(self) -> datetime:
        return self.at

    async def sleep(self, seconds: float) -> None:
        if self.at >= self.until:
            raise Stopped
        self.at = min(self.at + timedelta(seconds=seconds), self.until)

    def run(self, root, until: str) -> None:
        self.until = datetime.fromisoformat(until)
        with pytest.raises(Stopped):
            asyncio.run(morning.send_every_morning(root, clock=self, sleep=self.sleep))


@pytest.fixture
def mornings(county, monkeypatch, caplog):
    monkeypatch.setattr(morning, "RECHECK_SECONDS", 6 * 3600.0)
    monkeypatch.setenv("PEERINSPECT_SMTP_PASSWORD", PASSWORD)
    caplog.set_level(logging.INFO, logger="peerinspect.reminders")
    county("settings", "--smtp-send-at", "07:30", "--smtp-send-as", "Alex Director", *LEAD)
    return FakeTime("2026-12-26 06:00")  # a Saturday; Monday the 28th is Boxing Day's bank holiday


def logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "peerinspect.reminders"]


def test_sent_once_at_the_set_time_of_the_first_working_morning(mornings, county, server, caplog):
    mailbox, _ = server
    mornings.run(county.root, until="2026-12-28 23:00")
    assert mailbox.received == [] and logged(caplog) == []  # the weekend, then the bank holiday
    mornings.run(county.root, until="2026-12-29 12:00")
    assert sorted(m["To"].addresses[0].addr_spec for m in mailbox.received) == [ALEX, BLAIR]
    assert {parsedate_to_datetime(m["Date"]).replace(tzinfo=None) for m in mailbox.received} == {
        datetime(2026, 12, 29, 7, 30)}
    assert logged(caplog) == ["morning reminders: sent to Alex Director, Blair Director"]
    assert all(PASSWORD not in line for line in logged(caplog))


def test_a_restarted_server_sends_nothing_twice(mornings, county, server, caplog):
    mailbox, _ = server
    mornings.run(county.root, until="2026-12-29 12:00")
    # Restarted before the hour the same morning: at 07:30 again, the once-a-day record says it went.
    mornings.at = datetime(2026, 12, 29, 7, 0)
    mornings.run(county.root, until="2026-12-29 12:00")
    assert len(mailbox.received) == 2
    assert logged(caplog)[-1] == "morning reminders: none sent; 2 already sent today"


def test_a_failed_send_is_logged_and_the_next_morning_still_comes(mornings, county, server, caplog):
    mailbox, _ = server
    mailbox.refuse(ALEX, "550 No such mailbox")
    mornings.run(county.root, until="2026-12-29 12:00")
    assert [m["To"].addresses[0].addr_spec for m in mailbox.received] == [BLAIR]
    assert logged(caplog)[-1].startswith("morning reminders: sent to Blair Director; failed: Alex Director (")
    mornings.run(county.root, until="2026-12-30 12:00")
    assert ALEX in [m["To"].addresses[0].addr_spec for m in mailbox.received]


def test_settings_that_cannot_be_read_are_logged_and_the_schedule_goes_on(mornings, county, server, caplog, tmp_path):
    missing = tmp_path / "nowhere"
    mornings.run(missing, until="2026-12-26 18:00")
    assert logged(caplog) and all("cannot read the settings" in line for line in logged(caplog))


def test_the_sender_must_be_someone_the_rulebook_lets_send_reminders(county):
    before = county.snapshot()
    county("settings", "--smtp-send-at", "07:30", "--smtp-send-as", "Ivy Inspector", *LEAD, expect=2)
    refused = county.err
    assert "smtp.send_as" in refused and "email everyone their reminders" in refused
    county("settings", "--smtp-send-at", "07:30", *LEAD, expect=2)
    refused = county.err
    assert "smtp.send_as" in refused and "name who sends" in refused
    county("settings", "--smtp-send-at", "half seven", "--smtp-send-as", "Alex Director", *LEAD, expect=2)
    refused = county.err
    assert "send_at" in refused and "HH:MM" in refused
    assert county.snapshot() == before
    shown = county("settings", "--smtp-send-at", "07:30", "--smtp-send-as", "Alex Director", *LEAD)
    assert "served every working day at 07:30" in shown

"""The rules of reminders by email, on fixed dates: the mail server's settings, the digest's words, and when a
digest is sent again the same day."""

from __future__ import annotations

from datetime import date

import pytest

from peerinspect.domain.digest import Digest, DigestLine
from peerinspect.domain.deadlines import DeadlineState
from peerinspect.domain.errors import InvalidInput
from peerinspect.domain.sent_reminders import Sending, after_sending, sending
from peerinspect.domain.settings import Settings
from peerinspect.domain.smtp_settings import is_local

MONDAY, TUESDAY = date(2026, 12, 28), date(2026, 12, 29)
REPORT = DigestLine("Written report", "Basingstoke", DeadlineState.DUE_SOON, "due in 3 days", date(2026, 12, 31))
PLAN = DigestLine("Immediate plan", "Basingstoke", DeadlineState.OVERDUE, "overdue by 8 days", date(2026, 12, 16))
ACTION = DigestLine("Audit supervision", "Andover", DeadlineState.DUE_TODAY, "due today", MONDAY)


def digest(*lines: DigestLine, day: date = MONDAY) -> Digest:
    return Digest("Alex Director", day, lines)


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST.", "127.0.0.1", "127.8.0.1", "::1", "[::1]"])
def test_a_host_on_this_machine_is_local(host):
    assert is_local(host)


@pytest.mark.parametrize("host", ["mail.example.org", "10.0.0.1", "localhost.example.org", "::2"])
def test_a_host_elsewhere_is_not(host):
    assert not is_local(host)


def smtp(**fields) -> Settings:
    return Settings.from_fields(smtp=fields)


def problems(**fields) -> list[str]:
    with pytest.raises(InvalidInput) as refused:
        smtp(**fields)
    return [str(p) for p in refused.value.problems]


def test_no_encryption_is_refused_to_a_host_elsewhere_unless_explicitly_allowed():
    assert smtp(host="127.0.0.1", security="none").smtp.host == "127.0.0.1"
    assert problems(host="mail.example.org", security="none")[0].startswith(
        "smtp.security: 'none' would send the password and everyone's deadlines unencrypted to mail.example.org")
    allowed = smtp(host="mail.example.org", security="none", allow_unencrypted_remote=True).smtp
    assert "none (allowed to a host elsewhere)" in allowed.described


@pytest.mark.parametrize("fields, named", [
    ({"port": 0}, "smtp.port: 0 is not a port"),
    ({"port": "587"}, "smtp.port: should be a whole number"),
    ({"security": "ssl"}, "smtp.security: 'ssl' is not one of the allowed values (starttls, tls, none)"),
    ({"host": "mail example.org"}, "smtp.host: 'mail example.org' is not a host name"),
    ({"host": "mail.example.org\nRCPT TO:<x@y.z>"}, "smtp.host:"),
    ({"sender": "reminders"}, "smtp.sender: 'reminders' is not an email address"),
    ({"user": "pi\r\nAUTH"}, "smtp.user: must be one line"),
    # The password is never a setting: there is no field to put it in.
    ({"password": "secret"}, 'smtp: unknown key "password"'),
])
def test_each_bad_value_is_refused_naming_its_field(fields, named):
    assert any(p.startswith(named) for p in problems(**fields)), problems(**fields)


def test_sending_needs_a_host_and_a_sender():
    assert [p.field for p in Settings().smtp.missing()] == ["smtp.host", "smtp.sender"]
    assert smtp(host="mail.example.org", sender="pi@example.org").smtp.missing() == []


def test_the_subject_names_the_day_and_counts_what_is_due_and_overdue():
    assert digest(REPORT).subject() == "Peer inspection reminders, Mon 28 Dec 2026: 1 deadline"
    assert digest(REPORT, PLAN).subject(updated=True) == \
        "Peer inspection reminders, Mon 28 Dec 2026: 2 deadlines, 1 overdue (updated)"


def test_the_digest_names_each_deadline_s_district_and_escapes_its_html():
    odd = DigestLine("Review <script> & plans", "Hook", DeadlineState.DUE_SOON, "due in 2 days", TUESDAY)
    assert "- Written report (Basingstoke): due in 3 days (Thu 31 Dec)" in digest(REPORT).text()
    assert "Review &lt;script&gt; &amp; plans (Hook)" in digest(odd).html() and "<script>" not in digest(odd).html()


def test_the_first_digest_of_a_day_is_sent_and_the_same_one_again_is_not():
    assert sending(None, digest(REPORT)) is Sending.FIRST
    sent = after_sending(None, "alex", digest(REPORT))
    assert sending(sent, digest(REPORT)) is Sending.ALREADY_SENT
    assert sending(sent, digest(REPORT, day=TUESDAY)) is Sending.FIRST


def test_a_digest_that_gained_a_line_is_sent_again_and_one_that_only_lost_lines_is_not():
    sent = after_sending(None, "alex", digest(REPORT, PLAN))
    assert sending(sent, digest(REPORT)) is Sending.NOTHING_NEW
    assert sending(sent, digest(REPORT, PLAN, ACTION)) is Sending.UPDATE
    both = after_sending(sent, "alex", digest(PLAN, ACTION))
    assert sending(both, digest(REPORT, ACTION)) is Sending.NOTHING_NEW
    assert sending(both, digest(REPORT, PLAN)) is Sending.ALREADY_SENT


def test_a_new_day_starts_the_record_afresh():
    monday = after_sending(None, "alex", digest(REPORT, PLAN))
    tuesday = after_sending(monday, "alex", digest(REPORT, day=TUESDAY))
    assert tuesday.day == TUESDAY and tuesday.digests == (digest(REPORT, day=TUESDAY).fingerprint,)
    assert sending(tuesday, digest(REPORT, PLAN, day=TUESDAY)) is Sending.UPDATE

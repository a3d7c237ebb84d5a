"""`peerinspect reminders --send`: each person their own digest, by a real SMTP server, once a day, and every
failure retried, reported and left for the next run."""

from __future__ import annotations

import json

import pytest

from peerinspect.engine.core import Engine
from peerinspect.domain.smtp_settings import PASSWORD_VARIABLE
from peerinspect.mail import delivery
from tests.smtp_server import free_port, silent_server, smtp_server

LEAD = ("--as", "Alex Director")
DAY = "2026-12-28"  # a Monday: both reports are due on the Thursday, Basingstoke's immediate plan is overdue
ALEX, BLAIR, DANA = "alex@test-county.example", "blair@test-county.example", "dana@test-county.example"
SENDER = "reminders@test-county.example"
PASSWORD = "violet-harbour-lantern-42"
NOT_ALL_SENT = 4


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(delivery, "RETRY_DELAYS", (0.01, 0.02, 0.04))
    monkeypatch.setattr(delivery, "TIMEOUT_SECONDS", 0.5)
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)


@pytest.fixture
def server():
    with smtp_server() as (mailbox, port):
        yield mailbox, port


@pytest.fixture
def county(cli, inspection, server):
    """Alex leads Basingstoke's inspection, with a concern still waiting for its plan; Blair leads Andover's.
    Dana has an address and nothing due. The mail server is the test's own, on this machine."""
    _, port = server
    cli("person", "add", "Blair Director", "--role", "area director", "--email", BLAIR, *LEAD)
    for name, address in (("Alex Director", ALEX), ("Dana District", DANA)):
        cli("person", "change", name, "--email", address, *LEAD)
    cli("inspection", "plan", "--district", "Andover", "--start", "2026-12-14", "--end", "2026-12-17",
        "--lead", "Blair Director", "--as", "Blair Director")
    cli.first_concern = cli.json("concern", "raise", inspection, "--description", "Left alone at night",
                                 "--date", "2026-12-14", "--as", "Ivy Inspector")["id"]
    cli("settings", "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "none",
        "--smtp-sender", SENDER, *LEAD)
    return cli


def send(cli, *extra: str, expect: int = 0) -> str:
    return cli("reminders", "--send", "--today", DAY, *extra, *LEAD, expect=expect)


def plain(message) -> str:
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def test_each_person_is_sent_their_own_digest_and_nobody_else_s(county, server):
    mailbox, _ = server
    shown = send(county)
    assert sorted(m["To"].addresses[0].addr_spec for m in mailbox.received) == [ALEX, BLAIR]  # Dana has nothing due
    (alex,), (blair,) = mailbox.to(ALEX), mailbox.to(BLAIR)
    assert alex["To"].addresses[0].display_name == "Alex Director"
    assert alex["Subject"] == "Peer inspection reminders, Mon 28 Dec 2026: 2 deadlines, 1 overdue"
    assert blair["Subject"] == "Peer inspection reminders, Mon 28 Dec 2026: 1 deadline"
    assert alex["From"] == SENDER and alex["Date"] and alex["Message-ID"] != blair["Message-ID"]
    assert "(Basingstoke)" in plain(alex) and "Andover" not in plain(alex) and "overdue" in plain(alex)
    assert "(Andover)" in plain(blair) and "Basingstoke" not in plain(blair) and "overdue" not in plain(blair)
    # The email is the digest the person would print for themselves, with the same lines in its HTML.
    assert plain(alex).rstrip("\n") == county("reminders", "--today", DAY, *LEAD).rstrip("\n")
    html = alex.get_body(("html",)).get_content()
    assert "Written report (Basingstoke)" in html and "Andover" not in html
    assert "Alex Director (2 due): sent" in shown and "Blair Director (1 due): sent" in shown
    assert "2 sent, 0 already sent today, 0 not sent" in shown


def test_a_second_run_the_same_day_sends_nothing_and_says_so(county, server):
    mailbox, _ = server
    send(county)
    after_first = county.snapshot()
    shown = send(county)
    assert len(mailbox.received) == 2
    assert "Alex Director (2 due): already sent today" in shown and "0 sent, 2 already sent today" in shown
    assert county.snapshot() == after_first
    # The next day's digest is a new one.
    send(county, "--today", "2026-12-29")
    assert len(mailbox.received) == 4


def test_each_sending_is_in_the_workspace_audit_trail(county, server):
    send(county)
    entries = [e for e in Engine.open(county.root).workspace.audit_entries() if e.action == "email reminders"]
    assert [e.record_kind for e in entries] == ["sent_reminders"] * 2
    assert {e.actor_id for e in entries} == {Engine.open(county.root).person("Alex Director").id}


def test_a_digest_holding_something_new_is_sent_again_the_same_day_and_one_that_only_shrank_is_not(county, server, inspection):
    mailbox, _ = server
    send(county)
    county("concern", "raise", inspection, "--description", "No visit for a month", "--date", "2026-12-15",
           "--as", "Ivy Inspector")
    shown = send(county)
    (first, second) = mailbox.to(ALEX)
    assert second["Subject"].endswith("3 deadlines, 2 overdue (updated)")
    assert "something was added since this morning's" in shown and len(mailbox.to(BLAIR)) == 1
    # A plan made for the first concern takes its line away: nothing new, so nothing is sent.
    county("concern", "plan", inspection, county.first_concern, "--owner", "Dana District", "--action", "Visit today", *LEAD)
    shown = send(county)
    assert len(mailbox.to(ALEX)) == 2 and "nothing was added since this morning's" in shown


def test_a_temporary_refusal_is_retried_and_then_sent(county, server):
    mailbox, _ = server
    mailbox.refuse(ALEX, "451 4.3.0 Mailbox busy, try again later")
    shown = send(county)
    assert mailbox.attempts[ALEX] == 2 and len(mailbox.to(ALEX)) == 1
    assert "Alex Director (2 due): sent after 2 attempts" in shown


def test_a_refusal_that_lasts_is_reported_with_a_failing_exit_and_sent_by_the_next_run(county, server):
    mailbox, _ = server
    mailbox.refuse(ALEX, *["451 4.3.0 Mailbox busy, try again later"] * 4)
    shown = send(county, expect=NOT_ALL_SENT)
    assert mailbox.attempts[ALEX] == 4 and not mailbox.to(ALEX) and len(mailbox.to(BLAIR)) == 1
    assert "Alex Director (2 due): NOT SENT after 4 attempts: the server refused the address: 451 4.3.0 Mailbox busy" in shown
    assert "1 sent, 0 already sent today, 1 not sent" in shown
    assert "reminders for Alex Director were not sent: the server refused the address: 451" in county.err
    shown = send(county)
    assert len(mailbox.to(ALEX)) == 1 and len(mailbox.to(BLAIR)) == 1
    assert "Alex Director (2 due): sent" in shown and "Blair Director (1 due): already sent today" in shown


def test_a_permanent_refusal_is_reported_at_once_without_retrying(county, server):
    mailbox, _ = server
    mailbox.refuse(BLAIR, "550 5.1.1 No such mailbox")
    shown = send(county, expect=NOT_ALL_SENT)
    assert mailbox.attempts[BLAIR] == 1 and len(mailbox.to(ALEX)) == 1
    assert "Blair Director (1 due): NOT SENT after 1 attempt: the server refused the address: 550 5.1.1 No such mailbox" in shown


def test_a_server_that_cannot_be_reached_is_retried_then_everyone_is_reported(county):
    county("settings", "--smtp-port", str(free_port()), *LEAD)
    shown = send(county, expect=NOT_ALL_SENT)
    assert "Alex Director (2 due): NOT SENT after 4 attempts: the server could not be reached" in shown
    assert "Blair Director (1 due): NOT SENT: not tried: the server could not be reached" in shown
    assert "0 sent, 0 already sent today, 2 not sent" in shown


def test_a_server_that_does_not_answer_times_out_and_is_reported(county):
    with silent_server() as port:
        county("settings", "--smtp-port", str(port), *LEAD)
        shown = send(county, expect=NOT_ALL_SENT)
    assert "Alex Director (2 due): NOT SENT after 4 attempts: the server did not answer in time" in shown


def test_the_password_comes_from_the_environment_and_goes_nowhere_else(county, server, monkeypatch):
    mailbox, _ = server
    mailbox.password = ("reminders", PASSWORD)
    county("settings", "--smtp-user", "reminders", *LEAD)
    before = county.snapshot()
    send(county, expect=2)
    assert f"{PASSWORD_VARIABLE}: is not set" in county.err and not mailbox.received
    assert county.snapshot() == before

    monkeypatch.setenv(PASSWORD_VARIABLE, "not-the-password")
    shown = send(county, expect=NOT_ALL_SENT)
    assert "the server refused the user name or password: 535" in shown and not mailbox.received
    assert "Blair Director (1 due): NOT SENT: not tried" in shown  # one refusal of the password is enough

    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)
    shown = send(county, "--json")
    assert mailbox.logins[-1] == ("reminders", PASSWORD) and len(mailbox.received) == 2
    written = [county.err, shown, county("settings", *LEAD), county("settings", "--json", *LEAD),
               *(plain(m) for m in mailbox.received)]
    assert not [text for text in written if PASSWORD in text]
    assert not [name for name, content in county.snapshot().items() if PASSWORD.encode() in content]


def test_json_says_what_became_of_each_digest(county, server):
    server[0].refuse(BLAIR, "550 5.1.1 No such mailbox")
    found = {o["person"]: o for o in json.loads(send(county, "--json", expect=NOT_ALL_SENT))}
    assert found["Alex Director"]["outcome"] == "sent" and found["Alex Director"]["deadlines"] == 2
    assert found["Blair Director"]["outcome"] == "failed" and found["Blair Director"]["reason"].endswith("No such mailbox")


def test_someone_with_something_due_and_no_address_is_named_and_sent_nothing(county, server):
    county("person", "change", "Blair Director", "--email", "", *LEAD)
    shown = send(county)
    assert "Blair Director (1 due): not sent: no email address" in shown
    assert len(server[0].received) == 1


def test_only_whoever_the_rulebook_allows_may_send(county, server):
    county("reminders", "--send", "--today", DAY, "--as", "Ivy Inspector", expect=2)
    assert "area directors" in county.err and not server[0].received


def test_sending_without_a_mail_server_set_names_the_setting(cli):
    before = cli.snapshot()
    cli("reminders", "--send", *LEAD, expect=2)
    assert "smtp.host: no mail server is set" in cli.err and "smtp.sender: no sender address is set" in cli.err
    assert cli.snapshot() == before

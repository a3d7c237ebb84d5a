"""Reminders sent over an encrypted connection: STARTTLS and TLS to a server whose certificate is trusted, and
a certificate that does not verify refused at once, never retried and never sent around."""

from __future__ import annotations

import pytest

from peerinspect.mail import delivery
from tests.smtp_server import self_signed, server_context, smtp_server

LEAD = ("--as", "Alex Director")
ALEX = "alex@test-county.example"


@pytest.fixture
def certificate(tmp_path):
    return self_signed(tmp_path)


@pytest.fixture
def due(cli, inspection, monkeypatch):
    """Alex leads an inspection whose report is due within the week, and has an address."""
    monkeypatch.setattr(delivery, "RETRY_DELAYS", (0.01, 0.01, 0.01))
    cli("person", "change", "Alex Director", "--email", ALEX, *LEAD)
    return cli


def send(cli, port: int, security: str, expect: int = 0) -> str:
    cli("settings", "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", security,
        "--smtp-sender", "reminders@test-county.example", *LEAD)
    return cli("reminders", "--send", "--today", "2026-12-28", *LEAD, expect=expect)


def test_starttls_to_a_trusted_server(due, certificate, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    with smtp_server(tls_context=server_context(*certificate), require_starttls=True) as (mailbox, port):
        send(due, port, "starttls")
    assert [m["To"].addresses[0].addr_spec for m in mailbox.received] == [ALEX]


def test_a_server_that_requires_starttls_refuses_an_unencrypted_sending(due, certificate):
    with smtp_server(tls_context=server_context(*certificate), require_starttls=True) as (mailbox, port):
        shown = send(due, port, "none", expect=4)
    assert "NOT SENT after 1 attempt: the server refused the sender address: 530 Must issue a STARTTLS command first" in shown
    assert not mailbox.received


def test_a_certificate_that_does_not_verify_is_refused_at_once(due, certificate, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    with smtp_server(tls_context=server_context(*certificate), require_starttls=True) as (mailbox, port):
        shown = send(due, port, "starttls", expect=4)
    assert "NOT SENT after 1 attempt: no secure connection could be made" in shown and "CERTIFICATE_VERIFY_FAILED" in shown
    assert not mailbox.received

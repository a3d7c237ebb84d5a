"""Handing messages to the mail server: retried with backoff while the failure may pass, reported when it does not.

A temporary failure (the server refused the connection or did not answer, or replied 4xx) is retried after
each of the given delays; a permanent one (5xx, a certificate that does not verify, STARTTLS not offered) is
reported at once. A failure that is the server's rather than one recipient's is marked shared, so a caller
sending to many people need not wait through the same retries for each of them.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from email.message import EmailMessage

from attrs import frozen

from ..domain.smtp_settings import Security, SmtpSettings

# Seconds to wait before each retry: a server restarting or briefly overloaded is given a few minutes in all.
RETRY_DELAYS: tuple[float, ...] = (5, 30, 120)
TIMEOUT_SECONDS = 30


@frozen
class Delivery:
    sent: bool
    attempts: int
    reason: str = ""  # why it was not sent, in the server's words where it gave them
    shared: bool = False  # the failure is the server's: every other message would meet it too


@frozen
class _Failure:
    reason: str
    temporary: bool
    shared: bool


class MailServer:
    """The workspace's mail server, as its settings and the sender's password describe it."""

    def __init__(self, settings: SmtpSettings, password: str | None, *, retry_delays: Sequence[float] = RETRY_DELAYS,
                 timeout: float = TIMEOUT_SECONDS, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings, self._password = settings, password
        self.retry_delays, self.timeout, self._sleep = tuple(retry_delays), timeout, sleep

    def send(self, message: EmailMessage) -> Delivery:
        delays, attempts = iter(self.retry_delays), 0
        while True:
            attempts += 1
            try:
                self._send_once(message)
                return Delivery(sent=True, attempts=attempts)
            except (smtplib.SMTPException, OSError) as error:
                failure = _failure(error)
            delay = next(delays, None)
            if not failure.temporary or delay is None:
                return Delivery(sent=False, attempts=attempts, reason=failure.reason, shared=failure.shared)
            self._sleep(delay)

    def _send_once(self, message: EmailMessage) -> None:
        settings = self.settings
        context = ssl.create_default_context()
        if settings.security is Security.TLS:
            connection = smtplib.SMTP_SSL(settings.host, settings.port, timeout=self.timeout, context=context)
        else:
            connection = smtplib.SMTP(settings.host, settings.port, timeout=self.timeout)
        with connection:
            if settings.security is Security.STARTTLS:
                connection.starttls(context=context)
            if settings.user:
                connection.login(settings.user, self._password or "")
            connection.send_message(message)


def _failure(error: Exception) -> _Failure:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        replies = list(error.recipients.values())
        code, text = replies[0] if replies else (550, b"refused")
        return _Failure(f"the server refused the address: {_reply(code, text)}", _is_temporary(code), shared=False)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return _Failure(f"the server refused the user name or password: {_reply(error.smtp_code, error.smtp_error)}",
                        _is_temporary(error.smtp_code), shared=True)
    if isinstance(error, smtplib.SMTPSenderRefused):
        return _Failure(f"the server refused the sender address: {_reply(error.smtp_code, error.smtp_error)}",
                        _is_temporary(error.smtp_code), shared=True)
    if isinstance(error, smtplib.SMTPResponseException):
        return _Failure(f"the server replied {_reply(error.smtp_code, error.smtp_error)}", _is_temporary(error.smtp_code),
                        shared=isinstance(error, (smtplib.SMTPConnectError, smtplib.SMTPHeloError)))
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return _Failure(f"the server does not offer what the settings need ({error})", temporary=False, shared=True)
    if isinstance(error, ssl.SSLError):
        # A certificate that does not verify, or a server that speaks no TLS: waiting will not change it.
        return _Failure(f"no secure connection could be made: {error}", temporary=False, shared=True)
    if isinstance(error, smtplib.SMTPServerDisconnected) and isinstance(error.__context__, TimeoutError):
        return _Failure("the server did not answer in time", temporary=True, shared=True)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return _Failure(f"the server closed the connection: {error}", temporary=True, shared=True)
    if isinstance(error, TimeoutError):
        return _Failure("the server did not answer in time", temporary=True, shared=True)
    if isinstance(error, OSError):
        return _Failure(f"the server could not be reached: {error.strerror or error}", temporary=True, shared=True)
    return _Failure(f"sending failed: {error}", temporary=True, shared=False)


def _is_temporary(code: int) -> bool:
    return 400 <= code < 500


def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(words.split())}"

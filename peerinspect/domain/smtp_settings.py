"""The mail server reminders are sent through: a workspace setting, without its password.

The password is never a setting: it comes from the environment of whoever sends (PEERINSPECT_SMTP_PASSWORD),
so no workspace file, field copy, bundle or audit entry can hold it.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import time

from attrs import field, frozen

from .authority import valid_email
from .errors import InvalidInput, Problem
from .limits import within_limits
from .records import Record
from .vocabulary import Label

# A host name as DNS allows it (letters, digits, hyphens, dots), or an IPv4 or IPv6 address.
_HOST_NAME = re.compile(r"(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?")
_HOUR_AND_MINUTE = re.compile(r"[0-9]{1,2}:[0-9]{2}")
LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain"})
# Where the sender's password is read from, and only from.
PASSWORD_VARIABLE = "PEERINSPECT_SMTP_PASSWORD"


class Security(Label):
    STARTTLS = "starttls"  # plain connection upgraded to TLS before anything is sent (port 587)
    TLS = "tls"  # TLS from the first byte (port 465)
    NONE = "none"  # nothing encrypted: for a relay on this machine


USUAL_PORT = {Security.STARTTLS: 587, Security.TLS: 465, Security.NONE: 25}


def is_local(host: str) -> bool:
    """Whether the host is this machine, so nothing sent to it crosses a network."""
    name = host.strip().rstrip(".").lower()
    if name in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def _host(instance, attribute, value: str) -> None:
    if value and not (_HOST_NAME.fullmatch(value) or _is_address(value)):
        raise InvalidInput(Problem(attribute.name, f"{value!r} is not a host name or address (mail.example.org)"))


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value.strip("[]"))
        return True
    except ValueError:
        return False


def _port(instance, attribute, value: int) -> None:
    if not 1 <= value <= 65535:
        raise InvalidInput(Problem(attribute.name, f"{value} is not a port: give a number from 1 to 65535"))


def _sender(instance, attribute, value: str) -> None:
    if value and not valid_email(value):
        raise InvalidInput(Problem(attribute.name, f"{value!r} is not an email address (reminders@example.org)"))


def _send_at(instance, attribute, value: str) -> None:
    if value and send_time(value) is None:
        raise InvalidInput(Problem(attribute.name, f"{value!r} is not a time of day: give HH:MM (07:30), or leave it empty"))


def send_time(value: str) -> time | None:
    """The time of day `HH:MM` names, or None when it names none."""
    if not _HOUR_AND_MINUTE.fullmatch(value):
        return None
    hour, minute = map(int, value.split(":"))
    return time(hour, minute) if hour < 24 and minute < 60 else None


def _user(instance, attribute, value: str) -> None:
    if value != value.strip() or any(c.isspace() and c != " " for c in value):
        raise InvalidInput(Problem(attribute.name, "must be one line, without spaces at either end"))


@frozen(kw_only=True, field_transformer=within_limits)
class SmtpSettings(Record):
    """Where reminders are sent from; an empty host means reminders are not sent by email."""

    host: str = field(default="", validator=_host)
    port: int = field(default=587, validator=_port)
    security: Security = Security.STARTTLS
    sender: str = field(default="", validator=_sender)  # the From address of every reminder
    user: str = field(default="", validator=_user)  # signs in with this name, and the password from the environment
    # Sending unencrypted across a network exposes the password and everyone's deadlines: only when said so.
    allow_unencrypted_remote: bool = False
    # `serve` sends everyone's digest at this time (HH:MM) every working morning, acting as `send_as` (a person's
    # id); an empty time means only `peerinspect reminders --send` sends them.
    send_at: str = field(default="", validator=_send_at)
    send_as: str = ""

    def __attrs_post_init__(self) -> None:
        if self.security is Security.NONE and self.host and not is_local(self.host) and not self.allow_unencrypted_remote:
            raise InvalidInput(Problem(
                "security", f"'none' would send the password and everyone's deadlines unencrypted to {self.host}: "
                "choose starttls or tls, or explicitly allow unencrypted sending to a host elsewhere",
            ))

    @property
    def is_set(self) -> bool:
        return bool(self.host)

    @property
    def described(self) -> str:
        """The settings in one line, as the settings are shown; never a password, which they do not hold."""
        if not self.host:
            return "not sent (no mail server set)"
        sign_in = f", signing in as {self.user}" if self.user else ""
        unencrypted = " (allowed to a host elsewhere)" if self.security is Security.NONE and self.allow_unencrypted_remote else ""
        return (f"through {self.host}:{self.port}, {self.security.label}{unencrypted}, "
                f"from {self.sender or '(no sender address yet)'}{sign_in}; "
                f"{f'served every working day at {self.send_at}' if self.send_at else 'sent only when asked'}")

    def missing(self) -> list[Problem]:
        """What sending needs and these settings lack, each naming its field."""
        problems = []
        if not self.host:
            problems.append(Problem("smtp.host", "no mail server is set: set the SMTP host before sending reminders"))
        if not self.sender:
            problems.append(Problem("smtp.sender", "no sender address is set: set the address reminders come from"))
        return problems

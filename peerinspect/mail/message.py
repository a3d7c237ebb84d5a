"""A person's digest as an email: plain text with an HTML alternative, dated and with its own Message-ID."""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..domain.digest import Digest


def reminder_message(digest: Digest, *, sender: str, to_name: str, to_address: str, now: datetime,
                     updated: bool = False) -> EmailMessage:
    """The email of one digest; raises ValueError for an address no message can carry."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = Address(display_name=to_name, addr_spec=to_address)
    message["Subject"] = digest.subject(updated=updated)
    message["Date"] = format_datetime(now.astimezone())
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    message.set_content(digest.text())
    message.add_alternative(digest.html(), subtype="html")
    return message

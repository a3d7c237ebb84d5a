"""Emailing each person their own digest, once a day, through the workspace's mail server.

Everyone still here with an email address and something overdue or due soon is sent what `peerinspect
reminders` would show them. Each message sent is recorded in the index at once, with its audit entry, so a
second run the same day sends nothing again, and a run cut short still knows what it sent. A message that could
not be sent is reported and not recorded, so the next run tries it again.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date

from attrs import frozen

from ..domain.authority import Person, current
from ..domain.digest import Digest
from ..domain.errors import InvalidInput, Problem
from ..domain.permissions import Act
from ..domain.smtp_settings import PASSWORD_VARIABLE
from ..domain.sent_reminders import SentReminders, Sending, after_sending, sending
from ..domain.vocabulary import Label
from ..mail import delivery
from ..mail.delivery import Delivery, MailServer
from ..mail.message import reminder_message
from . import queries
from .access import require
from .core import Engine


class Outcome(Label):
    SENT = "sent"
    UPDATE_SENT = "update_sent"  # sent again today: it holds something the earlier one did not
    ALREADY_SENT = "already_sent"
    NOTHING_NEW = "nothing_new"  # sent earlier today, and nothing has been added since
    NO_ADDRESS = "no_address"  # something is due, but there is nowhere to send it
    FAILED = "failed"

    @property
    def is_failure(self) -> bool:
        return self is Outcome.FAILED


@frozen(kw_only=True)
class PersonReminded:
    """What became of one person's digest."""

    person: Person
    outcome: Outcome
    deadlines: int  # how many the digest held
    attempts: int = 0
    reason: str = ""  # why it was not sent


def send_reminders(
    engine: Engine,
    *,
    as_person: str,
    today: date | None = None,
    retry_delays: Sequence[float] | None = None,
    timeout: float | None = None,
) -> list[PersonReminded]:
    """Email everyone their own digest for `today`; what became of each digest that had something in it.

    Each failed send is tried again after each of `retry_delays` seconds (the mail package's own by default)."""
    sender = engine.person(as_person)
    require(engine, sender, Act.SEND_REMINDERS)
    today = today or engine.today()
    server = MailServer(engine.settings().smtp, _password(engine),
                        retry_delays=delivery.RETRY_DELAYS if retry_delays is None else retry_delays,
                        timeout=delivery.TIMEOUT_SECONDS if timeout is None else timeout)
    people = current(engine.people(), today)
    digests = queries.digests(engine, people, today=today)
    sent_before = {r.id: r for r in engine.workspace.index_records(SentReminders)}
    outcomes: list[PersonReminded] = []
    server_failure: Delivery | None = None  # once the server itself fails, the people after are not tried
    for person in (p for p in people if not digests[p.id].is_empty):
        digest = digests[person.id]
        step = sending(sent_before.get(person.id), digest)
        if not person.email or step in (Sending.ALREADY_SENT, Sending.NOTHING_NEW):
            outcomes.append(PersonReminded(person=person, outcome=_unsent(person, step), deadlines=len(digest.lines)))
            continue
        if server_failure is not None:
            handed = Delivery(sent=False, attempts=0, reason=f"not tried: {server_failure.reason}")
        else:
            handed = _deliver(engine, server, person, digest, updated=step is Sending.UPDATE)
            if handed.sent:
                _record(engine, sender, person, digest)
            elif handed.shared:
                server_failure = handed
        outcomes.append(_reminded(person, digest, step, handed))
    return outcomes


def _unsent(person: Person, step: Sending) -> Outcome:
    if not person.email:
        return Outcome.NO_ADDRESS
    return Outcome.ALREADY_SENT if step is Sending.ALREADY_SENT else Outcome.NOTHING_NEW


def _reminded(person: Person, digest: Digest, step: Sending, handed: Delivery) -> PersonReminded:
    if not handed.sent:
        outcome = Outcome.FAILED
    else:
        outcome = Outcome.UPDATE_SENT if step is Sending.UPDATE else Outcome.SENT
    return PersonReminded(person=person, outcome=outcome, deadlines=len(digest.lines), attempts=handed.attempts,
                          reason=handed.reason)


def _password(engine: Engine) -> str | None:
    """The mail server's password, from the sender's environment only; refused before anything is sent when it is
    needed and missing, or when the settings lack what sending needs."""
    smtp = engine.settings().smtp
    problems = smtp.missing()
    password = os.environ.get(PASSWORD_VARIABLE)
    if smtp.user and not password:
        problems.append(Problem(PASSWORD_VARIABLE, f"is not set: the mail server signs in as {smtp.user!r} with the "
                                                   "password in this environment variable"))
    if problems:
        raise InvalidInput(problems)
    return password


def _deliver(engine: Engine, server: MailServer, person: Person, digest: Digest, *, updated: bool) -> Delivery:
    try:
        message = reminder_message(digest, sender=server.settings.sender, to_name=person.name, to_address=person.email,
                                   now=engine.now(), updated=updated)
    except ValueError as error:
        return Delivery(sent=False, attempts=0, reason=f"{person.email!r} cannot be written on an email: {error}")
    return server.send(message)


def _record(engine: Engine, sender: Person, person: Person, digest: Digest) -> None:
    # Read again under the lock: another run may have recorded a digest meanwhile, and theirs is kept beside this one.
    with engine.workspace.index() as tx:
        held = tx.get(SentReminders, person.id)
        tx.attribute(at=engine.now(), actor_id=sender.id, action="email reminders")
        tx.put(after_sending(held, person.id, digest))

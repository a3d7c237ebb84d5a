"""What was emailed to whom today, so that nobody gets the same digest twice in a day.

One record per person, replaced by the first digest of each new day: the index keeps the last day only, the
audit trail keeps every sending.

A digest that changed since the morning's is sent again only if it holds something the person was not yet
sent today (a deadline newly theirs, one now overdue): a digest that only shrank, because something was
done, tells them nothing new and is not sent.
"""

from __future__ import annotations

from datetime import date

from attrs import evolve, field, frozen

from .digest import Digest
from .errors import not_blank
from .limits import within_limits
from .records import Record
from .vocabulary import Label


class Sending(Label):
    FIRST = "first"  # nothing sent to them yet today
    UPDATE = "update"  # sent today, and this digest holds something new
    ALREADY_SENT = "already_sent"  # this very digest was sent today
    NOTHING_NEW = "nothing_new"  # sent today, and this digest holds only what was sent then


@frozen(kw_only=True, field_transformer=within_limits)
class SentReminders(Record):
    KIND = "sent_reminders"  # names its table and is stored in each document: never rename
    id: str = field(validator=not_blank)  # the person's id: one record each
    day: date
    digests: tuple[str, ...] = ()  # the fingerprint of each digest sent that day
    lines: tuple[str, ...] = ()  # the key of every line those digests held
    revision: int = 0


def sending(sent: SentReminders | None, digest: Digest) -> Sending:
    if sent is None or sent.day != digest.today:
        return Sending.FIRST
    if digest.fingerprint in sent.digests:
        return Sending.ALREADY_SENT
    if digest.keys <= set(sent.lines):
        return Sending.NOTHING_NEW
    return Sending.UPDATE


def after_sending(sent: SentReminders | None, person_id: str, digest: Digest) -> SentReminders:
    """The record once this digest is sent: added to the day's, or starting a new day."""
    if sent is None:
        return SentReminders(id=person_id, day=digest.today, digests=(digest.fingerprint,), lines=tuple(sorted(digest.keys)))
    if sent.day != digest.today:
        return evolve(sent, day=digest.today, digests=(digest.fingerprint,), lines=tuple(sorted(digest.keys)))
    return evolve(sent, digests=tuple(dict.fromkeys((*sent.digests, digest.fingerprint))),
                  lines=tuple(sorted(set(sent.lines) | digest.keys)))

"""One person's reminders on one day: what they must act on that is overdue or due soon, in words.

The same digest is printed by `peerinspect reminders` and emailed by `peerinspect reminders --send`, so what
arrives by email is exactly what the person would see for themselves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date
from html import escape

from attrs import frozen

from .deadlines import DeadlineStatus, DeadlineState


@frozen
class DigestLine:
    title: str
    district: str
    state: DeadlineState
    describe: str  # "overdue by 2 days", "due in 3 days"
    due: date

    @property
    def text(self) -> str:
        where = f" ({self.district})" if self.district else ""
        return f"{self.title}{where}: {self.describe} ({self.due:%a %d %b})"

    @property
    def key(self) -> str:
        """Tells this line from every other a person could be sent on one day."""
        return fingerprint(self.text)


@frozen
class Digest:
    person_name: str
    today: date
    lines: tuple[DigestLine, ...]

    @classmethod
    def of(cls, person_name: str, today: date, due: Iterable[DeadlineStatus], districts: Mapping[str, str]) -> "Digest":
        """The digest of these deadline statuses, most urgent first as given; `districts` names each by id."""
        return cls(person_name, today, tuple(
            DigestLine(s.deadline.title, districts.get(s.deadline.district_id, ""), s.state, s.describe(), s.deadline.due)
            for s in due
        ))

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def heading(self) -> str:
        return f"Peer inspection reminders for {self.person_name}, {self.today:%A %d %B %Y}"

    @property
    def overdue(self) -> int:
        return sum(line.state is DeadlineState.OVERDUE for line in self.lines)

    def subject(self, *, updated: bool = False) -> str:
        count = len(self.lines)
        what = f"{count} deadline{'' if count == 1 else 's'}"
        if self.overdue:
            what += f", {self.overdue} overdue"
        return f"Peer inspection reminders, {self.today:%a %d %b %Y}: {what}{' (updated)' if updated else ''}"

    def text(self) -> str:
        body = [f"- {line.text}" for line in self.lines] or ["Nothing is overdue or due in the coming week."]
        return "\n".join([self.heading, "", *body]) + "\n"

    def html(self) -> str:
        items = "".join(f"<li>{escape(line.text)}</li>" for line in self.lines)
        body = f"<ul>{items}</ul>" if items else "<p>Nothing is overdue or due in the coming week.</p>"
        return f"<!DOCTYPE html><html><body><h1>{escape(self.heading)}</h1>{body}</body></html>\n"

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.text())

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(line.key for line in self.lines)


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]

"""What is due and who is late: deadlines, the cycle plan and reminders."""

from __future__ import annotations

import sys
from collections import Counter

from ..domain.deadlines import DeadlineStatus
from ..domain.limits import displayable
from ..engine import queries
from .context import as_date, emit_json, engine, show, table


def _deadline_rows(statuses: list[DeadlineStatus], opened) -> list[list[str]]:
    districts = {d.id: d.name for d in opened.districts()}
    return [
        [s.deadline.due.isoformat(), s.state.label, s.describe(), s.deadline.title, districts.get(s.deadline.district_id, "?"),
         s.deadline.inspection_id[:8]]
        for s in statuses
    ]


def deadlines(args) -> int:
    opened = engine(args)
    statuses = queries.deadline_statuses(
        opened, today=as_date(args.today, "today"), district=args.district, person=args.person, include_met=args.all
    )
    if args.json:
        emit_json([
            {"key": s.deadline.key, "rule": s.deadline.rule_id, "title": s.deadline.title, "inspection_id": s.deadline.inspection_id,
             "due": s.deadline.due, "met_on": s.deadline.met_on, "state": s.state, "days": s.days, "owners": s.deadline.owner_ids,
             "returned_on": s.deadline.returned_on, "return_reason": s.deadline.return_reason}
            for s in statuses
        ])
    elif statuses:
        show(table(_deadline_rows(statuses, opened), ["due", "state", "", "deadline", "district", "inspection"]))
        for s in statuses:
            if s.deadline.returned_on and s.is_open:
                show(f"{s.deadline.title} returned on {s.deadline.returned_on}: {s.deadline.return_reason}")
    else:
        show("No open deadlines")
    return 0


def cycle(args) -> int:
    coverage = queries.cycle_plan(engine(args), today=as_date(args.today, "today"))
    if args.json:
        emit_json(coverage)
        return 0
    if coverage:
        show(f"Cycle {coverage[0].cycle_start} to {coverage[0].cycle_end} (end not included)")
    rows = [
        [c.district.id[:8], c.district.name, str(len(c.held)), str(len(c.planned)), "covered" if c.is_covered else f"short by {c.short_by}",
         ", ".join(d.isoformat() for d in c.suggested_dates)]
        for c in coverage
    ]
    show(table(rows, ["id", "district", "held", "planned", "coverage", "suggested start dates"]))
    return 0


# Some digests could not be sent: a scheduler sees this code, and the next run tries them again.
EXIT_NOT_ALL_SENT = 4


def reminders(args) -> int:
    opened = engine(args)
    today = as_date(args.today, "today") or opened.today()
    if args.send:
        return _send_reminders(args, opened, today)
    person = opened.person(args.as_person)
    if args.json:
        due = queries.reminders(opened, as_person=person.id, today=today)
        emit_json([{"title": s.deadline.title, "due": s.deadline.due, "state": s.state, "describe": s.describe()} for s in due])
        return 0
    show(queries.digest(opened, person, today=today).text().rstrip("\n"))
    return 0


# What became of each person's digest, by outcome.
SAID = {
    "sent": "sent",
    "update_sent": "sent again: something was added since this morning's",
    "already_sent": "already sent today",
    "nothing_new": "not sent: nothing was added since this morning's",
    "no_address": "not sent: no email address",
    "failed": "NOT SENT",
}


def _send_reminders(args, opened, today) -> int:
    # Only sending needs the mail libraries: the digest alone answers without them.
    from ..engine import reminder_mail
    from ..engine.reminder_mail import Outcome

    outcomes = reminder_mail.send_reminders(opened, as_person=args.as_person, today=today)
    failed = [o for o in outcomes if o.outcome.is_failure]
    if args.json:
        emit_json([{"person": o.person.name, "person_id": o.person.id, "email": o.person.email, "outcome": o.outcome,
                    "deadlines": o.deadlines, "attempts": o.attempts, "reason": o.reason} for o in outcomes])
    else:
        show(f"Reminders for {today:%A %d %B %Y}")
        for o in outcomes:
            tried = f" after {o.attempts} attempt{'s' if o.attempts != 1 else ''}" if o.attempts > 1 or (o.reason and o.attempts) else ""
            show(f"- {o.person.name} ({o.deadlines} due): {SAID[o.outcome.value]}{tried}{f': {o.reason}' if o.reason else ''}")
        counts = Counter(o.outcome for o in outcomes)
        sent = counts[Outcome.SENT] + counts[Outcome.UPDATE_SENT]
        already = counts[Outcome.ALREADY_SENT] + counts[Outcome.NOTHING_NEW]
        show(f"{sent} sent, {already} already sent today, {len(failed)} not sent"
             + ("" if outcomes else ": nobody has anything overdue or due in the coming week"))
    for o in failed:
        print(displayable(f"peerinspect: reminders for {o.person.name} were not sent: {o.reason}"), file=sys.stderr)
    return EXIT_NOT_ALL_SENT if failed else 0

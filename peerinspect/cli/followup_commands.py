"""What is due and who is late: deadlines, the cycle plan and reminders."""

from __future__ import annotations

from ..domain.deadlines import DeadlineStatus
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


def reminders(args) -> int:
    opened = engine(args)
    person = opened.person(args.as_person)
    today = as_date(args.today, "today") or opened.today()
    due = queries.reminders(opened, as_person=person.id, today=today)
    if args.json:
        emit_json([{"title": s.deadline.title, "due": s.deadline.due, "state": s.state, "describe": s.describe()} for s in due])
        return 0
    show(f"Peer inspection reminders for {person.name}, {today:%A %d %B %Y}\n")
    if not due:
        show("Nothing is overdue or due in the coming week.")
    for status in due:
        show(f"- {status.deadline.title}: {status.describe()} ({status.deadline.due:%a %d %b})")
    return 0

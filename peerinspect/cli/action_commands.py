"""The district's action plan from the command line: actions added, updated, verified and listed."""

from __future__ import annotations

from ..domain.errors import InvalidInput, Problem
from ..engine import actionplan
from .context import as_date, emit_json, engine, report_made, show, table


def action_add(args) -> int:
    made = actionplan.add_action(
        engine(args), as_person=args.as_person, inspection=args.inspection, recommendation_id=args.recommendation,
        what=args.what, owner=args.owner, due=as_date(args.due, "due"), on=as_date(args.date),
    )
    report_made(args, made, f"Added action {made.id[:8]}")
    return 0


def action_update(args) -> int:
    opened = engine(args)
    action = actionplan.find_action(opened, as_person=args.as_person, inspection=args.inspection, action_id=args.action)
    plans = args.owner is not None or args.due is not None or args.what is not None
    if not (plans or args.note or args.done):
        raise InvalidInput(Problem("action", "nothing to change: give --what, --owner, --due, --note or --done"))
    due = as_date(args.due, "due")
    on = as_date(args.date)
    if plans:
        action = actionplan.plan_action(
            opened, as_person=args.as_person, inspection=args.inspection, action_id=action.id,
            what=args.what, owner=args.owner, due=due,
        )
    if args.note or args.done:
        action = actionplan.record_progress(
            opened, as_person=args.as_person, inspection=args.inspection, action_id=action.id,
            text=args.note or "", on=on, done=args.done,
        )
    if args.json:
        emit_json(action)
    else:
        show(f"Action {action.id[:8]} updated: {action.status.label}")
    return 0


def action_verify(args) -> int:
    made = actionplan.verify_action(
        engine(args), as_person=args.as_person, inspection=args.inspection, action_id=args.action,
        on=as_date(args.date), send_back_reason=args.send_back,
    )
    if args.json:
        emit_json(made)
    else:
        show(f"Action {made.id[:8]} {made.status.label}")
    return 0


def action_list(args) -> int:
    rows = actionplan.action_plan_rows(engine(args), as_person=args.as_person, inspection=args.inspection)
    if args.json:
        emit_json(rows)
    else:
        show(table([[r["id"][:8], *(str(r.get(k) or "") for k in ("action", "owner", "due", "status", "days_overdue"))]
                     for r in rows], ["id", "action", "owner", "due", "status", "overdue days"]))
    return 0

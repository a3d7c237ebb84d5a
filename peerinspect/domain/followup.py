"""Following up the district's action plan: progress, done, verified or sent back, one action at a time."""

from __future__ import annotations

from datetime import date

from attrs import evolve

from .actions import Action, ProgressNote
from .dossier import Dossier
from .errors import InvalidInput, Problem, Refused
from .honest_dates import not_before, not_in_future, problems
from .inspection import Inspection, Stage
from .vocabulary import ActionStatus


def quoted(text: str, limit: int = 60) -> str:
    """A record's text short enough to name it in a message."""
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 1].rstrip()}…'"


OPEN = (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS)


def next_steps(action: Action) -> frozenset[str]:
    """The follow-up steps an action's status allows: what a screen offers and what the steps below accept."""
    if action.status is ActionStatus.VERIFIED:
        return frozenset()
    steps = {"plan", "progress"}
    if action.status in OPEN:
        steps.add("done")
    if action.status is ActionStatus.DONE:
        steps |= {"verify", "send_back"}
    return frozenset(steps)


def plan_closed_reason(inspection: Inspection) -> str | None:
    """Why the action plan cannot be written now, or None while it can."""
    if not inspection.reached(Stage.REPORT_ISSUED):
        return "The action plan starts when the report is issued to the district"
    if inspection.stage is Stage.CLOSED:
        return "This inspection is closed: its action plan can no longer change"
    return None


def date_problems(action: Action, inspection: Inspection, step: str, on: date, today: date) -> list[Problem]:
    """Why a follow-up step on this action cannot carry that date: after today, before the report reached the
    district, before the action's last note, or (to verify or send back) before it was marked done."""
    what = {"progress": "A progress note", "done": "Marking the action done", "verify": "The verification",
            "send_back": "Sending the action back"}[step]
    last_note = action.notes[-1].on if action.notes else None
    found = problems(
        not_in_future(what, on, today),
        not_before(what, on, inspection.report_issued_on, "the report was issued"),
        not_before(what, on, last_note, "the action's last note is dated"),
        not_before(what, on, action.done_on, "it was marked done") if step in ("verify", "send_back") else None,
    )
    return [Problem("date", reason) for reason in found[:1]]


def add_progress(action: Action, on: date, author_id: str, text: str) -> Action:
    if "progress" not in next_steps(action):
        raise Refused(f"Action {quoted(action.what)} is verified: no more progress can be added to it")
    note = ProgressNote(on=on, author_id=author_id, text=text)
    status = ActionStatus.IN_PROGRESS if action.status is ActionStatus.NOT_STARTED else action.status
    return evolve(action, notes=(*action.notes, note), status=status)


def mark_done(action: Action, on: date, by: str) -> Action:
    if "done" not in next_steps(action):
        raise Refused(f"Action {quoted(action.what)} is already {action.status.label}")
    return evolve(action, status=ActionStatus.DONE, done_on=on, done_by=by)


def verify(action: Action, on: date, by: str) -> Action:
    if "verify" not in next_steps(action):
        raise Refused(
            f"Action {quoted(action.what)} is {action.status.label}: only an action marked done can be verified"
        )
    if action.done_on is not None and on < action.done_on:
        raise Refused(f"Action {quoted(action.what)} cannot be verified on {on}: it was done on {action.done_on}")
    return evolve(action, status=ActionStatus.VERIFIED, verified_on=on, verified_by=by)


def send_back(action: Action, on: date, by: str, reason: str) -> Action:
    """The area manager is not satisfied that a done action is done: it goes back to the district with why."""
    if not reason or not reason.strip():
        raise InvalidInput(Problem("reason", "say why the action is sent back, so the district knows what is needed"))
    if "send_back" not in next_steps(action):
        raise Refused(
            f"Action {quoted(action.what)} is {action.status.label}: only an action marked done can be sent back"
        )
    reason = reason.strip()
    note = ProgressNote(on=on, author_id=by, text=f"Sent back: {reason}")
    return evolve(
        action,
        status=ActionStatus.IN_PROGRESS,
        done_on=None,
        done_by=None,
        sent_back_reason=reason,
        notes=(*action.notes, note),
    )


def set_plan(action: Action, owner_id: str | None, due: date | None, today: date | None = None) -> Action:
    """Who owns the action and by when; either may be left open while the plan is drafted.

    A due date that has passed stays: moving it would turn an action done late into one done on time.
    """
    if "plan" not in next_steps(action):
        raise Refused(f"Action {quoted(action.what)} is verified: its owner and due date can no longer change")
    if today is not None and action.due is not None and due != action.due and action.due < today:
        raise InvalidInput(Problem(
            "due", f"action {quoted(action.what)} was due on {action.due}, which has passed: its due date stays on record"
        ))
    owner_id = owner_id.strip() if owner_id else None
    return evolve(action, owner_id=owner_id or None, due=due)


def plan_problems(dossier: Dossier) -> list[str]:
    """What stops the action plan being submitted or approved: every recommendation answered, with owners and dates."""
    problems = [
        f"Recommendation {quoted(r.text)} has no action"
        for r in dossier.recommendations
        if not dossier.actions_for(r.id)
    ]
    for action in dossier.actions:
        if not action.owner_id:
            problems.append(f"Action {quoted(action.what)} has no owner")
        if action.due is None:
            problems.append(f"Action {quoted(action.what)} has no due date")
    return problems

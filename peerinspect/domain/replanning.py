"""Plans change: what may change in a planned inspection and when, double bookings, and calling one off."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from attrs import evolve

from .errors import InvalidInput, Problem, Refused
from .inspection import Cancellation, Inspection, Stage, StageChange

# Everything a plan holds that a change may touch, as people name it.
PLAN_FIELDS = {
    "fieldwork_start": "the fieldwork start",
    "fieldwork_end": "the fieldwork end",
    "notice_date": "the notice date",
    "lead_id": "the lead",
    "team": "the team",
}

CANCEL_EVENT = "cancel"  # stored in the inspection's history: never renamed


def changed_fields(before: Inspection, after: Inspection) -> list[str]:
    """The plan fields that differ between two versions of one inspection."""
    return [name for name in PLAN_FIELDS if getattr(before, name) != getattr(after, name)]


def adds_team_members_only(before: Inspection, after: Inspection) -> bool:
    """True when the only change is people joining the team: the one change still open once fieldwork starts."""
    if changed_fields(before, after) != ["team"]:
        return False
    return set(before.team) <= set(after.team)


def fieldwork_started(inspection: Inspection) -> bool:
    return inspection.reached(Stage.FIELDWORK)


def overlaps(first: Inspection, second: Inspection) -> bool:
    return first.fieldwork_start <= second.fieldwork_end and second.fieldwork_start <= first.fieldwork_end


def double_booking(inspection: Inspection, others: Iterable[Inspection]) -> Problem | None:
    """A second inspection of the same district whose fieldwork overlaps this one's, unless one is cancelled."""
    for other in others:
        if other.id == inspection.id or other.district_id != inspection.district_id or other.is_cancelled:
            continue
        if overlaps(inspection, other):
            return Problem(
                "fieldwork_start",
                f"the district already has an inspection with fieldwork from {other.fieldwork_start} to "
                f"{other.fieldwork_end} ({other.title or other.id[:8]}): change or cancel that one first",
            )
    return None


def cancel(inspection: Inspection, *, on: date, by: str, reason: str, today: date) -> Inspection:
    """The inspection called off on that date, with the reason; its stage and history stay as they were."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput(Problem("reason", "say why the inspection is cancelled: it stays in the history with it"))
    if inspection.is_cancelled:
        raise Refused(f"This inspection was already cancelled on {inspection.cancelled.on}")
    if on > today:
        raise InvalidInput(Problem("date", f"{on} is after today ({today}): an inspection is cancelled when it is"))
    if inspection.history and on < inspection.history[-1].on:
        raise InvalidInput(
            Problem("date", f"{on} is before the inspection's last step, taken on {inspection.history[-1].on}")
        )
    step = StageChange(event=CANCEL_EVENT, on=on, by=by, stage=inspection.stage, note=reason)
    return evolve(inspection, cancelled=Cancellation(on=on, by=by, reason=reason), history=(*inspection.history, step))


def cancelled_reason(inspection: Inspection) -> str | None:
    """Why nothing more can be done on this inspection, or None while it goes ahead."""
    found = inspection.cancelled
    if found is None:
        return None
    return f"This inspection was cancelled on {found.on} ({found.reason}): it can be read, not changed"

"""Deadlines: when the report, the action plan, each immediate plan and each action are due, and how each stands.

The durations come from the framework's deadline rules, so an authority can change "two weeks"
without changing code. What meets each rule is fixed here: the written report is met by issuing
it, the action plan by submitting it, an immediate plan by making it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from attrs import evolve, frozen

from .actions import Action
from .calendar import WorkingCalendar
from .errors import Problem
from .framework import DeadlineAnchor, DeadlineRule, Framework
from .inspection import Inspection, Stage
from .notice import notice_problem
from .safeguarding import SafeguardingConcern
from .summary import InspectionSummary
from .vocabulary import ActionStatus, Label

REPORT = "report"
ACTION_PLAN = "action_plan"
IMMEDIATE_PLAN = "immediate_plan"
ACTION = "action"

# The lifecycle event that meets each inspection-wide rule.
_MET_BY_EVENT = {REPORT: "issue_report", ACTION_PLAN: "submit_action_plan"}

# Rule ids a framework file may give; anything else would produce a deadline nobody can meet.
RULE_IDS: tuple[str, ...] = (REPORT, ACTION_PLAN, IMMEDIATE_PLAN)


class DeadlineState(Label):
    UPCOMING = "upcoming"
    DUE_SOON = "due_soon"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    MET_ON_TIME = "met_on_time"
    MET_LATE = "met_late"

    @property
    def is_met(self) -> bool:
        return self in (DeadlineState.MET_ON_TIME, DeadlineState.MET_LATE)


@frozen(kw_only=True)
class Deadline:
    key: str  # stable across recomputations, so a reminder or a digest can refer to it
    rule_id: str
    title: str
    inspection_id: str
    district_id: str
    start: date
    due: date
    met_on: date | None = None
    owner_ids: tuple[str, ...] = ()
    # Set while a returned action plan waits to be resubmitted: `due` is then the resubmission's.
    returned_on: date | None = None
    return_reason: str = ""
    # The most days an earlier round of this deadline was met late: a resubmission never erases it.
    late_before: int = 0
    # The record the deadline comes from (the inspection, a concern or an action) and a count that grows with
    # every save of it or of its inspection: calendars replace an event only when this grows.
    record_id: str = ""
    version: int = 0


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


@frozen(kw_only=True)
class DeadlineStatus:
    deadline: Deadline
    state: DeadlineState
    days: int  # overdue or late by; remaining when upcoming or due soon; 0 otherwise

    @property
    def is_open(self) -> bool:
        return not self.state.is_met

    def describe(self) -> str:
        match self.state:
            case DeadlineState.OVERDUE if self.deadline.returned_on:
                return f"returned: resubmission overdue by {_days(self.days)}"
            case DeadlineState.OVERDUE:
                return f"overdue by {_days(self.days)}"
            case DeadlineState.DUE_TODAY if self.deadline.returned_on:
                return "returned: resubmission due today"
            case DeadlineState.DUE_TODAY:
                return "due today"
            case DeadlineState.MET_ON_TIME:
                return "met on time"
            case DeadlineState.MET_LATE:
                return f"met {_days(self.days)} late"
            case _ if self.deadline.returned_on:
                return f"returned: resubmission due {self.deadline.due:%a %d %b %Y} (in {_days(self.days)})"
            case _:
                return f"due in {_days(self.days)}"


def status_of(deadline: Deadline, today: date, due_soon_days: int = 3) -> DeadlineStatus:
    """How a deadline stands on `today`. A deadline met after `today` is not yet met on `today`."""
    met_on = deadline.met_on
    if met_on is not None and met_on <= today:
        late = max((met_on - deadline.due).days, deadline.late_before)
        if late > 0:
            return DeadlineStatus(deadline=deadline, state=DeadlineState.MET_LATE, days=late)
        return DeadlineStatus(deadline=deadline, state=DeadlineState.MET_ON_TIME, days=0)
    remaining = (deadline.due - today).days
    if remaining < 0:
        return DeadlineStatus(deadline=deadline, state=DeadlineState.OVERDUE, days=-remaining)
    if remaining == 0:
        return DeadlineStatus(deadline=deadline, state=DeadlineState.DUE_TODAY, days=0)
    state = DeadlineState.DUE_SOON if remaining <= due_soon_days else DeadlineState.UPCOMING
    return DeadlineStatus(deadline=deadline, state=state, days=remaining)


def statuses_of(deadlines: Iterable[Deadline], today: date, due_soon_days: int = 3) -> list[DeadlineStatus]:
    return [status_of(d, today, due_soon_days) for d in deadlines]


def urgency(status: DeadlineStatus) -> tuple:
    """Sort key: open before met, the most overdue first, then the soonest due."""
    d = status.deadline
    overdue_by = status.days if status.state is DeadlineState.OVERDUE else 0
    return (status.state.is_met, -overdue_by, d.due, d.key)


def open_deadlines(statuses: Iterable[DeadlineStatus]) -> list[DeadlineStatus]:
    """The deadlines still to be met, most urgent first."""
    return sorted((s for s in statuses if s.is_open), key=urgency)


def deadlines_for(
    summary: InspectionSummary,
    framework: Framework,
    calendar: WorkingCalendar,
    district_managers: Sequence[str] = (),
) -> list[Deadline]:
    """Every deadline of one inspection, from the framework's rules and the actions' due dates.

    A deadline exists once the date it runs from is known: the report's from the end of
    fieldwork, the action plan's once the report is issued, an immediate plan's once its
    concern is raised. A closed inspection keeps its met deadlines (so lateness stays on
    record) but has none left open; a cancelled one has none at all.
    """
    inspection = summary.inspection
    if inspection.is_cancelled:
        return []
    deadlines = _every_deadline(summary, framework, calendar, district_managers)
    if inspection.stage is Stage.CLOSED:
        deadlines = [d for d in deadlines if d.met_on is not None]
    return deadlines


def withdrawn_deadlines(
    summary: InspectionSummary,
    framework: Framework,
    calendar: WorkingCalendar,
    district_managers: Sequence[str] = (),
) -> list[Deadline]:
    """The deadlines a cancelled or closed inspection no longer has, though they were never met."""
    inspection = summary.inspection
    if not (inspection.is_cancelled or inspection.stage is Stage.CLOSED):
        return []
    return [d for d in _every_deadline(summary, framework, calendar, district_managers) if d.met_on is None]


def _every_deadline(
    summary: InspectionSummary, framework: Framework, calendar: WorkingCalendar, district_managers: Sequence[str]
) -> list[Deadline]:
    inspection = summary.inspection
    deadlines: list[Deadline] = []
    for rule in framework.deadlines:
        if rule.after == DeadlineAnchor.CONCERN_RAISED:
            deadlines.extend(_immediate_plan(rule, inspection, concern, calendar) for concern in summary.concerns)
        elif rule.id == ACTION_PLAN:
            deadline = _action_plan(rule, framework.resubmission, inspection, calendar, district_managers)
            if deadline is not None:
                deadlines.append(deadline)
        elif rule.id in _MET_BY_EVENT:
            deadline = _inspection_deadline(rule, inspection, calendar, district_managers)
            if deadline is not None:
                deadlines.append(deadline)
    deadlines.extend(_action(inspection, action) for action in summary.actions if action.due is not None)
    return deadlines


def _anchor_date(rule: DeadlineRule, inspection: Inspection) -> date | None:
    if rule.after == DeadlineAnchor.FIELDWORK_END:
        return inspection.fieldwork_end
    if rule.after == DeadlineAnchor.REPORT_ISSUED:
        return inspection.report_issued_on
    return None


def _inspection_deadline(
    rule: DeadlineRule, inspection: Inspection, calendar: WorkingCalendar, district_managers: Sequence[str]
) -> Deadline | None:
    start = _anchor_date(rule, inspection)
    if start is None:
        return None
    owners = tuple(district_managers) if rule.id == ACTION_PLAN else (inspection.lead_id,)
    return Deadline(
        key=f"{rule.id}:{inspection.id}",
        rule_id=rule.id,
        title=rule.title,
        inspection_id=inspection.id,
        district_id=inspection.district_id,
        start=start,
        due=calendar.add(start, rule.amount, rule.unit),
        met_on=inspection.date_of(_MET_BY_EVENT[rule.id]),
        owner_ids=owners,
        record_id=inspection.id,
        version=inspection.revision,
    )


def _action_plan(
    rule: DeadlineRule,
    resubmission: DeadlineRule,
    inspection: Inspection,
    calendar: WorkingCalendar,
    district_managers: Sequence[str],
) -> Deadline | None:
    """The action plan's deadline, reopened each time the plan is returned, with every earlier lateness kept."""
    first = _inspection_deadline(rule, inspection, calendar, district_managers)
    if first is None:
        return None
    submissions = [c.on for c in inspection.history if c.event == "submit_action_plan"]
    returns = [c for c in inspection.history if c.event == "return_action_plan"]
    met_on = submissions[0] if submissions else None
    deadline = evolve(first, met_on=met_on)
    for number, returned in enumerate(returns, start=1):
        late = max(deadline.late_before, (deadline.met_on - deadline.due).days) if deadline.met_on else 0
        deadline = evolve(
            deadline,
            due=calendar.add(returned.on, resubmission.amount, resubmission.unit),
            met_on=submissions[number] if number < len(submissions) else None,
            returned_on=returned.on,
            return_reason=returned.note,
            late_before=late,
        )
    return deadline


def _immediate_plan(
    rule: DeadlineRule, inspection: Inspection, concern: SafeguardingConcern, calendar: WorkingCalendar
) -> Deadline:
    return Deadline(
        key=f"{rule.id}:{concern.id}",
        rule_id=rule.id,
        title=rule.title,
        inspection_id=inspection.id,
        district_id=inspection.district_id,
        start=concern.raised_on,
        due=calendar.add(concern.raised_on, rule.amount, rule.unit),
        met_on=concern.plan.made_on if concern.plan is not None else None,
        owner_ids=(inspection.lead_id,),
        record_id=concern.id,
        version=inspection.revision + concern.revision,
    )


def _action(inspection: Inspection, action: Action) -> Deadline:
    assert action.due is not None
    # An action has no date of its own to run from: it runs from the plan it belongs to.
    planned_on = (
        inspection.date_of("submit_action_plan") or inspection.report_issued_on or inspection.fieldwork_end
    )
    # Done is what the owner must reach by the due date; verification is the area manager's, later.
    done = action.status in (ActionStatus.DONE, ActionStatus.VERIFIED)
    return Deadline(
        key=f"{ACTION}:{action.id}",
        rule_id=ACTION,
        title=action.what,
        inspection_id=inspection.id,
        district_id=inspection.district_id,
        start=min(planned_on, action.due),
        due=action.due,
        met_on=(action.done_on or action.verified_on) if done else None,
        owner_ids=(action.owner_id,) if action.owner_id else (),
        record_id=action.id,
        version=inspection.revision + action.revision,
    )


def _long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def fieldwork_problems(inspection: Inspection, framework: Framework, calendar: WorkingCalendar) -> list[Problem]:
    """What is wrong with an inspection's dates under this framework; empty when nothing is."""
    problems: list[Problem] = []
    low, high = framework.fieldwork_days_min, framework.fieldwork_days_max
    days = calendar.working_days_between(inspection.fieldwork_start, inspection.fieldwork_end)
    if not low <= days <= high:
        allowed = f"{low}" if low == high else f"{low} to {high}"
        lasts = "1 working day" if days == 1 else f"{days} working days"
        problems.append(Problem("fieldwork_end", f"fieldwork lasts {lasts}; this framework allows {allowed}"))
    if inspection.notice_date is not None and inspection.notice_date > inspection.fieldwork_start:
        problems.append(
            Problem(
                "notice_date",
                f"the notice date {_long_date(inspection.notice_date)} is after fieldwork starts "
                f"on {_long_date(inspection.fieldwork_start)}",
            )
        )
    elif inspection.notice_date is not None:
        too_early = notice_problem(inspection.notice_date, inspection.fieldwork_start, framework, calendar)
        if too_early:
            problems.append(Problem("notice_date", too_early))
    return problems

"""The inspection lifecycle: from planned to closed, one recorded step at a time, each with its guards."""

from __future__ import annotations

from datetime import date

from attrs import evolve, frozen

from .calendar import default_calendar
from .dossier import Dossier
from .errors import InvalidInput, Problem, Refused
from .followup import plan_problems, quoted
from .framework import Framework
from .impact import impact_blockers
from .inspection import Inspection, Stage, StageChange
from .notice import notice_problem
from .replanning import cancelled_reason
from .vocabulary import ActionStatus, JudgementStatus


@frozen(kw_only=True)
class Event:
    name: str  # stored in the inspection's history: never renamed
    source: Stage
    target: Stage
    label: str
    cannot: str  # how a refusal starts: "The report cannot be issued"
    taken_by: tuple[str, ...]  # values of permissions.Party; kept as text so this module stands alone


EVENTS: tuple[Event, ...] = (
    Event(name="notify", source=Stage.PLANNED, target=Stage.NOTIFIED,
          label="Notify the district", cannot="The district cannot be notified", taken_by=("lead",)),
    Event(name="start_fieldwork", source=Stage.NOTIFIED, target=Stage.FIELDWORK,
          label="Start fieldwork", cannot="Fieldwork cannot start", taken_by=("lead",)),
    Event(name="give_feedback", source=Stage.FIELDWORK, target=Stage.FEEDBACK_GIVEN,
          label="Give feedback to staff", cannot="Feedback cannot be given", taken_by=("lead",)),
    Event(name="draft_report", source=Stage.FEEDBACK_GIVEN, target=Stage.REPORT_DRAFTED,
          label="Draft the report", cannot="The report cannot be drafted", taken_by=("lead",)),
    Event(name="issue_report", source=Stage.REPORT_DRAFTED, target=Stage.REPORT_ISSUED,
          label="Issue the report", cannot="The report cannot be issued", taken_by=("lead",)),
    Event(name="submit_action_plan", source=Stage.REPORT_ISSUED, target=Stage.ACTION_PLAN_SUBMITTED,
          label="Submit the action plan", cannot="The action plan cannot be submitted",
          taken_by=("district_manager", "area_manager")),
    Event(name="approve_action_plan", source=Stage.ACTION_PLAN_SUBMITTED, target=Stage.ACTION_PLAN_APPROVED,
          label="Approve the action plan", cannot="The action plan cannot be approved", taken_by=("area_manager",)),
    Event(name="return_action_plan", source=Stage.ACTION_PLAN_SUBMITTED, target=Stage.REPORT_ISSUED,
          label="Return the action plan for changes", cannot="The action plan cannot be returned",
          taken_by=("area_manager",)),
    Event(name="start_monitoring", source=Stage.ACTION_PLAN_APPROVED, target=Stage.MONITORING,
          label="Start monitoring the actions", cannot="Monitoring cannot start", taken_by=("lead", "area_manager")),
    Event(name="close", source=Stage.MONITORING, target=Stage.CLOSED,
          label="Close the inspection", cannot="The inspection cannot be closed", taken_by=("lead", "area_manager")),
)

_BY_NAME = {e.name: e for e in EVENTS}


def event_named(name: str) -> Event | None:
    return _BY_NAME.get(name)


def next_events(dossier: Dossier, framework: Framework) -> list[str]:
    """The steps the current stage allows, whether or not their guards are met yet."""
    if dossier.inspection.is_cancelled:
        return []
    return [e.name for e in EVENTS if e.source is dossier.inspection.stage]


def blockers(
    dossier: Dossier, framework: Framework, event: str, on: date, note: str = "", today: date | None = None
) -> list[str]:
    """Every reason the step cannot be taken on that date with that note, asked on `today`; empty when it can.

    Without `today` the step is taken on its own date, as when it is recorded as it happens.
    """
    found = event_named(event)
    if found is None:
        return [f"{event!r} is not a step of an inspection; the steps are: {', '.join(_BY_NAME)}"]
    inspection = dossier.inspection
    cancelled = cancelled_reason(inspection)
    if cancelled is not None:
        return [cancelled]
    problems = []
    if inspection.stage is not found.source:
        problems.append(wrong_stage(found, inspection))
        if inspection.stage.order > found.source.order:
            return problems  # a step already passed: what it would need no longer matters
    if today is not None and on > today:
        problems.append(f"{found.cannot} on {on}: that is after today ({today}), and a step is recorded once taken")
    if inspection.history and on < inspection.history[-1].on:
        last = inspection.history[-1]
        step = event_named(last.event)
        problems.append(
            f"{found.cannot} on {on}: the step before it ({step.label.lower() if step else last.event}) "
            f"was taken on {last.on}"
        )
    problems.extend(_GUARDS.get(event, _no_guard)(dossier, framework, on))
    if event == "issue_report":
        # The lead's note is the recorded reason for issuing findings that rest on too few kinds of source.
        problems.extend(impact_blockers(dossier, framework, note))
    return problems


def advance(
    dossier: Dossier, framework: Framework, event: str, on: date, by: str, note: str = "", today: date | None = None
) -> Inspection:
    """The inspection after the step, with the step in its history; Refused, naming every blocker, if not allowed."""
    problems = blockers(dossier, framework, event, on, note, today)
    if problems:
        raise Refused("; ".join(problems))
    if event == "return_action_plan" and not note.strip():
        raise InvalidInput(Problem("note", "say why the action plan is returned, so the district knows what to change"))
    inspection = dossier.inspection
    found = _BY_NAME[event]
    change = StageChange(event=event, on=on, by=by, stage=found.target, note=note.strip())
    evolved = evolve(inspection, stage=found.target, history=(*inspection.history, change))
    if event == "notify":
        evolved = evolve(evolved, notice_date=on)
    return evolved


def evidence_locked(inspection: Inspection) -> bool:
    """Once the district has the report, its evidence base must not shift silently underneath it."""
    return inspection.reached(Stage.REPORT_ISSUED)


def amendment_required(inspection: Inspection) -> bool:
    """A change to evidence now needs a recorded amendment with a reason."""
    return evidence_locked(inspection)


def wrong_stage(event: Event, inspection: Inspection) -> str | None:
    """Why the inspection's stage does not allow this step, or None when it does."""
    stage = inspection.stage
    if stage is event.source:
        return None
    when = "yet" if stage.order < event.source.order else "now"
    steps = [e.label.lower() for e in EVENTS if e.source is stage]
    if not steps:
        return f"{event.cannot} {when}: this inspection is {stage.label}"
    return f"{event.cannot} {when}: this inspection is at '{stage.label}'; next steps: {', '.join(steps)}"


def _no_guard(dossier: Dossier, framework: Framework, on: date) -> list[str]:
    return []


def _notify(dossier: Dossier, framework: Framework, on: date) -> list[str]:
    start = dossier.inspection.fieldwork_start
    if on > start:
        return [f"Notice cannot be given on {on}: fieldwork starts on {start}, and notice comes before it"]
    too_early = notice_problem(on, start, framework, default_calendar())
    return [f"Notice cannot be given on {on}: {too_early}"] if too_early else []


def _start_fieldwork(dossier: Dossier, framework: Framework, on: date) -> list[str]:
    start = dossier.inspection.fieldwork_start
    if on < start:
        return [f"Fieldwork cannot start on {on}: it is planned to start on {start}"]
    return []


def _give_feedback(dossier: Dossier, framework: Framework, on: date) -> list[str]:
    end = dossier.inspection.fieldwork_end
    latest = default_calendar().add_working_days(end, framework.feedback_days_after_fieldwork)
    if end <= on <= latest:
        return []
    if latest == end:
        return [f"Feedback is given to staff on the last day of fieldwork ({end}), not on {on}"]
    return [f"Feedback is given to staff from the last day of fieldwork ({end}) to {latest}, not on {on}"]


def _issue_report(dossier: Dossier, framework: Framework, on: date) -> list[str]:
    problems = []
    for theme in framework.themes:
        judgement = dossier.judgement_for(theme.id)
        if judgement is None:
            problems.append(f"Theme '{theme.title}' has no judgement")  # a judgement always carries its reasons
        elif judgement.status is not JudgementStatus.SIGNED_OFF:
            problems.append(f"The judgement for theme '{theme.title}' is only proposed: the lead must sign it off")
    for concern in dossier.concerns:
        if not concern.has_plan:
            problems.append(
                f"The safeguarding concern raised on {concern.raised_on} has no immediate plan: "
                "an immediate issue is never held back until the report"
            )
    return problems


def _action_plan(dossier: Dossier, framework: Framework, on: date) -> list[str]:
    return plan_problems(dossier)


def _close(dossier: Dossier, framework: Framework, on: date) -> list[str]:
    return [
        f"Action {quoted(a.what)} is not verified ({a.status.label})"
        for a in dossier.actions
        if a.status is not ActionStatus.VERIFIED
    ]


_GUARDS = {
    "notify": _notify,
    "start_fieldwork": _start_fieldwork,
    "give_feedback": _give_feedback,
    "issue_report": _issue_report,
    "submit_action_plan": _action_plan,
    "approve_action_plan": _action_plan,
    "close": _close,
}

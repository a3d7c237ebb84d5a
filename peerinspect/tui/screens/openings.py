"""Which screens a person may open on an inspection, with the rulebook's reason when not; and where a deadline leads.

Kept apart from the screens themselves, so the dashboard and the inspection screen can ask without importing
the report's Markdown or the action plan's table before either is opened.
"""

from __future__ import annotations

from typing import Callable

from ...domain.deadlines import ACTION, ACTION_PLAN, REPORT, Deadline
from ...domain.inspection import Inspection
from ...domain.permissions import Act
from ..session import Session


def why_not_inspection(session: Session, inspection: Inspection) -> str | None:
    return session.why_not(Act.READ_INSPECTION, inspection)


def why_not_report(session: Session, inspection: Inspection) -> str | None:
    from ...engine.reporting import why_not_read

    return why_not_read(session.engine, session.person, inspection)


def why_not_action_plan(session: Session, inspection: Inspection) -> str | None:
    return session.why_not(Act.READ_ISSUED_REPORT, inspection)


def _inspection_screen(session: Session, inspection_id: str):
    from .inspection import InspectionScreen

    return InspectionScreen(session, inspection_id)


def _report_screen(session: Session, inspection_id: str):
    from .report import ReportScreen

    return ReportScreen(session, inspection_id)


def _action_plan_screen(session: Session, inspection_id: str):
    from .action_plan import ActionPlanScreen

    return ActionPlanScreen(session, inspection_id)


Opening = tuple[Callable[[Session, Inspection], str | None], Callable]
# The screen that deals with each kind of deadline; any other kind opens its inspection.
BY_DEADLINE: dict[str, Opening] = {
    REPORT: (why_not_report, _report_screen),
    ACTION_PLAN: (why_not_action_plan, _action_plan_screen),
    ACTION: (why_not_action_plan, _action_plan_screen),
}


def screen_for_deadline(session: Session, deadline: Deadline, inspection: Inspection):
    """The screen that deals with this deadline, or the rulebook's reason this person may not open it."""
    why_not, make = BY_DEADLINE.get(deadline.rule_id, (why_not_inspection, _inspection_screen))
    refused = why_not(session, inspection)
    return refused if refused is not None else make(session, inspection.id)

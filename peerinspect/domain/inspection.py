"""An inspection of one district: who leads it, who is on the team, its dates and its stage."""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from .errors import InvalidInput, Problem
from .ids import new_id
from .vocabulary import InspectionKind, Label, TeamRole
from .limits import within_limits
from .records import Record


class Stage(Label):
    PLANNED = "planned"
    NOTIFIED = "notified"
    FIELDWORK = "fieldwork"
    FEEDBACK_GIVEN = "feedback_given"
    REPORT_DRAFTED = "report_drafted"
    REPORT_ISSUED = "report_issued"
    ACTION_PLAN_SUBMITTED = "action_plan_submitted"
    ACTION_PLAN_APPROVED = "action_plan_approved"
    MONITORING = "monitoring"
    CLOSED = "closed"

    @property
    def order(self) -> int:
        return list(Stage).index(self)


@frozen(kw_only=True, field_transformer=within_limits)
class TeamMember:
    person_id: str
    role: TeamRole
    theme_id: str | None = None


@frozen(kw_only=True, field_transformer=within_limits)
class StageChange:
    """One lifecycle step taken: which event, on what date, by whom."""

    event: str
    on: date
    by: str
    stage: Stage
    note: str = ""


@frozen(kw_only=True)
class Cancellation:
    """Why and when an inspection was called off: it stays in history, outside every count and list of work."""

    on: date
    by: str
    reason: str


def _fieldwork_in_order(instance: "Inspection", attribute, end: date) -> None:
    if end < instance.fieldwork_start:
        raise InvalidInput(Problem("fieldwork_end", f"{end} is before the fieldwork start {instance.fieldwork_start}"))


@frozen(kw_only=True, field_transformer=within_limits)
class Inspection(Record):
    KIND = "inspection"  # names its table and is stored in each document: never rename
    district_id: str
    framework_id: str
    lead_id: str
    fieldwork_start: date
    fieldwork_end: date = field(validator=_fieldwork_in_order)
    kind: InspectionKind = InspectionKind.FULL
    title: str = ""
    team: tuple[TeamMember, ...] = ()
    notice_date: date | None = None
    stage: Stage = Stage.PLANNED
    history: tuple[StageChange, ...] = ()
    linked_finding_id: str | None = None
    cancelled: Cancellation | None = None
    id: str = field(factory=new_id)
    revision: int = 0

    def members(self, role: TeamRole) -> tuple[TeamMember, ...]:
        return tuple(m for m in self.team if m.role is role)

    def roles_of(self, person_id: str) -> frozenset[TeamRole]:
        roles = {m.role for m in self.team if m.person_id == person_id}
        if person_id == self.lead_id:
            roles.add(TeamRole.LEAD)
        return frozenset(roles)

    def themes_led_by(self, person_id: str) -> frozenset[str]:
        return frozenset(
            m.theme_id for m in self.team if m.person_id == person_id and m.role is TeamRole.THEME_LEAD and m.theme_id
        )

    def theme_lead(self, theme_id: str) -> str | None:
        return next((m.person_id for m in self.team if m.role is TeamRole.THEME_LEAD and m.theme_id == theme_id), None)

    def on_team(self, person_id: str) -> bool:
        return bool(self.roles_of(person_id))

    def date_of(self, event: str) -> date | None:
        """When an event last happened, or None if it has not."""
        return next((c.on for c in reversed(self.history) if c.event == event), None)

    @property
    def feedback_given_on(self) -> date | None:
        return self.date_of("give_feedback")

    @property
    def report_issued_on(self) -> date | None:
        return self.date_of("issue_report")

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled is not None

    @property
    def status_label(self) -> str:
        """The stage as people read it, or "cancelled" once it is."""
        return "cancelled" if self.cancelled is not None else self.stage.label

    def reached(self, stage: Stage) -> bool:
        return self.stage.order >= stage.order

"""Immediate safeguarding concerns: each needs an immediate action plan and never waits for the report."""

from __future__ import annotations

from datetime import date

from attrs import evolve, field, frozen

from .errors import InvalidInput, Problem, Refused, not_blank
from .honest_dates import not_before, not_in_future, problems
from .ids import new_id
from .limits import within_limits
from .records import Record


@frozen(kw_only=True, field_transformer=within_limits)
class PlanAmendment(Record):
    """A later change to an immediate plan: what it now says, when, by whom and why."""

    on: date
    by: str
    reason: str = field(validator=not_blank)
    owner_id: str
    first_action: str = field(validator=not_blank)


@frozen(kw_only=True, field_transformer=within_limits)
class ImmediatePlan(Record):
    owner_id: str
    first_action: str = field(validator=not_blank)
    made_on: date  # when the plan was first made: what its deadline is met by, never moved by an amendment
    made_by: str
    amendments: tuple[PlanAmendment, ...] = ()

    @property
    def current_owner_id(self) -> str:
        return self.amendments[-1].owner_id if self.amendments else self.owner_id

    @property
    def current_action(self) -> str:
        return self.amendments[-1].first_action if self.amendments else self.first_action

    @property
    def last_changed_on(self) -> date:
        return self.amendments[-1].on if self.amendments else self.made_on


@frozen(kw_only=True, field_transformer=within_limits)
class SafeguardingConcern(Record):
    KIND = "concern"  # names its table and is stored in each document: never rename
    inspection_id: str
    raised_by: str
    raised_on: date
    description: str = field(validator=not_blank)
    evidence_id: str | None = None
    plan: ImmediatePlan | None = None
    id: str = field(factory=new_id)
    revision: int = 0

    @property
    def has_plan(self) -> bool:
        return self.plan is not None


def make_plan(
    concern: SafeguardingConcern, *, owner_id: str, first_action: str, on: date, by: str, today: date
) -> SafeguardingConcern:
    """The concern with its immediate plan. A plan is made once: a change to it is an amendment."""
    if concern.plan is not None:
        raise Refused(
            f"The concern raised on {concern.raised_on} already has its immediate plan, made on "
            f"{concern.plan.made_on}: change it by an amendment with a reason, which keeps that date"
        )
    _check_date("The immediate plan", on, today, concern.raised_on, "the concern was raised")
    plan = ImmediatePlan.from_fields(owner_id=owner_id, first_action=first_action, made_on=on, made_by=by)
    return evolve(concern, plan=plan)


def amend_plan(
    concern: SafeguardingConcern, *, owner_id: str | None, first_action: str | None, reason: str, on: date, by: str,
    today: date,
) -> SafeguardingConcern:
    """The concern with its immediate plan changed; the plan's first date, and so its lateness, stays."""
    plan = concern.plan
    if plan is None:
        raise Refused(f"The concern raised on {concern.raised_on} has no immediate plan to amend: make the plan first")
    if not reason or not reason.strip():
        raise InvalidInput(Problem("reason", "say why the immediate plan changes, so the record shows it"))
    _check_date("The amendment", on, today, plan.last_changed_on, "the plan was last changed")
    amendment = PlanAmendment.from_fields(
        on=on, by=by, reason=reason.strip(), owner_id=owner_id or plan.current_owner_id,
        first_action=first_action if first_action and first_action.strip() else plan.current_action,
    )
    return evolve(concern, plan=evolve(plan, amendments=(*plan.amendments, amendment)))


def _check_date(what: str, on: date, today: date, earliest: date, because: str) -> None:
    found = problems(not_in_future(what, on, today), not_before(what, on, earliest, because))
    if found:
        raise InvalidInput(Problem("date", "; ".join(found)))

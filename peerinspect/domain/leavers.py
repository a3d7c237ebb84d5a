"""What someone who has left was still responsible for: a theme to lead, an action to carry out, an immediate
safeguarding plan to own. Each waits for the person who may hand it on, and is gone once it is handed on."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from attrs import frozen

from .actions import Action
from .authority import Person
from .followup import quoted
from .inspection import Inspection, Stage
from .permissions import TEAM_ROLE_NEEDS, Act, may_own_immediate_plan
from .safeguarding import SafeguardingConcern
from .summary import InspectionSummary
from .vocabulary import ActionStatus, Label, TeamRole


class Duty(Label):
    THEME_LEAD = "theme_lead"
    ACTION_OWNER = "action_owner"
    IMMEDIATE_PLAN_OWNER = "immediate_plan_owner"


# Whoever may take this act on the record may hand the duty on: the rulebook decides who sees it.
HANDED_ON_BY = {
    Duty.THEME_LEAD: Act.REASSIGN_THEME_LEAD,
    Duty.ACTION_OWNER: Act.WRITE_ACTION_PLAN,
    Duty.IMMEDIATE_PLAN_OWNER: Act.AMEND_IMMEDIATE_PLAN,
}


@frozen(kw_only=True)
class OpenDuty:
    duty: Duty
    inspection: Inspection
    leaver: Person
    record_id: str  # the theme's id, the action's or the concern's
    what: str  # the duty in words, without case details
    action: Action | None = None
    concern: SafeguardingConcern | None = None

    @property
    def act(self) -> Act:
        return HANDED_ON_BY[self.duty]

    @property
    def details(self) -> dict:
        """What the rulebook is told about the record, with the act."""
        if self.duty is Duty.THEME_LEAD:
            return {"theme_id": self.record_id}
        if self.duty is Duty.ACTION_OWNER:
            return {"action": self.action}
        return {"concern": self.concern}

    def may_take_on(self, person: Person, today: date) -> bool:
        """Whether this person could take the duty on: still here, and in a role that does this work."""
        if person.has_left(today) or person.id == self.leaver.id:
            return False
        if self.duty is Duty.IMMEDIATE_PLAN_OWNER:
            return may_own_immediate_plan(person, self.inspection) is None
        if self.duty is Duty.THEME_LEAD:
            return person.role in TEAM_ROLE_NEEDS[TeamRole.THEME_LEAD]
        return True


def open_duties(
    summary: InspectionSummary, people: Mapping[str, Person], today: date, theme_titles: Mapping[str, str]
) -> list[OpenDuty]:
    """The duties, in this inspection, of people who have left by `today` and that still need doing."""
    inspection = summary.inspection
    if inspection.is_cancelled or inspection.stage is Stage.CLOSED:
        return []
    left = {pid: p for pid, p in people.items() if p.has_left(today)}
    if not left:
        return []
    found = []
    if not inspection.reached(Stage.REPORT_ISSUED):
        for member in inspection.members(TeamRole.THEME_LEAD):
            if member.person_id in left and member.theme_id:
                title = theme_titles.get(member.theme_id, member.theme_id)
                found.append(OpenDuty(duty=Duty.THEME_LEAD, inspection=inspection, leaver=left[member.person_id],
                                      record_id=member.theme_id, what=f"leads the theme {title}"))
    for action in summary.actions:
        if action.owner_id in left and action.status is not ActionStatus.VERIFIED:
            found.append(OpenDuty(duty=Duty.ACTION_OWNER, inspection=inspection, leaver=left[action.owner_id],
                                  record_id=action.id, what=f"owns the action {quoted(action.what, 40)}", action=action))
    for concern in summary.concerns:
        owner = concern.plan.current_owner_id if concern.plan is not None else None
        if owner in left:
            found.append(OpenDuty(duty=Duty.IMMEDIATE_PLAN_OWNER, inspection=inspection, leaver=left[owner],
                                  record_id=concern.id, concern=concern,
                                  what=f"owns the immediate plan for the concern raised on {concern.raised_on:%d %b %Y}"))
    return found

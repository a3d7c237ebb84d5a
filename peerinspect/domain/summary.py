"""What lists, dashboards and deadline digests need of an inspection, without opening its evidence.

A summary keeps of each action only what its deadline needs, not its progress notes, and says from
which day the inspection has nothing left to meet, so that views of open work pass over closed
inspections without reading them.
"""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from .actions import Action
from .inspection import Inspection, Stage
from .safeguarding import SafeguardingConcern
from .records import Record
from .vocabulary import ActionStatus


@frozen(kw_only=True)
class ActionSummary:
    """What an action's deadline needs: what it is, whose it is, when it is due, when it was done, and its version."""

    id: str
    what: str
    owner_id: str | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    done_on: date | None = None
    verified_on: date | None = None
    revision: int = 0  # grows with every save, so a calendar knows the deadline changed

    @classmethod
    def of(cls, action: Action | ActionSummary) -> ActionSummary:
        if isinstance(action, ActionSummary):
            return action
        return cls(id=action.id, what=action.what, owner_id=action.owner_id, due=action.due, status=action.status,
                   done_on=action.done_on, verified_on=action.verified_on, revision=action.revision)


def _summarised(actions) -> tuple[ActionSummary, ...]:
    return tuple(ActionSummary.of(a) for a in actions)


@frozen(kw_only=True)
class InspectionSummary(Record):
    KIND = "summary"  # names its table and is stored in each document: never rename
    inspection: Inspection
    concerns: tuple[SafeguardingConcern, ...] = ()
    actions: tuple[ActionSummary, ...] = field(default=(), converter=_summarised)

    @property
    def id(self) -> str:
        return self.inspection.id

    @property
    def revision(self) -> int:
        return self.inspection.revision

    @property
    def settled_on(self) -> date | None:
        """The day from which the inspection has no deadline left to meet, nor plan to make; None while it has.

        A cancelled inspection has none from the day it was called off. A closed one has none once every
        deadline it kept was met: from the latest day on record, by which every report, plan and action was.
        """
        inspection = self.inspection
        if inspection.cancelled is not None:
            return inspection.cancelled.on
        if inspection.stage is not Stage.CLOSED or any(c.plan is None for c in self.concerns):
            return None
        days = [c.on for c in inspection.history]
        days += [c.plan.made_on for c in self.concerns if c.plan is not None]
        days += [day for a in self.actions for day in (a.done_on, a.verified_on) if day is not None]
        return max(days, default=None)


def settled(settled_on: date | None, today: date) -> bool:
    """Whether an inspection settled on `settled_on` has nothing open on `today`: no deadline, nor plan to make or
    approve. Views of open work pass over a settled one; on a day before, it is read like any other."""
    return settled_on is not None and settled_on <= today

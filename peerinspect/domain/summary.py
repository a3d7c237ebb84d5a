"""What lists, dashboards and deadline digests need of an inspection, without opening its evidence."""

from __future__ import annotations

from attrs import frozen

from .actions import Action
from .inspection import Inspection
from .safeguarding import SafeguardingConcern
from .records import Record


@frozen(kw_only=True)
class InspectionSummary(Record):
    KIND = "summary"  # names its table and is stored in each document: never rename
    inspection: Inspection
    concerns: tuple[SafeguardingConcern, ...] = ()
    actions: tuple[Action, ...] = ()

    @property
    def id(self) -> str:
        return self.inspection.id

    @property
    def revision(self) -> int:
        return self.inspection.revision

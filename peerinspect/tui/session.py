"""Who is using the app, and what their role lets them see and do: asked of the rules, never decided here."""

from __future__ import annotations

from attrs import frozen

from ..domain import permissions
from ..domain.authority import District, Person
from ..domain.inspection import Inspection
from ..domain.permissions import Act
from ..engine.core import Engine


@frozen
class Session:
    engine: Engine
    person: Person

    @property
    def person_id(self) -> str:
        return self.person.id

    def district(self, inspection: Inspection) -> District:
        return self.engine.district(inspection.district_id)

    def why_not(
        self, act: Act, inspection: Inspection | None = None, district: District | None = None, **detail
    ) -> str | None:
        """None when this person may take the act; otherwise the reason, in the rules' own words. An act on an
        inspection is asked about its district; an act on a district, about that district."""
        if inspection is not None:
            district = self.district(inspection)
        return self.engine.decide(self.person, act, inspection, district, **detail)

    def may(self, act: Act, inspection: Inspection | None = None, **detail) -> bool:
        return self.why_not(act, inspection, **detail) is None

    @property
    def administers(self) -> bool:
        """Whether any of the administration screen's acts is open to this person."""
        return any(self.may(act) for act in permissions.ADMINISTRATION_ACTS)

    def name_of(self, person_id: str | None) -> str:
        if not person_id:
            return "—"
        person = self.engine.people_by_id().get(person_id)
        return person.name if person else person_id[:8]

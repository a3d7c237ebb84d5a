"""Who is acting: every use case starts by finding the person and checking what they may do."""

from __future__ import annotations

from ..domain.authority import District, Person
from ..domain.errors import InvalidInput, Problem, Refused
from ..domain.inspection import Inspection
from ..domain.permissions import Act
from ..domain.vocabulary import Role
from .core import Engine

# Until the workspace has an area director, nobody could pass the checks, so setting up is open.
SETUP_ACTOR = "setup"


def require(
    engine: Engine,
    person: Person,
    act: Act,
    inspection: Inspection | None = None,
    district: District | None = None,
    **detail,
) -> None:
    if inspection is not None and district is None:
        district = engine.district_of(inspection)
    refusal = engine.decide(person, act, inspection, district, **detail)
    if refusal is not None:
        raise Refused(refusal)


def setup_actor(engine: Engine, person_ref: str | None, act: Act, district: District | None = None) -> str:
    """The person setting up the authority: anyone while there is no area director, then whoever the rulebook
    allows this act."""
    people = engine.workspace.people()
    if not any(p.role is Role.AREA_DIRECTOR for p in people) and person_ref is None:
        return SETUP_ACTOR
    if person_ref is None:
        raise Refused("Say who you are (--as PERSON): only an area director may change the authority's set-up")
    person = engine.person(person_ref)
    require(engine, person, act, district=district)
    return person.id


def current_person(engine: Engine, reference: str, field: str) -> Person:
    """The person named to take something on (an action, a plan, a theme): refused, naming `field`, if they have left."""
    person = engine.person(reference)
    if person.has_left(engine.today()):
        raise InvalidInput(Problem(field, f"{person.name} left on {person.left_on}: choose someone who is still here"))
    return person

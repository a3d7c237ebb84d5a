from datetime import date, datetime
from pathlib import Path

import pytest

from peerinspect.domain.authority import Area, Person
from peerinspect.domain.inspection import Inspection
from peerinspect.domain.vocabulary import Role
from peerinspect.store.workspace import Workspace

WHEN = datetime(2026, 3, 9, 10, 0)


def plan_one(workspace: Workspace) -> Inspection:
    with workspace.index() as tx:
        tx.attribute(at=WHEN, actor_id="setup", action="add people")
        area = tx.put(Area(name="North"))
        lead = tx.put(Person(name="Alex Director", role=Role.AREA_DIRECTOR, area_id=area.id))
    inspection = Inspection(
        district_id="d1", framework_id="hampshire-peer-inspection", lead_id=lead.id,
        fieldwork_start=date(2026, 3, 9), fieldwork_end=date(2026, 3, 12),
    )
    with workspace.inspection(inspection.id, new=True) as tx:
        tx.attribute(at=WHEN, actor_id=lead.id, action="plan inspection")
        return tx.put(inspection)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace.create(tmp_path / "ws")


@pytest.fixture
def planned(workspace: Workspace) -> Inspection:
    return plan_one(workspace)

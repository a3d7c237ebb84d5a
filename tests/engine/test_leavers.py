"""A leaver's open duties wait on the dashboards of those who may hand them on; handing one on clears it."""

from __future__ import annotations

import pytest

from peerinspect.domain.errors import InvalidInput, Refused
from peerinspect.domain.leavers import Duty
from peerinspect.engine import authority, leavers, workflow

from .conftest import OWN_THEME, open_engine


def duties(engine, cast, key):
    return [(d.duty, d.leaver.name, d.record_id) for d in leavers.duties_to_hand_on(engine, engine.person(cast[key]))]


@pytest.fixture
def fieldwork(templates, tmp_path):
    """In fieldwork, Tara Theme leads a theme and owns the immediate plan of the concern raised."""
    engine, cast = open_engine(templates.copy("fieldwork", tmp_path)), templates.cast
    concern = engine.summary(cast.inspection).concerns[0]
    workflow.make_immediate_plan(engine, as_person=cast["lead"], inspection=cast.inspection, concern_id=concern.id,
                                 owner=cast["theme_lead"], first_action="Visit today")
    return engine, cast, concern


def test_a_theme_lead_and_plan_owner_who_leaves_is_on_the_leads_dashboard_until_handed_on(fieldwork):
    engine, cast, concern = fieldwork
    assert duties(engine, cast, "lead") == []
    authority.retire_person(engine, as_person=cast["lead"], person=cast["theme_lead"])
    assert duties(engine, cast, "lead") == [
        (Duty.THEME_LEAD, "Tara Theme", OWN_THEME), (Duty.IMMEDIATE_PLAN_OWNER, "Tara Theme", concern.id),
    ]
    for key in ("inspector", "district_manager", "area_manager", "other_director"):
        assert duties(engine, cast, key) == [], key

    theme, plan = leavers.duties_to_hand_on(engine, engine.person(cast["lead"]))
    assert {p.name for p in leavers.who_may_take_on(engine, theme)} == {"Alex Director", "Olga Director"}
    leavers.hand_on(engine, as_person=cast["lead"], duty=theme, to=cast["other_director"])
    assert engine.summary(cast.inspection).inspection.theme_lead(OWN_THEME) == cast["other_director"]
    assert engine.workspace.audit_entries(cast.inspection)[-1].action == "reassign theme lead"
    leavers.hand_on(engine, as_person=cast["lead"], duty=plan, to=cast["area_manager"])
    amended = engine.summary(cast.inspection).concerns[0].plan
    assert amended.current_owner_id == cast["area_manager"]
    assert amended.amendments[-1].reason.startswith("Tara Theme left on")
    assert duties(engine, cast, "lead") == []


def test_a_duty_is_not_handed_to_someone_who_has_left_or_cannot_do_it(fieldwork):
    engine, cast, _ = fieldwork
    authority.retire_person(engine, as_person=cast["lead"], person=cast["theme_lead"])
    authority.retire_person(engine, as_person=cast["lead"], person=cast["other_director"])
    theme, plan = leavers.duties_to_hand_on(engine, engine.person(cast["lead"]))
    with pytest.raises(InvalidInput, match="to: Olga Director left on .*: choose someone who is still here"):
        leavers.hand_on(engine, as_person=cast["lead"], duty=theme, to=cast["other_director"])
    with pytest.raises(InvalidInput, match="Ivy Inspector is a inspector; a theme lead must be"):
        leavers.hand_on(engine, as_person=cast["lead"], duty=theme, to=cast["inspector"])
    with pytest.raises(Refused, match="Ivy Inspector is an inspector on this inspection"):
        leavers.hand_on(engine, as_person=cast["inspector"], duty=theme, to=cast["lead"])


def test_a_theme_whose_lead_is_still_here_is_changed_with_the_plan_not_handed_on(fieldwork):
    engine, cast, _ = fieldwork
    with pytest.raises(Refused, match="Tara Theme still leads .*: a theme's lead is handed on here once they have left"):
        leavers.reassign_theme_lead(engine, as_person=cast["lead"], inspection=cast.inspection, theme_id=OWN_THEME,
                                    to=cast["other_director"])


def test_an_action_owner_who_leaves_waits_for_the_district_and_area_managers(templates, tmp_path):
    engine, cast = open_engine(templates.copy("report_issued", tmp_path)), templates.cast
    authority.retire_person(engine, as_person=cast["lead"], person=cast["district_manager"])
    waiting = [(Duty.ACTION_OWNER, "Dana District", action) for action in cast.actions]
    assert duties(engine, cast, "area_manager") == waiting
    # The action plan is the district's, overseen by the area; the lead hands on only the immediate plan she owned.
    assert [duty for duty, _, _ in duties(engine, cast, "lead")] == [Duty.IMMEDIATE_PLAN_OWNER]
    first = leavers.duties_to_hand_on(engine, engine.person(cast["area_manager"]))[0]
    leavers.hand_on(engine, as_person=cast["area_manager"], duty=first, to=cast["other_district_manager"])
    assert duties(engine, cast, "area_manager") == waiting[1:]

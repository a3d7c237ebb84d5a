"""Separation of duties: the one who says an action is done does not check it; an immediate plan has a manager as owner."""

from __future__ import annotations

import pytest

from peerinspect.domain.errors import InvalidInput, Refused
from peerinspect.engine import actionplan, workflow

from .conftest import fingerprint, living_on, open_engine


def test_an_area_manager_who_marks_an_action_done_cannot_verify_it(templates, tmp_path):
    root = templates.copy("report_issued", tmp_path)
    engine, cast = open_engine(root), templates.cast
    action = cast.actions[0]
    living_on("2026-04-21")
    actionplan.record_progress(engine, as_person=cast["area_manager"], inspection=cast.inspection, action_id=action,
                               text="Training delivered", on="2026-04-20", done=True)
    before = fingerprint(root)
    for send_back in (None, "Not convinced"):
        with pytest.raises(Refused, match="Avery Area marked action .* done: someone else must check it"):
            actionplan.verify_action(engine, as_person=cast["area_manager"], inspection=cast.inspection, action_id=action,
                                     on="2026-04-21", send_back_reason=send_back)
    assert fingerprint(root) == before


def test_an_action_the_district_marked_done_is_verified_by_the_area_manager(templates, tmp_path):
    root = templates.copy("monitoring", tmp_path)
    engine, cast = open_engine(root), templates.cast
    living_on("2026-04-21")
    verified = actionplan.verify_action(engine, as_person=cast["area_manager"], inspection=cast.inspection,
                                        action_id=cast.actions[0], on="2026-04-21")
    assert verified.verified_by == cast["area_manager"] and verified.done_by == cast["district_manager"]


@pytest.mark.parametrize("owner", ["inspector", "ambassador"])
def test_an_immediate_plan_is_never_owned_by_an_inspector_or_a_care_ambassador(templates, tmp_path, owner):
    root = templates.copy("fieldwork", tmp_path)
    engine, cast = open_engine(root), templates.cast
    before = fingerprint(root)
    with pytest.raises(InvalidInput) as refused:
        workflow.make_immediate_plan(engine, as_person=cast["lead"], inspection=cast.inspection,
                                     concern_id=cast.concerns[0], owner=cast[owner], first_action="Visit today")
    assert refused.value.problems[0].field == "owner"
    assert "an immediate plan is owned by a manager" in refused.value.problems[0].message
    assert fingerprint(root) == before


def test_the_owner_picker_offers_managers_and_the_lead_only(templates, tmp_path):
    engine, cast = open_engine(templates.copy("fieldwork", tmp_path)), templates.cast
    offered = {p.id for p in workflow.immediate_plan_owners(engine, inspection=cast.inspection)}
    assert cast["lead"] in offered and cast["district_manager"] in offered and cast["theme_lead"] in offered
    assert cast["inspector"] not in offered and cast["ambassador"] not in offered

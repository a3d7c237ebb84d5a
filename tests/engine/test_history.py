"""The trail accounts for every record, a record's history can be read, and each person sees the deadlines that concern them."""

from __future__ import annotations

import json
from datetime import date

import pytest

from peerinspect.domain.errors import NotFound, Refused
from peerinspect.engine import history, queries

from ..by_hand import folded_file
from .conftest import open_engine


def tamper(root, inspection_id: str, change) -> None:
    path = folded_file(root, inspection_id)
    stored = json.loads(path.read_text())
    change(stored)
    path.write_text(json.dumps(stored))


def test_an_intact_trail_accounts_for_every_record(templates, tmp_path):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    assert history.audit_problems(open_engine(root), as_person=cast["lead"], inspection=cast.inspection) == []


def test_cutting_off_the_last_entries_is_caught(templates, tmp_path):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast

    def drop_last_two(stored: dict) -> None:
        for seq in sorted(stored["audit"])[-2:]:
            del stored["audit"][seq]

    tamper(root, cast.inspection, drop_last_two)
    problems = history.audit_problems(open_engine(root), as_person=cast["lead"], inspection=cast.inspection)
    assert any(p.startswith("inspection:") and "stage" in p for p in problems), problems


def test_a_change_made_behind_the_trail_is_caught(templates, tmp_path):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    review_id = cast.evidence["inspector_file_review"]

    def regrade(stored: dict) -> None:
        stored["file_review"][review_id]["strengths"] = "quietly rewritten"

    tamper(root, cast.inspection, regrade)
    problems = history.audit_problems(open_engine(root), as_person=cast["lead"], inspection=cast.inspection)
    assert problems == [f"file_review:{review_id}: strengths changed with no entry to say so"]


def test_a_record_history_lists_every_change_to_it_oldest_first(templates, tmp_path):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    engine = open_engine(root)
    action_id = engine.workspace.dossier(cast.inspection).actions[0].id
    entries = history.record_history(engine, as_person=cast["district_manager"], inspection=cast.inspection, record_id=action_id)
    assert [e.action for e in entries][:1] == ["add action"]
    assert entries[-1].action == "verify action"
    assert [e.seq for e in entries] == sorted(e.seq for e in entries)


def test_a_record_history_is_closed_to_those_who_may_not_see_the_record(templates, tmp_path):
    root = templates.copy("closed", tmp_path)
    cast = templates.cast
    engine = open_engine(root)
    review_id = cast.evidence["inspector_file_review"]
    assert history.record_history(engine, as_person=cast["inspector"], inspection=cast.inspection, record_id=review_id)
    with pytest.raises(Refused, match="care ambassador"):
        history.record_history(engine, as_person=cast["ambassador"], inspection=cast.inspection, record_id=review_id)
    with pytest.raises(NotFound):
        history.record_history(engine, as_person=cast["lead"], inspection=cast.inspection, record_id="nothing-here")


def test_each_person_sees_the_deadlines_that_concern_them(templates, tmp_path):
    root = templates.copy("report_issued", tmp_path)
    cast = templates.cast
    engine = open_engine(root)
    person = lambda key: engine.person(cast[key])  # noqa: E731
    rules = lambda key: sorted({s.deadline.rule_id for s in queries.deadlines_concerning(engine, person(key), today=date(2026, 3, 25))})  # noqa: E731
    assert rules("district_manager") == ["action", "action_plan"]
    assert rules("lead") == ["action", "action_plan"]
    assert rules("area_manager") == ["action", "action_plan"]
    assert rules("ambassador") == []
    assert rules("inspector") == []
    assert rules("other_district_manager") == []

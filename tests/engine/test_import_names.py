"""An import naming an area or district the workspace already holds, by the same name, uses the one it holds."""

from __future__ import annotations

import itertools
import json
from collections import Counter

import pytest

from peerinspect.domain.authority import name_key
from peerinspect.engine import authority, bundle
from peerinspect.engine.core import Engine
from peerinspect.sample import BUNDLE_FILES, demo_clock, sample_dir

SAMPLES = {name: (sample_dir() / name).read_text(encoding="utf-8") for name in BUNDLE_FILES}


def an_area_director(engine: Engine) -> str | None:
    return next((p.id for p in engine.people() if p.role.value == "area_director"), None)


def imported(engine: Engine, *texts: str) -> Engine:
    for n, text in enumerate(texts):
        bundle.import_bundle(engine, text, source=f"bundle {n}", as_person=an_area_director(engine))
    return engine


def names_held(records) -> Counter:
    return Counter(name_key(r.name) for r in records)


@pytest.mark.parametrize("order", list(itertools.permutations(BUNDLE_FILES)), ids=lambda o: "-".join(n[7:11] for n in o))
def test_every_sample_in_every_order_gives_one_area_and_district_per_name(tmp_path, order):
    engine = imported(Engine.open(tmp_path / "ws", clock=demo_clock(), create=True), *(SAMPLES[n] for n in order))
    assert names_held(engine.areas()) == {"north": 1, "south": 1}
    assert set(names_held(engine.districts()).values()) == {1}
    assert len(engine.summaries()) == len(BUNDLE_FILES)


def from_elsewhere(text: str, area_name: str, district_name: str) -> str:
    """The same bundle as exported by another workspace: its area and district under ids of their own."""
    data = json.loads(text)
    old_area, old_district = data["areas"][0]["id"], data["districts"][0]["id"]
    swapped = json.dumps(data).replace(old_area, "a" * 32).replace(old_district, "d" * 32)
    data = json.loads(swapped)
    data["areas"][0]["name"], data["districts"][0]["name"] = area_name, district_name
    return json.dumps(data)


def test_a_bundle_from_another_workspace_lands_in_the_area_and_district_of_those_names(tmp_path):
    engine = Engine.open(tmp_path / "ws", clock=demo_clock(), create=True)
    harrowmere = authority.add_district(engine, "Harrowmere", "North")
    text = from_elsewhere(SAMPLES["sample-inspection.json"], " NORTH", "harrowmere ")
    imported(engine, text)
    assert [(a.name, a.id) for a in engine.areas()] == [("North", harrowmere.area_id)]
    assert [d.id for d in engine.districts()] == [harrowmere.id]
    (summary,) = engine.summaries()
    assert summary.inspection.district_id == harrowmere.id
    district_manager = next(p for p in engine.people() if p.role.value == "district_manager")
    assert (district_manager.district_id, district_manager.area_id) == (harrowmere.id, harrowmere.area_id)
    assert bundle.plan_import(engine, text, as_person=an_area_director(engine)).is_empty  # again: nothing to add


def test_a_bundle_written_before_people_could_leave_and_districts_close_still_imports(tmp_path):
    data = json.loads(SAMPLES["sample-inspection.json"])
    for person in data["people"]:
        del person["email"], person["left_on"]
    for district in data["districts"]:
        del district["closed_on"]
    engine = imported(Engine.open(tmp_path / "ws", clock=demo_clock(), create=True), json.dumps(data))
    assert {(p.email, p.left_on) for p in engine.people()} == {("", None)}
    assert [d.closed_on for d in engine.districts()] == [None]

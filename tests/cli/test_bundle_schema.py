"""The bundle's published JSON Schema: shipped with the package, equal to what the record classes give, read with
jsonschema as anyone else would read it, and applied to every import: a bundle it does not describe is refused by
file and JSON path, and nothing is changed."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match

from peerinspect.engine import bundle_schema
from peerinspect.sample import BUNDLE_FILES, sample_dir

from .conftest import Cli

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "peerinspect" / "schemas" / "bundle.schema.json"


def sample_bundle(name: str = "sample-inspection.json") -> dict:
    return json.loads((sample_dir() / name).read_text(encoding="utf-8"))


def consumer() -> Draft202012Validator:
    """The schema as a reader outside peerinspect would use it: the file itself, in jsonschema, formats checked."""
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


# --- the file -----------------------------------------------------------------------------------------


def test_the_shipped_schema_is_what_the_record_classes_give_now():
    """If this fails, a record class changed: write the file again with python -m peerinspect.engine.bundle_schema."""
    assert SHIPPED.read_text(encoding="utf-8") == bundle_schema.schema_text(bundle_schema.generate())
    assert bundle_schema.shipped_text() == SHIPPED.read_text(encoding="utf-8")


def test_the_schema_goes_into_the_package_and_the_readme_links_it():
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["peerinspect"]
    assert any(fnmatch("schemas/bundle.schema.json", pattern) for pattern in package_data)
    links = re.findall(r"\]\(([^)]+)\)", (ROOT / "README.md").read_text())
    assert "peerinspect/schemas/bundle.schema.json" in links


@pytest.mark.parametrize("name", BUNDLE_FILES)
def test_every_sample_bundle_is_valid_under_the_shipped_schema(name):
    assert list(consumer().iter_errors(sample_bundle(name))) == []


UNKNOWN_KEY_PLACES = [
    [],
    ["people", 0],
    ["inspection"],
    ["inspection", "team", 0],
    ["inspection", "history", 0],
    ["records", "file_review", 3],
    ["records", "concern", 0, "plan"],
    ["records", "action", 2, "notes", 0],
]


def place(bundle: dict, path: list) -> dict:
    for part in path:
        bundle = bundle[part]
    return bundle


@pytest.mark.parametrize("path", UNKNOWN_KEY_PLACES, ids=lambda p: bundle_schema.json_path(p) or "top")
def test_the_schema_refuses_an_unknown_key_at_any_depth(path):
    bundle = sample_bundle()
    place(bundle, path)["colour"] = "blue"
    error = best_match(consumer().iter_errors(bundle))
    assert error.validator == "additionalProperties" and list(error.absolute_path) == path
    assert "'colour' was unexpected" in error.message


# --- on import ----------------------------------------------------------------------------------------


@pytest.fixture
def empty(tmp_path, capsys) -> Cli:
    run = Cli(tmp_path / "ws", capsys)
    run("init")
    return run


def refused(empty: Cli, tmp_path: Path, bundle: dict) -> str:
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    before = empty.snapshot()
    empty("import", str(path), "--yes", expect=2)
    assert empty.snapshot() == before
    return empty.err


@pytest.mark.parametrize("path", UNKNOWN_KEY_PLACES, ids=lambda p: bundle_schema.json_path(p) or "top")
def test_an_import_with_an_unknown_key_names_the_file_and_its_path_and_changes_nothing(empty, tmp_path, path):
    bundle = sample_bundle()
    place(bundle, path)["colour"] = "blue"
    where = bundle_schema.json_path(path) or "colour"
    assert f'edited.json: {where}: unknown key "colour"' in refused(empty, tmp_path, bundle)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda b: b["people"][0].update(name=42), "people[0].name: must be text"),
        (lambda b: b["people"][0].update(area_id=7), "people[0].area_id: must be text or null"),
        (lambda b: b["people"][0].update(_kind="area"), "people[0]._kind: should be 'person', not 'area'"),
        (lambda b: b["records"]["file_review"][0].update(disability_or_sen=1),
         "records.file_review[0].disability_or_sen: must be true or false"),
        (lambda b: b["records"]["file_review"][0].update(revision="2"), "records.file_review[0].revision: must be a whole number"),
        (lambda b: b["records"]["concern"][0].update(plan=[]), "records.concern[0].plan: must be a JSON object"),
        (lambda b: b["records"]["action"][0].update(status="finished"),
         "records.action[0].status: 'finished' is not one of the allowed values (not_started, in_progress, done, verified)"),
        (lambda b: b["inspection"]["history"][0].update(on="2026-02-30"),
         "inspection.history[0].on: '2026-02-30' is not a date: write it as YYYY-MM-DD"),
        (lambda b: b["inspection"]["team"][0].pop("role"), "inspection.team[0].role: required field missing"),
        (lambda b: b["records"].update(observations=b["records"].pop("observation")),
         'records.observations: not a kind of inspection record (did you mean "observation"?)'),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_an_import_the_schema_does_not_describe_is_refused_by_place(empty, tmp_path, change, message):
    bundle = copy.deepcopy(sample_bundle())
    change(bundle)
    assert f"edited.json: {message}" in refused(empty, tmp_path, bundle)


def test_every_problem_is_named_on_its_own_line(empty, tmp_path):
    bundle = sample_bundle()
    bundle["people"][1]["role"] = "boss"
    bundle["records"]["observation"][0]["setting"] = 3
    bundle["records"]["observation"][0]["notse"] = "seen"
    file = tmp_path / "edited.json"
    lines = refused(empty, tmp_path, bundle).splitlines()
    assert f"peerinspect: {file}: people[1].role: 'boss' is not one of the allowed values" \
           " (area_director, senior_manager, inspector, care_ambassador, district_manager, area_manager)" in lines
    assert [line for line in lines if "records.observation[0]" in line] == [
        f'peerinspect: {file}: records.observation[0]: unknown key "notse" (did you mean "notes"?)',
        f"peerinspect: {file}: records.observation[0].setting: 3 is not one of the allowed values"
        " (home_visit, conference, supervision, team_meeting, other)",
    ]

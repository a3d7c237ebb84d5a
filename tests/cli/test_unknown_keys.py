"""A misspelt or unknown key in a file or a --set is refused by name, with the key it was probably meant to be."""

import json

import pytest

LEAD = ("--as", "Alex Director")
OBSERVATION = {"setting": "home_visit", "practitioner": "P", "grade": "good"}




def test_a_misspelt_key_in_an_evidence_file_is_refused_naming_file_key_and_the_near_one(cli, inspection, tmp_path):
    fields = tmp_path / "ev.json"
    fields.write_text(json.dumps({**OBSERVATION, "diference_made": "the child now has a plan"}))
    before = cli.snapshot()
    cli("evidence", "add", inspection, "observation", "--as", "Ivy Inspector", "--file", str(fields), expect=2)
    assert f'{fields}: unknown key "diference_made" (did you mean "difference_made"?)' in cli.err
    assert cli.snapshot() == before


def test_every_unknown_key_in_an_evidence_file_is_named_on_its_own_line(cli, inspection, tmp_path):
    fields = tmp_path / "ev.json"
    fields.write_text(json.dumps({**OBSERVATION, "notse": "n", "colour": "blue"}))
    cli("evidence", "add", inspection, "observation", "--as", "Ivy Inspector", "--file", str(fields), expect=2)
    lines = cli.err.splitlines()
    assert f'peerinspect: {fields}: unknown key "colour"' in lines
    assert f'peerinspect: {fields}: unknown key "notse" (did you mean "notes"?)' in lines


def test_a_bad_value_given_by_an_evidence_file_names_the_file(cli, inspection, tmp_path):
    fields = tmp_path / "ev.json"
    fields.write_text(json.dumps({**OBSERVATION, "setting": "garden"}))
    cli("evidence", "add", inspection, "observation", "--as", "Ivy Inspector", "--file", str(fields), expect=2)
    assert f"{fields}: setting: 'garden' is not one of the allowed values (home_visit," in cli.err


def test_a_misspelt_set_field_suggests_the_near_one(cli, inspection):
    before = cli.snapshot()
    cli("evidence", "add", inspection, "observation", "--as", "Ivy Inspector", "--set", "setting=home_visit",
        "--set", "practitioner=P", "--set", "grade=good", "--set", "diference_made=x", expect=2)
    assert 'diference_made: not a field of a Observation (did you mean "difference_made"?)' in cli.err
    assert cli.snapshot() == before


@pytest.fixture
def bundle(cli, inspection, tmp_path) -> dict:
    cli("evidence", "add", inspection, "observation", "--as", "Ivy Inspector", *(f"--set={k}={v}" for k, v in OBSERVATION.items()))
    exported = tmp_path / "bundle.json"
    cli("export", "bundle", inspection, "--output", str(exported), "--include-case-refs", *LEAD)
    return json.loads(exported.read_text())


def import_into_fresh_workspace(cli, tmp_path, bundle: dict) -> str:
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(bundle))
    other = type(cli)(tmp_path / "other", cli.capsys)
    other("init")
    before = other.snapshot()
    other("import", str(path), expect=2)
    assert other.snapshot() == before
    return other.err


def test_a_bundle_record_with_a_misspelt_key_is_refused_and_nothing_is_imported(cli, tmp_path, bundle):
    observation = bundle["records"]["observation"][0]
    observation["diference_made"] = observation.pop("difference_made")
    err = import_into_fresh_workspace(cli, tmp_path, bundle)
    assert 'edited.json: records.observation[0]: unknown key "diference_made" (did you mean "difference_made"?)' in err


def test_a_bundle_with_a_misspelt_section_or_kind_is_refused(cli, tmp_path, bundle):
    bundle["peeople"] = bundle.pop("people")
    bundle["records"]["observations"] = bundle["records"].pop("observation")
    err = import_into_fresh_workspace(cli, tmp_path, bundle)
    assert 'edited.json: peeople: unknown key "peeople" (did you mean "people"?)' in err
    assert 'records.observations: not a kind of inspection record (did you mean "observation"?)' in err


def test_a_misspelt_key_nested_in_a_bundle_record_names_its_path(cli, tmp_path, bundle):
    bundle["inspection"]["team"][0]["rol"] = bundle["inspection"]["team"][0].pop("role")
    err = import_into_fresh_workspace(cli, tmp_path, bundle)
    assert 'inspection.team[0]: unknown key "rol" (did you mean "role"?)' in err

"""Importing a bundle grants no power its importer lacks, asks before adding people, and refuses without a trace."""

import json

import pytest

LEAD = ("--as", "Alex Director")


@pytest.fixture
def exported(cli, tmp_path):
    """A bundle of one planned inspection, with a care ambassador on its team."""
    planned = cli.json("inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17",
                       "--lead", "Alex Director", "--member", "Casey Ambassador=care ambassador", *LEAD)
    path = tmp_path / "bundle.json"
    cli("export", "bundle", planned["id"], "--output", str(path), *LEAD)
    return path


@pytest.fixture
def other(cli, tmp_path):
    """Another authority's workspace, with its own area director."""
    run = type(cli)(tmp_path / "other", cli.capsys)
    run("init")
    run("person", "add", "Olive Director", "--role", "area director")
    return run


def rewritten(path, change) -> str:
    bundle = json.loads(path.read_text())
    change(bundle)
    path.write_text(json.dumps(bundle))
    return str(path)


def person_id(bundle, name) -> str:
    return next(p["id"] for p in bundle["people"] if p["name"] == name)


def test_the_summary_lists_each_person_and_role_and_a_script_must_pass_yes(other, exported):
    before = other.snapshot()
    out = other("import", str(exported), "--as", "Olive Director", expect=2)
    assert "person Alex Director, area director" in out and "care ambassador Casey Ambassador" in out
    assert "pass --yes" in other.err
    assert other.snapshot() == before
    assert "Imported" in other("import", str(exported), "--as", "Olive Director", "--yes")
    assert "Nothing to import" in other("import", str(exported), "--as", "Olive Director")


def test_only_an_area_director_may_import_once_the_authority_has_one(other, exported):
    other("person", "add", "Ian Inspector", "--role", "inspector", "--as", "Olive Director")
    before = other.snapshot()
    other("import", str(exported), "--yes", expect=2)
    assert "--as PERSON" in other.err
    other("import", str(exported), "--yes", "--as", "Ian Inspector", expect=2)
    assert "only area directors" in other.err
    assert other.snapshot() == before
    assert [p["name"] for p in other.json("person", "list")] == ["Ian Inspector", "Olive Director"]


def test_an_imported_inspection_led_by_a_care_ambassador_is_refused_and_leaves_nobody_behind(cli, exported):
    def led_by_casey(bundle):
        bundle["inspection"]["lead_id"] = person_id(bundle, "Casey Ambassador")

    fresh = type(cli)(cli.root.parent / "fresh", cli.capsys)
    fresh("init")
    before = fresh.snapshot()
    fresh("import", rewritten(exported, led_by_casey), "--yes", expect=2)
    assert "inspection.lead: Casey Ambassador is a care ambassador: an area director leads" in fresh.err
    assert fresh.snapshot() == before
    assert fresh.json("person", "list") == []


def test_an_imported_team_follows_the_rules_planning_applies(cli, exported):
    def inspector_leads_a_theme(bundle):
        bundle["inspection"]["team"].append(
            {"person_id": person_id(bundle, "Casey Ambassador"), "role": "theme_lead", "theme_id": "no-such-theme"})

    fresh = type(cli)(cli.root.parent / "fresh", cli.capsys)
    fresh("init")
    before = fresh.snapshot()
    fresh("import", rewritten(exported, inspector_leads_a_theme), "--yes", expect=2)
    assert "Casey Ambassador is a care ambassador; a theme lead must be a senior manager or area director" in fresh.err
    assert "which is not a theme of" in fresh.err
    assert fresh.snapshot() == before


def test_a_record_twice_in_a_bundle_is_refused_before_anything_is_written(cli, exported):
    def doubled(bundle):
        bundle["people"].append(bundle["people"][0])

    fresh = type(cli)(cli.root.parent / "fresh", cli.capsys)
    fresh("init")
    before = fresh.snapshot()
    fresh("import", rewritten(exported, doubled), "--yes", expect=2)
    assert "appears twice in the bundle" in fresh.err
    assert fresh.snapshot() == before


@pytest.mark.parametrize("answer, code", [("y", 0), ("", 2)])
def test_at_a_terminal_the_import_asks_first(other, exported, monkeypatch, answer, code):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: answer)
    before = other.snapshot()
    other("import", str(exported), "--as", "Olive Director", expect=code)
    assert (other.snapshot() == before) is (code == 2)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda b: b.update(format_version="1"), "format_version: must be a whole number"),
        (lambda b: b.update(people={"a": 1}), "people: must be a JSON list"),
        (lambda b: b.update(records=[1]), "records: must be a JSON object of record kinds"),
        (lambda b: b["records"].update(file_review=7), "records.file_review: must be a JSON list"),
        (lambda b: b["inspection"].update(fieldwork_end="9999-12-31"), "inspection.fieldwork_end: 9999-12-31 is outside"),
    ],
)
def test_a_bundle_of_the_wrong_shape_is_refused_by_place(cli, exported, change, message):
    fresh = type(cli)(cli.root.parent / "fresh", cli.capsys)
    fresh("init")
    before = fresh.snapshot()
    fresh("import", rewritten(exported, change), "--yes", expect=2)
    assert message in fresh.err
    assert fresh.snapshot() == before

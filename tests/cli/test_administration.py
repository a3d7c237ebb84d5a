"""The CLI on the administration use cases: people, districts and areas changed and retired, with --json and ids."""

from __future__ import annotations

LEAD = ("--as", "Alex Director")


def test_a_person_is_changed_and_retired_and_then_refused_everything(cli, inspection):
    ivy = cli.json("person", "change", "Ivy Inspector", "--name", "Ivy Inspectorson", "--email", "ivy@example.org", *LEAD)
    assert (ivy["name"], ivy["email"]) == ("Ivy Inspectorson", "ivy@example.org")
    said = cli("person", "retire", ivy["id"][:8], "--date", "2026-12-15", *LEAD)
    assert said.startswith(f"Ivy Inspectorson ({ivy['id'][:8]}) is retired from 2026-12-15")
    listed = {p["id"]: p for p in cli.json("person", "list")}
    assert listed[ivy["id"]]["left_on"] == "2026-12-15"
    assert "Ivy Inspectorson · inspector (retired from 15 Dec 2026)" in cli("person", "list")
    before = cli.snapshot()
    cli("inspection", "show", inspection, "--as", ivy["id"], expect=2)
    assert "Ivy Inspectorson left on 2026-12-15 and can no longer act" in cli.err
    cli("evidence", "add", inspection, "conversation", "--set", "with_group=worker", "--set", "notes=x",
        "--as", ivy["id"], expect=2)
    assert "left on 2026-12-15" in cli.err
    assert cli.snapshot() == before


def test_only_an_area_director_changes_people(cli):
    before = cli.snapshot()
    cli("person", "change", "Ivy Inspector", "--name", "Ivy", "--as", "Avery Area", expect=2)
    assert "Avery Area is an area manager: only area directors may change people's details and roles" in cli.err
    cli("person", "retire", "Ivy Inspector", "--as", "Ivy Inspector", expect=2)
    assert "only area directors may record that someone has left" in cli.err
    assert cli.snapshot() == before


def test_a_district_is_renamed_given_teams_and_closed(cli):
    andover = cli.json("district", "change", "Andover", "--name", "Andover Town", "--team", "Assessment",
                       "--team", "Fostering", "--as", "Avery Area")
    assert (andover["name"], andover["teams"]) == ("Andover Town", ["Assessment", "Fostering"])
    closed = cli.json("district", "retire", "Andover Town", "--date", "2026-12-01", *LEAD)
    assert closed["closed_on"] == "2026-12-01"
    assert "2026-12-01" in cli("district", "list")
    assert [c["district"]["name"] for c in cli.json("cycle")] == ["Basingstoke"]


def test_a_district_name_already_taken_is_refused_naming_the_other(cli):
    before = cli.snapshot()
    cli("district", "add", " basingstoke", "--area", "North", *LEAD, expect=2)
    assert "there is already a district called 'Basingstoke'" in cli.err
    cli("district", "change", "Andover", "--name", "BASINGSTOKE", *LEAD, expect=2)
    assert "there is already a district called 'Basingstoke'" in cli.err
    assert cli.snapshot() == before


def test_district_add_uses_the_area_of_that_name(cli):
    cli("district", "add", "Alton", "--area", "  north ", *LEAD)
    areas = cli.json("area", "list")
    assert [a["name"] for a in areas] == ["North"]
    assert f"{areas[0]['id'][:8]}  North  Alton, Andover, Basingstoke" in cli("area", "list")


def test_an_area_is_renamed_but_not_to_a_name_already_taken(cli):
    cli("area", "add", "South", *LEAD)
    renamed = cli.json("area", "change", "North", "--name", "North East", *LEAD)
    assert renamed["name"] == "North East"
    cli("area", "change", "North East", "--name", "south", *LEAD, expect=2)
    assert "there is already an area called 'South'" in cli.err


def test_a_leavers_theme_is_listed_for_the_lead_and_handed_on(cli):
    lead = ("--lead", "Alex Director")
    planned = cli.json("inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17",
                       *lead, "--theme-lead", "help-and-protection=Sam Help", *LEAD)
    cli("advance", planned["id"], "notify", "--date", "2026-12-10", *LEAD)
    cli("advance", planned["id"], "start_fieldwork", "--date", "2026-12-14", *LEAD)
    cli("person", "retire", "Sam Help", "--date", "2026-12-15", *LEAD)
    (duty,) = cli.json("person", "duties", *LEAD)
    assert (duty["duty"], duty["record_id"], duty["left"]["name"]) == ("theme_lead", "help-and-protection", "Sam Help")
    assert "inspection reassign INSPECTION --theme RECORD --to PERSON" in cli("person", "duties", *LEAD)
    cli("inspection", "reassign", planned["id"], "--theme", "help-and-protection", "--to", "Sue Care", *LEAD)
    assert cli.json("person", "duties", *LEAD) == []
    assert "No one who has left holds a duty you may hand on." in cli("person", "duties", *LEAD)

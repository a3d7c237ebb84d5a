"""Dates outside 2000–2100, oversized text and terminal escapes never get in, and never reach the screen."""

import pytest

LEAD = ("--as", "Alex Director")
FAR = "9999-12-31"


@pytest.fixture
def inspection(cli):
    planned = cli.json("inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17",
                       "--lead", "Alex Director", "--member", "Ivy Inspector=inspector", *LEAD)
    return planned["id"]


def refused(cli, *args, field: str):
    before = cli.snapshot()
    cli(*args, expect=2)
    assert field in cli.err and "2000-01-01 to 2100-12-31" in cli.err, cli.err
    assert cli.snapshot() == before


def test_a_far_future_concern_date_is_refused_naming_the_field(cli, inspection):
    refused(cli, "concern", "raise", inspection, "--description", "Child left alone", "--date", FAR, *LEAD,
            field="date")


def test_a_far_future_immediate_plan_date_is_refused(cli, inspection):
    raised = cli("concern", "raise", inspection, "--description", "Child left alone", "--date", "2026-12-15", *LEAD)
    concern = raised.split("concern ")[1].split(":")[0]
    refused(cli, "concern", "plan", inspection, concern, "--owner", "Dana District", "--action", "Visit today",
            "--date", FAR, *LEAD, field="date")


@pytest.mark.parametrize("verb", [("deadlines",), ("cycle",), ("reminders", *LEAD)])
def test_a_far_today_is_refused_rather_than_overflowing(cli, verb):
    refused(cli, *verb, "--today", FAR, field="today")


def test_a_date_before_2000_is_refused(cli):
    refused(cli, "settings", "--cycle-start", "0202-05-01", *LEAD, field="cycle_start")


def test_a_huge_note_is_refused_with_the_limit_named(cli, inspection):
    before = cli.snapshot()
    cli("evidence", "add", inspection, "observation", "--as", "Ivy Inspector", "--set", "setting=home_visit",
        "--set", "practitioner=P", "--set", "grade=good", "--set", "notes=" + "x" * 20_001, expect=2)
    assert "notes: 20,001 characters is more than the 20,000" in cli.err
    assert cli.snapshot() == before


def test_a_long_name_is_refused_with_the_limit_named(cli):
    cli("person", "add", "N" * 201, "--role", "inspector", *LEAD, expect=2)
    assert "name: 201 characters is more than the 200" in cli.err


def test_terminal_escapes_in_a_name_are_not_printed(cli):
    cli("person", "add", "Eve\x1b[2J\x1b]0;owned\x07 Evil", "--role", "inspector", *LEAD)
    listed = cli("person", "list")
    assert "\x1b" not in listed and "\x07" not in listed
    assert "Eve[2J]0;owned Evil" in listed
    assert "\x1b" not in cli("person", "add", "Zed\x1b[31m", "--role", "inspector", *LEAD)

"""--output writes where it is told, except inside the workspace folder, and only for its owner to read."""

import os

import pytest

LEAD = ("--as", "Alex Director")


@pytest.fixture
def inspection(cli) -> str:
    return cli.json("inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17",
                    "--lead", "Alex Director", *LEAD)["id"]


@pytest.mark.parametrize("verb", [
    ("report", "{id}", "--as", "Alex Director"),
    ("export", "bundle", "{id}", "--as", "Alex Director"),
    ("export", "actions", "{id}", "--as", "Alex Director"),
    ("export", "calendar"),
])
@pytest.mark.parametrize("target", ["workspace.json", "inspections/{id}.json", "new.md"])
def test_output_inside_the_workspace_is_refused_and_nothing_is_written(cli, inspection, verb, target):
    snapshot = cli.snapshot()
    output = cli.root / target.format(id=inspection)
    cli(*[part.format(id=inspection) for part in verb], "--output", str(output), expect=2)
    assert "--output" in cli.err and "inside the workspace folder" in cli.err
    assert cli.snapshot() == snapshot


def test_output_written_elsewhere_is_readable_by_its_owner_only(cli, inspection, tmp_path):
    output = tmp_path / "deadlines.ics"
    output.write_text("old")
    os.chmod(output, 0o644)
    cli("export", "calendar", "--output", str(output))
    assert output.stat().st_mode & 0o077 == 0 and "BEGIN:VCALENDAR" in output.read_text()

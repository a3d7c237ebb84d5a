"""A file of evidence fields that is not what it should be is refused by name, and saves nothing."""

import json

import pytest

LEAD = ("--as", "Alex Director")


@pytest.fixture
def inspection(cli):
    planned = cli.json("inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17",
                       "--lead", "Alex Director", "--member", "Ivy Inspector=inspector", *LEAD)
    return planned["id"]


@pytest.mark.parametrize(
    "content, extra, message",
    [
        (b"\xff\xfe{\x00}\x00", (), "is not UTF-8 text"),
        (json.dumps({"grades": ["good"]}).encode(), ("--grade", "hp-assessment=good"), "grades: must be a JSON object"),
        (json.dumps({"family_answers": "yes"}).encode(), ("--answer", "1=Yes"), "family_answers: must be a JSON object"),
    ],
)
def test_a_broken_fields_file_is_refused(cli, inspection, tmp_path, content, extra, message):
    path = tmp_path / "fields.json"
    path.write_bytes(content)
    before = cli.snapshot()
    cli("evidence", "add", inspection, "file_review", "--file", str(path), *extra, "--as", "Ivy Inspector", expect=2)
    assert message in cli.err
    assert cli.snapshot() == before

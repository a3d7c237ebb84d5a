"""Bad input exits 2 with a message naming the field or file, and leaves the workspace byte-for-byte unchanged."""

import json

import pytest

LEAD = ("--as", "Alex Director")




@pytest.mark.parametrize(
    "args, message",
    [
        (("person", "add", "Zed", "--role", "wizard", *LEAD), "role: 'wizard' is not one of"),
        (("person", "add", "Zed", "--role", "inspector"), "only an area director"),
        (("person", "add", "Zed", "--role", "district manager", *LEAD), "district: a district manager needs"),
        (("inspection", "plan", "--district", "Nowhere", "--start", "2026-12-14", "--end", "2026-12-17", "--lead", "Alex Director", *LEAD), "district: No district 'Nowhere'"),
        (("inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-17", "--end", "2026-12-14", "--lead", "Alex Director", *LEAD), "fieldwork_end:"),
        (("inspection", "plan", "--district", "Basingstoke", "--start", "14/12/2026", "--end", "2026-12-17", "--lead", "Alex Director", *LEAD), "start: '14/12/2026' is not a date"),
        (("inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17", "--lead", "Ivy Inspector", *LEAD), "lead: Ivy Inspector is a inspector"),
        (("inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17", "--lead", "Alex Director", "--as", "Ivy Inspector"), "only area directors may"),
        (("deadlines", "--today", "tomorrow"), "today: 'tomorrow' is not a date"),
        (("advance", "INSPECTION", "close", *LEAD), "cannot"),
        (("advance", "INSPECTION", "notify"), "--as: say who is acting"),
        (("evidence", "add", "INSPECTION", "file_review", "--as", "Ivy Inspector", "--set", "case_reference=Jane Smith", "--set", "team=A", "--set", "age_band=under_1", "--set", "legal_status=looked_after"), "case_reference: 'Jane Smith' is not a case reference"),
        (("evidence", "add", "INSPECTION", "file_review", "--as", "Ivy Inspector", "--set", "case_reference=BSK-1", "--set", "team=A", "--set", "age_band=toddler"), "age_band: 'toddler' is not one of the allowed values"),
        (("evidence", "add", "INSPECTION", "observation", "--as", "Ivy Inspector", "--set", "setting=home_visit", "--set", "practitioner=P", "--set", "grade=good-ish"), "grade: grade 'good-ish' is not on the scale"),
        (("evidence", "add", "INSPECTION", "file_review", "--as", "Ivy Inspector", "--set", "colour=blue"), "colour: not a field of a FileReview"),
        (("evidence", "add", "INSPECTION", "conversation", "--as", "Casey Ambassador", "--set", "with_group=worker", "--set", "notes=n"), "is not on this inspection's team"),
        (("evidence", "add", "INSPECTION", "conversation", "--as", "Ivy Inspector", "--file", "missing.json"), "missing.json: cannot be read"),
        (("evidence", "add", "INSPECTION", "observation", "--as", "Ivy Inspector", "--set", "setting=home_visit", "--set", "practitioner=P", "--set", "grade=good", "--set", "notes=Jamie Carter, DOB 03/04/2015, was seen"), "notes: looks like it holds a date of birth"),
        (("evidence", "add", "INSPECTION", "conversation", "--as", "Ivy Inspector", "--set", "with_group=worker", "--set", "notes=Mum's mobile is 07911 123456"), "notes: looks like it holds a phone number ('07911 123456')"),
        (("evidence", "add", "INSPECTION", "conversation", "--as", "Ivy Inspector", "--set", "with_group=worker", "--set", "notes=dana district joined us"), "notes: names Dana District, who is in this workspace"),
        (("import", "BROKEN"), "broken.json:1: not valid JSON"),
        (("report", "INSPECTION", "--as", "Dana District"), "district manager"),
        (("inspection", "show", "nope", *LEAD), "No inspection 'nope'"),
        (("settings", "--smtp-port", "70000", *LEAD), "smtp.port: 70000 is not a port"),
        (("settings", "--smtp-security", "plain", *LEAD), "smtp.security: 'plain' is not one of the allowed values (starttls, tls, none)"),
        (("settings", "--smtp-host", "mail server", *LEAD), "smtp.host: 'mail server' is not a host name"),
        (("settings", "--smtp-host", "mail.example.org", "--smtp-security", "none", *LEAD), "smtp.security: 'none' would send the password"),
        (("settings", "--smtp-sender", "reminders", *LEAD), "smtp.sender: 'reminders' is not an email address"),
        (("settings", "--smtp-host", "mail.example.org", "--as", "Ivy Inspector"), "change the settings"),
        (("reminders", "--send", *LEAD), "smtp.host: no mail server is set"),
    ],
)
def test_bad_input_changes_nothing(cli, inspection, tmp_path, args, message):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    args = [str(broken) if a == "BROKEN" else inspection if a == "INSPECTION" else a for a in args]
    before = cli.snapshot()
    out = cli(*args, expect=2)
    assert message in cli.err, cli.err
    assert "Traceback" not in cli.err + out
    assert cli.snapshot() == before


def test_import_twice_changes_nothing_the_second_time(cli, inspection, tmp_path):
    cli("evidence", "add", inspection, "observation", "--as", "Ivy Inspector", "--set", "setting=home_visit",
        "--set", "practitioner=P", "--set", "grade=good")
    exported = tmp_path / "bundle.json"
    cli("export", "bundle", inspection, "--output", str(exported), "--include-case-refs", *LEAD)
    other = type(cli)(tmp_path / "other", cli.capsys)
    other("init")
    assert "Imported" in other("import", str(exported), "--yes")
    once = other.snapshot()
    assert "Nothing to import" in other("import", str(exported))
    assert other.snapshot() == once
    assert len(json.loads(other("inspection", "list", "--json"))) == 1


def test_an_internal_fault_is_a_message_not_a_traceback(cli, monkeypatch, capsys):
    from peerinspect.cli import main
    from peerinspect.engine import queries

    monkeypatch.setattr(queries, "deadline_statuses", lambda *a, **k: 1 / 0)
    code = main(["--workspace", str(cli.root), "deadlines"])
    err = capsys.readouterr().err
    assert code == 1 and "internal fault" in err and "Traceback" not in err


def test_notes_that_look_like_personal_data_are_saved_only_when_confirmed(cli, inspection):
    args = ("evidence", "add", inspection, "observation", "--as", "Ivy Inspector", "--set", "setting=home_visit",
            "--set", "practitioner=P", "--set", "grade=good", "--set", "notes=Jamie Carter was seen")
    cli(*args, expect=2)
    assert "--accept-warnings" in cli.err
    cli(*args, "--accept-warnings")
    assert cli.json("inspection", "show", inspection, *LEAD)["evidence"][0]["notes"] == "Jamie Carter was seen"

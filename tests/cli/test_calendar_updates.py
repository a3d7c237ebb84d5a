"""The deadlines calendar, imported again after a change, updates the events a calendar already holds."""

from icalendar import Calendar

LEAD = ("--as", "Alex Director")


def events(cli, *args) -> dict[str, dict]:
    calendar = Calendar.from_ical(cli("export", "calendar", *args).encode())
    return {
        str(e["SUMMARY"]).split(" – ")[0]: {
            "uid": str(e["UID"]), "summary": str(e["SUMMARY"]), "sequence": int(e["SEQUENCE"]),
            "modified": e.decoded("LAST-MODIFIED"), "status": str(e["STATUS"]), "alarms": len(e.walk("VALARM")),
            "due": e.decoded("DTSTART"),
        }
        for e in calendar.walk("VEVENT")
    }


def test_a_met_deadline_is_cancelled_with_a_higher_sequence_and_a_later_change_time(cli, inspection):
    assert events(cli)["Written report"]["summary"] == "Written report – Basingstoke inspection of 14 Dec 2026"
    saved = cli.json("evidence", "add", inspection, "file_review", "--as", "Ivy Inspector",
                     "--set", "case_reference=BSK-0042", "--set", "team=Assessment", "--set", "age_band=under_1",
                     "--set", "legal_status=child_protection_plan", "--set", "recorded_on=2026-12-14",
                     "--set", "safeguarding_concern=Left alone at night", "--set", "difference_made=None yet")
    before = events(cli)["Immediate safeguarding action plan"]
    assert before["status"] == "CONFIRMED"

    cli("concern", "plan", inspection, saved["concern"]["id"], "--owner", "Dana District", "--action", "Visit today",
        "--date", "2026-12-16", *LEAD)
    after = events(cli)["Immediate safeguarding action plan"]
    assert after["uid"] == before["uid"]
    assert after["status"] == "CANCELLED"
    assert after["sequence"] > before["sequence"]
    assert after["modified"] > before["modified"]


def test_a_moved_deadline_keeps_its_uid_and_raises_its_sequence(cli, tmp_path):
    planned = cli.json("inspection", "plan", "--district", "Andover", "--start", "2027-02-01", "--end", "2027-02-04",
                       "--lead", "Alex Director", *LEAD)
    cli("advance", planned["id"], "notify", "--date", "2027-01-20", *LEAD)
    cli("advance", planned["id"], "start_fieldwork", "--date", "2027-02-01", *LEAD)
    before = events(cli)["Written report"]
    cli("inspection", "cancel", planned["id"], "--reason", "team taken ill", "--date", "2027-02-02", *LEAD)
    withdrawn = events(cli)["Written report"]
    assert withdrawn["uid"] == before["uid"]
    assert withdrawn["status"] == "CANCELLED"
    assert withdrawn["sequence"] > before["sequence"]
    assert withdrawn["due"] == before["due"]


def test_the_reminder_setting_adds_an_alarm_to_every_open_deadline(cli, inspection):
    assert events(cli)["Written report"]["alarms"] == 0
    cli("settings", "--calendar-alarm-days", "3", *LEAD)
    assert events(cli)["Written report"]["alarms"] == 1
    assert "calendar reminder: 3 days before" in cli("settings")


def test_a_negative_reminder_is_refused_naming_the_setting(cli):
    before = cli.snapshot()
    cli("settings", "--calendar-alarm-days", "-1", *LEAD, expect=2)
    assert "calendar_alarm_days" in cli.err
    assert cli.snapshot() == before

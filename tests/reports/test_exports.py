"""Exports: the action plan as CSV and a spreadsheet, deadlines as an iCalendar file, each read back."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta, timezone

import attrs
import pytest
import openpyxl
import vobject
from icalendar import Calendar

from peerinspect.domain.actions import Action, ProgressNote
from peerinspect.domain.authority import Person
from peerinspect.domain.dossier import Dossier
from peerinspect.domain.findings import Recommendation
from peerinspect.domain.inspection import Inspection
from peerinspect.domain.vocabulary import ActionStatus, Role
from peerinspect.domain.calendar_events import CalendarEvent
from peerinspect.reports.exports import ACTION_COLUMNS, actions_csv, actions_rows, actions_xlsx, deadline_uid, deadlines_ics

TODAY = date(2025, 5, 10)
PEOPLE = {
    "p-dm": Person(id="p-dm", name="Femi Adebayo", role=Role.DISTRICT_MANAGER),
    "p-tm": Person(id="p-tm", name="Grace O'Neill", role=Role.DISTRICT_MANAGER),
}


def dossier() -> Dossier:
    inspection = Inspection(
        id="insp-1", district_id="d", framework_id="f", lead_id="p-lead", fieldwork_start=date(2025, 3, 3), fieldwork_end=date(2025, 3, 7)
    )
    recs = (
        Recommendation(id="r1", inspection_id="insp-1", theme_id="care", text="Review every care plan on time"),
        Recommendation(id="r2", inspection_id="insp-1", theme_id="help", text="Keep a chronology, always"),
    )
    actions = (
        Action(
            inspection_id="insp-1",
            recommendation_id="r2",
            what="Chronology template in every team",
            owner_id="p-tm",
            due=date(2025, 6, 1),
            status=ActionStatus.DONE,
        ),
        Action(
            inspection_id="insp-1",
            recommendation_id="r1",
            what='Audit overdue reviews, "all teams"',
            owner_id="p-dm",
            due=date(2025, 4, 30),
            status=ActionStatus.IN_PROGRESS,
            notes=(
                ProgressNote(on=date(2025, 4, 1), author_id="p-dm", text="Started"),
                ProgressNote(on=date(2025, 4, 20), author_id="p-dm", text="=Half done; 2 teams left\nnext: Northgate"),
            ),
        ),
        Action(inspection_id="insp-1", recommendation_id="r1", what="Train reviewing officers", status=ActionStatus.NOT_STARTED),
    )
    return Dossier(inspection=inspection, recommendations=recs, actions=actions)


def rows() -> list[dict]:
    return actions_rows(dossier(), PEOPLE, TODAY)


def test_one_row_per_action_in_recommendation_order():
    result = rows()
    assert [r["action"] for r in result] == [
        'Audit overdue reviews, "all teams"',
        "Train reviewing officers",
        "Chronology template in every team",
    ]
    first = result[0]
    assert first == {
        "id": first["id"],  # for scripts; not a spreadsheet column
        "ref": first["id"][:8],
        "recommendation": "Review every care plan on time",
        "action": 'Audit overdue reviews, "all teams"',
        "owner": "Femi Adebayo",
        "due": date(2025, 4, 30),
        "status": "in progress",
        "last_note_on": date(2025, 4, 20),
        "last_note": "=Half done; 2 teams left\nnext: Northgate",
        "days_overdue": 10,
    }


def test_days_overdue_is_zero_when_not_overdue_or_done():
    by_action = {r["action"]: r for r in rows()}
    assert by_action["Chronology template in every team"]["days_overdue"] == 0  # done
    assert by_action["Train reviewing officers"]["days_overdue"] == 0  # no due date
    assert by_action["Train reviewing officers"]["owner"] == ""
    assert by_action["Train reviewing officers"]["last_note_on"] is None


def _as_text(row: dict) -> dict:
    return {heading: "" if row[key] is None else (row[key].isoformat() if isinstance(row[key], date) else str(row[key])) for key, heading, _ in ACTION_COLUMNS}


def read_as_excel_does(text: str) -> list[dict]:
    """The bytes on disk, decoded as Excel decodes a file that starts with a byte-order mark."""
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf"), "without a byte-order mark Excel reads UTF-8 as Windows-1252"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_reads_back_in_excel_to_the_same_rows():
    written = rows()
    parsed = read_as_excel_does(actions_csv(written))
    assert list(parsed[0].keys()) == [heading for _, heading, _ in ACTION_COLUMNS]
    expected = [_as_text(r) for r in written]
    expected[0]["Last progress note"] = "'" + expected[0]["Last progress note"]  # "=Half done…", made inert
    assert parsed == expected


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "+1 chased", "-1 chased", "@SUM(A1)", "\tTab", "\rCR"])
def test_csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe(text):
    action = attrs.evolve(dossier().actions[0], what=text)
    row = actions_rows(attrs.evolve(dossier(), actions=(action,)), PEOPLE, TODAY)
    parsed = read_as_excel_does(actions_csv(row))
    assert parsed[0]["Action"] == "'" + text


def test_csv_keeps_dashes_quotes_and_accents_as_written():
    action = attrs.evolve(dossier().actions[0], what="Review – “quotes” Zoë £5")
    row = actions_rows(attrs.evolve(dossier(), actions=(action,)), PEOPLE, TODAY)
    assert read_as_excel_does(actions_csv(row))[0]["Action"] == "Review – “quotes” Zoë £5"


def test_csv_with_no_actions_has_just_the_heading_row():
    assert actions_csv([]).lstrip("\ufeff").splitlines() == [",".join(heading for _, heading, _ in ACTION_COLUMNS)]


HEADING = ["Action plan: Test Valley", "Inspection insp-1, fieldwork 2025-03-03 to 2025-03-07", "As at 2025-05-10"]


def test_xlsx_opens_to_the_same_rows_with_real_dates_under_what_it_covers():
    written = rows()
    book = openpyxl.load_workbook(io.BytesIO(actions_xlsx(written, heading=HEADING)))
    sheet = book.active
    assert sheet.title == "Action plan"
    assert [sheet.cell(row=r, column=1).value for r in (1, 2, 3)] == HEADING
    top = len(HEADING) + 2
    assert sheet.freeze_panes == f"A{top + 1}"
    header = [c.value for c in sheet[top]]
    assert header == [heading for _, heading, _ in ACTION_COLUMNS]
    assert all(c.font.bold for c in sheet[top])
    keys = [key for key, _, _ in ACTION_COLUMNS]
    read = []
    for values in sheet.iter_rows(min_row=top + 1, values_only=True):
        row = dict(zip(keys, values))
        for key in ("due", "last_note_on"):
            if isinstance(row[key], datetime):
                row[key] = row[key].date()
        row = {k: ("" if v is None and k in ("owner", "last_note") else v) for k, v in row.items()}
        read.append(row)
    assert read == [{k: v for k, v in row.items() if k != "id"} for row in written]
    due_cell = sheet.cell(row=top + 1, column=keys.index("due") + 1)
    assert due_cell.is_date
    assert sheet.column_dimensions["C"].width >= 30


def test_xlsx_shades_overdue_actions_only():
    sheet = openpyxl.load_workbook(io.BytesIO(actions_xlsx(rows(), heading=HEADING))).active
    top = len(HEADING) + 2
    shaded = [sheet.cell(row=r, column=1).fill.fgColor.rgb.endswith("FBE3E3") for r in range(top + 1, sheet.max_row + 1)]
    assert shaded == [(row["days_overdue"] or 0) > 0 for row in rows()]
    assert any(shaded) and not all(shaded)


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text():
    sheet = openpyxl.load_workbook(io.BytesIO(actions_xlsx(rows()))).active
    note = sheet.cell(row=2, column=[k for k, _, _ in ACTION_COLUMNS].index("last_note") + 1)
    assert note.data_type == "s"
    assert note.value.startswith("=Half done")


STAMP = datetime(2025, 3, 10, 9, 30, tzinfo=timezone.utc)
SAVED = datetime(2025, 3, 9, 16, 0, tzinfo=timezone.utc)


def event(key="insp-1:report", due=date(2025, 3, 21), sequence=3, cancelled=False, summary="Written report – Test Valley inspection of 3 Mar 2025"):
    return CalendarEvent(key=key, summary=summary, description="Inspection: Test Valley", due=due, sequence=sequence,
                         last_modified=SAVED, cancelled=cancelled)


EVENTS = [event(), event(key="insp-1:action_plan", due=date(2025, 4, 4), summary="District action plan – Test Valley")]


def ics(events, alarm_days=0) -> bytes:
    return deadlines_ics(events, calendar_name="Peer inspection deadlines", stamp=STAMP, alarm_days=alarm_days)


def test_ics_parses_back_to_the_same_events_in_two_parsers():
    data = ics(EVENTS)
    calendar = Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Peer inspection deadlines"
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [e.summary for e in EVENTS]
    assert [str(e["UID"]) for e in events] == [deadline_uid(e.key) for e in EVENTS]
    assert [e.decoded("DTSTART") for e in events] == [date(2025, 3, 21), date(2025, 4, 4)]
    assert [e.decoded("DTEND") for e in events] == [date(2025, 3, 22), date(2025, 4, 5)]
    assert all(type(e.decoded("DTSTART")) is date for e in events)  # all-day, not a moment in time
    assert events[0].decoded("DTSTAMP") == STAMP
    assert [int(e["SEQUENCE"]) for e in events] == [3, 3]
    assert events[0].decoded("LAST-MODIFIED") == SAVED

    other = vobject.readOne(data.decode())
    read = [(v.uid.value, v.summary.value, v.dtstart.value, int(v.sequence.value), v.status.value) for v in other.vevent_list]
    assert read == [(deadline_uid(e.key), e.summary, e.due, 3, "CONFIRMED") for e in EVENTS]


def test_ics_uid_is_stable_and_a_changed_deadline_has_a_higher_sequence():
    first = Calendar.from_ical(ics([event(sequence=3)])).walk("VEVENT")[0]
    moved = Calendar.from_ical(ics([event(due=date(2025, 3, 24), sequence=4)])).walk("VEVENT")[0]
    assert str(moved["UID"]) == str(first["UID"])
    assert int(moved["SEQUENCE"]) > int(first["SEQUENCE"])
    assert deadline_uid("insp-1:report") != deadline_uid("insp-1:action_plan")


def test_a_met_or_withdrawn_deadline_is_sent_as_cancelled_without_a_reminder():
    data = ics([event(cancelled=True), event(key="other")], alarm_days=2)
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [str(e["STATUS"]) for e in events] == ["CANCELLED", "CONFIRMED"]
    assert [len(e.walk("VALARM")) for e in events] == [0, 1]
    assert [v.status.value for v in vobject.readOne(data.decode()).vevent_list] == ["CANCELLED", "CONFIRMED"]


def test_the_reminder_is_the_set_number_of_days_before():
    alarm = Calendar.from_ical(ics([event()], alarm_days=2)).walk("VALARM")[0]
    assert alarm.decoded("TRIGGER") == timedelta(days=-2)
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert Calendar.from_ical(ics([event()])).walk("VALARM") == []

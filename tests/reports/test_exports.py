"""Exports: the action plan as CSV and a spreadsheet, deadlines as an iCalendar file, each read back."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timezone

import attrs
import openpyxl
from icalendar import Calendar

from peerinspect.domain.actions import Action, ProgressNote
from peerinspect.domain.authority import Person
from peerinspect.domain.dossier import Dossier
from peerinspect.domain.findings import Recommendation
from peerinspect.domain.inspection import Inspection
from peerinspect.domain.vocabulary import ActionStatus, Role
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


def test_csv_parses_back_to_the_same_rows():
    text = actions_csv(rows())
    parsed = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(parsed[0].keys()) == [heading for _, heading, _ in ACTION_COLUMNS]
    assert parsed == [_as_text(r) for r in rows()]


def test_csv_with_no_actions_has_just_the_heading_row():
    assert actions_csv([]).splitlines() == [",".join(heading for _, heading, _ in ACTION_COLUMNS)]


def test_xlsx_opens_to_the_same_rows_with_real_dates():
    book = openpyxl.load_workbook(io.BytesIO(actions_xlsx(rows())))
    sheet = book.active
    assert sheet.title == "Action plan"
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header == [heading for _, heading, _ in ACTION_COLUMNS]
    assert all(c.font.bold for c in sheet[1])
    keys = [key for key, _, _ in ACTION_COLUMNS]
    read = []
    for values in sheet.iter_rows(min_row=2, values_only=True):
        row = dict(zip(keys, values))
        for key in ("due", "last_note_on"):
            if isinstance(row[key], datetime):
                row[key] = row[key].date()
        row = {k: ("" if v is None and k in ("owner", "last_note") else v) for k, v in row.items()}
        read.append(row)
    assert read == [{k: v for k, v in row.items() if k != "id"} for row in rows()]
    due_cell = sheet.cell(row=2, column=keys.index("due") + 1)
    assert due_cell.is_date
    assert sheet.column_dimensions["B"].width >= 30


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text():
    sheet = openpyxl.load_workbook(io.BytesIO(actions_xlsx(rows()))).active
    note = sheet.cell(row=2, column=[k for k, _, _ in ACTION_COLUMNS].index("last_note") + 1)
    assert note.data_type == "s"
    assert note.value.startswith("=Half done")


@attrs.frozen
class Due:
    key: str
    title: str
    due: date
    inspection_id: str
    rule_id: str
    state: str = "open"


STAMP = datetime(2025, 3, 10, 9, 30, tzinfo=timezone.utc)
DEADLINES = [
    Due("insp-1:report", "Written report due: Test Valley", date(2025, 3, 21), "insp-1", "report", "met"),
    Due("insp-1:action_plan", "Action plan due: Test Valley", date(2025, 4, 4), "insp-1", "action_plan"),
]


def test_ics_parses_back_to_the_same_events():
    calendar = Calendar.from_ical(deadlines_ics(DEADLINES, calendar_name="Peer inspection deadlines", stamp=STAMP))
    assert str(calendar["X-WR-CALNAME"]) == "Peer inspection deadlines"
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [d.title for d in DEADLINES]
    assert [str(e["UID"]) for e in events] == [deadline_uid(d.key) for d in DEADLINES]
    assert [e.decoded("DTSTART") for e in events] == [date(2025, 3, 21), date(2025, 4, 4)]
    assert [e.decoded("DTEND") for e in events] == [date(2025, 3, 22), date(2025, 4, 5)]
    assert all(type(e.decoded("DTSTART")) is date for e in events)  # all-day, not a moment in time
    assert events[0].decoded("DTSTAMP") == STAMP
    assert "insp-1" in str(events[0]["DESCRIPTION"]) and "met" in str(events[0]["DESCRIPTION"])


def test_ics_uid_is_stable_so_a_reimport_updates_rather_than_duplicates():
    first = Calendar.from_ical(deadlines_ics(DEADLINES, calendar_name="x", stamp=STAMP))
    moved = [attrs.evolve(DEADLINES[0], due=date(2025, 3, 24), state="late")]
    second = Calendar.from_ical(deadlines_ics(moved, calendar_name="x", stamp=STAMP))
    assert str(second.walk("VEVENT")[0]["UID"]) == str(first.walk("VEVENT")[0]["UID"])
    assert deadline_uid("insp-1:report") != deadline_uid("insp-1:action_plan")


def test_ics_accepts_deadlines_without_a_state():
    @attrs.frozen
    class Bare:
        key: str
        title: str
        due: date
        inspection_id: str
        rule_id: str

    data = deadlines_ics([Bare("k", "T", date(2025, 1, 2), "i", "r")], calendar_name="x", stamp=STAMP)
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert "State" not in str(event["DESCRIPTION"])


def test_ics_says_when_a_deadline_was_met():
    @attrs.frozen
    class Met:
        key: str
        title: str
        due: date
        inspection_id: str
        rule_id: str
        met_on: date | None = None

    data = deadlines_ics([Met("k", "T", date(2025, 1, 2), "i", "r", met_on=date(2025, 1, 1))], calendar_name="x", stamp=STAMP)
    assert "Met on: 2025-01-01" in str(Calendar.from_ical(data).walk("VEVENT")[0]["DESCRIPTION"])

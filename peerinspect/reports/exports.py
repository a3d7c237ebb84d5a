"""Exports for people outside the terminal: the action plan as CSV or a spreadsheet, deadlines as a calendar."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta, timezone

from ..domain.authority import Person
from ..domain.calendar_events import CalendarEvent
from ..domain.dossier import Dossier
from ..domain.inspection import Inspection
from ..domain.limits import shifted

# Row key, column heading, spreadsheet column width (characters).
ACTION_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("ref", "Action id", 10),
    ("recommendation", "Recommendation", 45),
    ("action", "Action", 45),
    ("owner", "Owner", 22),
    ("due", "Due", 12),
    ("status", "Status", 13),
    ("last_note_on", "Last note on", 13),
    ("last_note", "Last progress note", 45),
    ("days_overdue", "Days overdue", 10),
)
DATE_COLUMNS = frozenset({"due", "last_note_on"})
# Spreadsheets run a cell that starts with one of these as a formula; OWASP's advice is a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
OVERDUE_SHADE = "FBE3E3"

# Namespace for calendar UIDs: the same deadline key always gives the same UID, so a calendar
# that imports the file again updates its events instead of adding copies.
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, "deadlines.peerinspect")


def actions_rows(dossier: Dossier, people: Mapping[str, Person], today: date) -> list[dict]:
    """One row per action, in the order of the recommendations they answer."""
    numbers = {rec.id: n for n, rec in enumerate(dossier.recommendations)}
    texts = {rec.id: rec.text for rec in dossier.recommendations}
    ordered = sorted(
        enumerate(dossier.actions),
        key=lambda pair: (numbers.get(pair[1].recommendation_id, len(numbers)), pair[1].due or date.max, pair[0]),
    )
    rows = []
    for _, action in ordered:
        owner = people.get(action.owner_id) if action.owner_id else None
        note = action.last_note
        rows.append(
            {
                "id": action.id,
                "ref": action.id[:8],  # as the CLI and the screens show it, and as `action update` takes it
                "recommendation": texts.get(action.recommendation_id, "(recommendation not found)"),
                "action": action.what,
                "owner": owner.name if owner else ("" if action.owner_id is None else "(not on record)"),
                "due": action.due,
                "status": action.status.label,
                "last_note_on": note.on if note else None,
                "last_note": note.text if note else "",
                "days_overdue": action.days_overdue(today),
            }
        )
    return rows


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def actions_csv(rows: Iterable[Mapping]) -> str:
    """The action plan as CSV with a heading row; dates as YYYY-MM-DD, empty where there is none.

    It starts with a byte-order mark, which is how Excel knows the file is UTF-8, and no cell can run as a formula.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading for _, heading, _ in ACTION_COLUMNS])
    for row in rows:
        writer.writerow([_inert(row.get(key)) for key, _, _ in ACTION_COLUMNS])
    return out.getvalue()


def _inert(value: object) -> str:
    """A cell's text that a spreadsheet shows as written: free text starting like a formula gets an apostrophe."""
    text = _text(value)
    if isinstance(value, str) and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def actions_heading(district: str, inspection: Inspection, as_at: date) -> list[str]:
    """What a printed or forwarded spreadsheet says it covers."""
    return [
        f"Action plan: {district}",
        f"Inspection {inspection.id[:8]}, fieldwork {inspection.fieldwork_start.isoformat()} to {inspection.fieldwork_end.isoformat()}",
        f"As at {as_at.isoformat()}",
    ]


def actions_xlsx(rows: Iterable[Mapping], *, title: str = "Action plan", heading: Sequence[str] = ()) -> bytes:
    """The action plan as a spreadsheet: what it covers on top, then a bold frozen heading row, real dates,
    columns wide enough to read, and overdue actions shaded."""
    # Imported here, not at the top: openpyxl is slow to import, and only this export needs it.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(title)
    for number, line in enumerate(heading, start=1):
        sheet.cell(row=number, column=1, value=line).font = Font(bold=number == 1, size=13 if number == 1 else 11)
    top = len(heading) + 2 if heading else 1  # a blank row between what it covers and the table
    for column, (_, label, _) in enumerate(ACTION_COLUMNS, start=1):
        sheet.cell(row=top, column=column, value=label)
    for cell in sheet[top]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF4")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(rows, start=top + 1):
        overdue = (row.get("days_overdue") or 0) > 0
        for c, (key, _, _) in enumerate(ACTION_COLUMNS, start=1):
            value = row.get(key)
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, date):
                cell.value = value
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(value, int) or value is None:
                cell.value = value
            else:
                cell.value = str(value)
                # Free text such as "=SUM(...)" or "-1 chased" stays text, never a formula.
                cell.data_type = "s"
            cell.alignment = Alignment(vertical="top", wrap_text=key not in DATE_COLUMNS)
            if overdue:
                cell.fill = PatternFill("solid", fgColor=OVERDUE_SHADE)
    for c, (_, _, width) in enumerate(ACTION_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = f"A{top + 1}"
    sheet.auto_filter.ref = f"A{top}:{get_column_letter(len(ACTION_COLUMNS))}{max(sheet.max_row, top)}"
    sheet.print_title_rows = f"{top}:{top}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(title: str) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\").strip() or "Action plan"
    return cleaned[:31]


def deadline_uid(key: str) -> str:
    return f"{uuid.uuid5(_UID_NAMESPACE, key)}@peerinspect"


def deadlines_ics(
    events: Iterable[CalendarEvent], *, calendar_name: str, stamp: datetime, alarm_days: int = 0
) -> bytes:
    """Deadlines as an iCalendar file: one all-day event each, with a UID that stays the same for the same deadline,
    a SEQUENCE that grows when it changes, and, when `alarm_days` is set, a reminder that many days before."""
    from icalendar import Alarm, Calendar, Event  # only this export needs it

    calendar = Calendar()
    calendar.add("prodid", "-//peerinspect//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", calendar_name)
    calendar.add("x-wr-calname", calendar_name)
    for item in events:
        event = Event()
        event.add("uid", deadline_uid(item.key))
        event.add("dtstamp", _utc(stamp))
        event.add("sequence", item.sequence)
        if item.last_modified is not None:
            event.add("last-modified", _utc(item.last_modified))
        event.add("dtstart", item.due)
        event.add("dtend", shifted(item.due, 1))
        event.add("summary", item.summary)
        event.add("description", item.description)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["peer inspection"])
        if alarm_days and not item.cancelled:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", item.summary)
            alarm.add("trigger", timedelta(days=-alarm_days))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def _utc(moment: datetime) -> datetime:
    # Times are kept as the local wall clock without a zone; a calendar needs them in UTC.
    return moment.astimezone(timezone.utc)

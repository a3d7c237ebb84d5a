"""Exports for people outside the terminal: the action plan as CSV or a spreadsheet, deadlines as a calendar."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timezone
from typing import Protocol

from ..domain.authority import Person
from ..domain.dossier import Dossier
from ..domain.limits import shifted

# Row key, column heading, spreadsheet column width (characters).
ACTION_COLUMNS: tuple[tuple[str, str, int], ...] = (
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
    """The action plan as CSV with a heading row; dates as YYYY-MM-DD, empty where there is none."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([heading for _, heading, _ in ACTION_COLUMNS])
    for row in rows:
        writer.writerow([_text(row.get(key)) for key, _, _ in ACTION_COLUMNS])
    return out.getvalue()


def actions_xlsx(rows: Iterable[Mapping], *, title: str = "Action plan") -> bytes:
    """The action plan as a spreadsheet: bold frozen heading row, real dates, columns wide enough to read."""
    # Imported here, not at the top: openpyxl is slow to import, and only this export needs it.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(title)
    sheet.append([heading for _, heading, _ in ACTION_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8EEF4")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for r, row in enumerate(rows, start=2):
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
    for c, (_, _, width) in enumerate(ACTION_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
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


class CalendarDeadline(Protocol):
    """What the calendar needs of a deadline; `state`, `met_on` and `inspection_title` are read when present."""

    key: str
    title: str
    due: date
    inspection_id: str
    rule_id: str


def deadline_uid(key: str) -> str:
    return f"{uuid.uuid5(_UID_NAMESPACE, key)}@peerinspect"


def deadlines_ics(deadlines: Iterable[CalendarDeadline], *, calendar_name: str, stamp: datetime) -> bytes:
    """Deadlines as an iCalendar file: one all-day event each, with a UID that stays the same for the same deadline."""
    from icalendar import Calendar, Event  # only this export needs it

    calendar = Calendar()
    calendar.add("prodid", "-//peerinspect//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", calendar_name)
    calendar.add("x-wr-calname", calendar_name)
    stamp_utc = stamp.astimezone(timezone.utc) if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
    for deadline in deadlines:
        event = Event()
        event.add("uid", deadline_uid(deadline.key))
        event.add("dtstamp", stamp_utc)
        event.add("dtstart", deadline.due)
        event.add("dtend", shifted(deadline.due, 1))
        event.add("summary", deadline.title)
        event.add("description", _description(deadline))
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["peer inspection"])
        calendar.add_component(event)
    return calendar.to_ical()


def _description(deadline: CalendarDeadline) -> str:
    lines = [
        f"Inspection: {getattr(deadline, 'inspection_title', '') or deadline.inspection_id}",
        f"Deadline rule: {deadline.rule_id}",
    ]
    state = getattr(deadline, "state", None)
    if state:
        lines.append(f"State: {state}")
    met_on = getattr(deadline, "met_on", None)
    if met_on:
        lines.append(f"Met on: {met_on.isoformat()}")
    return "\n".join(lines)

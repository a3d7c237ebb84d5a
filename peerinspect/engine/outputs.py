"""Outputs a person takes away from an inspection as files: the report, the action plan, their deadlines' calendar.

Which of them a person is offered is the rulebook's answer, asked here once for the screens; each output is
made by the same use case the command line calls, and written owner-only, never over a file unasked.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Callable

from attrs import frozen

from ..domain.errors import InvalidInput, Problem
from ..owner_only import write_file
from . import actionplan, calendar_feed, reporting
from .core import Engine


@frozen
class Output:
    id: str
    label: str
    suffix: str
    mime_type: str


REPORT_PUBLIC = Output("report", "Report (HTML)", ".html", "text/html")
REPORT_INTERNAL = Output("report-internal", "Internal report, with case references (HTML)", ".html", "text/html")
ACTIONS_CSV = Output("actions-csv", "Action plan (CSV)", ".csv", "text/csv")
ACTIONS_XLSX = Output("actions-xlsx", "Action plan (Excel spreadsheet)", ".xlsx",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
CALENDAR = Output("calendar", "My deadlines (calendar .ics)", ".ics", "text/calendar")
OUTPUTS = {output.id: output for output in (REPORT_PUBLIC, REPORT_INTERNAL, ACTIONS_CSV, ACTIONS_XLSX, CALENDAR)}


def offered(engine: Engine, *, as_person: str, inspection: str) -> list[Output]:
    """The outputs this person may take from this inspection now, in the order a save dialog lists them."""
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    found, district = summary.inspection, engine.district(summary.inspection.district_id)
    issued = found.report_issued_on is not None

    def allowed(*acts) -> bool:
        return all(engine.decide(person, act, found, district) is None for act in acts)

    chosen = []
    if allowed(*reporting.report_acts(issued, internal=False)):
        chosen.append(REPORT_PUBLIC)
    if allowed(*reporting.report_acts(issued, internal=True)):
        chosen.append(REPORT_INTERNAL)
    if allowed(*actionplan.ACTION_PLAN_ACTS):
        chosen += [ACTIONS_CSV, ACTIONS_XLSX]
    return chosen + [CALENDAR]  # anyone's own deadlines: the command line asks nothing more either


def file_name(engine: Engine, *, inspection: str, output: Output) -> str:
    """A name that says what the file is, for which district, as at which day."""
    found = engine.summary(inspection).inspection
    district = engine.district(found.district_id).name
    what = {"calendar": "deadlines"}.get(output.id, output.id)
    place = "" if output is CALENDAR else f"{district}-"
    slug = re.sub(r"[^a-z0-9]+", "-", f"{place}{what}-{engine.today().isoformat()}".lower()).strip("-")
    return slug + output.suffix


def render(engine: Engine, *, as_person: str, inspection: str, output_id: str, version: int | None = None) -> bytes:
    """The output's bytes, made by the use case the command line calls; refused as it would be there."""
    from ..reports.html import render_html  # only this output needs the report's HTML

    makers: dict[str, Callable[[], bytes | str]] = {
        REPORT_PUBLIC.id: lambda: render_html(reporting.report_content(
            engine, as_person=as_person, inspection=inspection, version=version)),
        REPORT_INTERNAL.id: lambda: render_html(reporting.report_content(
            engine, as_person=as_person, inspection=inspection, internal=True)),
        ACTIONS_CSV.id: lambda: actionplan.action_plan_csv(engine, as_person=as_person, inspection=inspection),
        ACTIONS_XLSX.id: lambda: actionplan.action_plan_xlsx(engine, as_person=as_person, inspection=inspection),
        CALENDAR.id: lambda: calendar_feed.deadlines_calendar(engine, person=as_person),
    }
    if output_id not in makers:
        raise InvalidInput(Problem("output", f"there is no output called {json.dumps(output_id)}"))
    made = makers[output_id]()
    return made.encode("utf-8") if isinstance(made, str) else made


def folder_problem(engine: Engine, folder: str) -> Problem | None:
    """Why a file may not be written into this folder, naming it; None when it may."""
    path = Path(folder).expanduser()
    if not str(folder).strip():
        return Problem("folder", "choose a folder to save into")
    if not path.is_absolute():
        return Problem("folder", f"{folder} is not a full path: start it with / or ~")
    if not path.exists():
        return Problem("folder", f"{path} does not exist")
    if not path.is_dir():
        return Problem("folder", f"{path} is a file, not a folder")
    if not os.access(path, os.W_OK | os.X_OK):
        return Problem("folder", f"{path} is not a folder you may write in")
    root = engine.workspace.root.resolve()
    if path.resolve() == root or path.resolve().is_relative_to(root):
        return Problem("folder", f"{path} is inside the workspace folder; save somewhere else, so no workspace file is overwritten")
    return None


def save(engine: Engine, *, as_person: str, inspection: str, output_id: str, folder: str, replace: bool = False,
         version: int | None = None) -> Path:
    """Write the output into `folder`, for its owner alone; an existing file is replaced only when `replace` says so."""
    problem = folder_problem(engine, folder)
    if problem is not None:
        raise InvalidInput(problem)
    target = Path(folder).expanduser() / file_name(engine, inspection=inspection, output=OUTPUTS[output_id])
    payload = render(engine, as_person=as_person, inspection=inspection, output_id=output_id, version=version)
    try:
        write_file(target, payload, exclusive=not replace)
    except FileExistsError:
        raise InvalidInput(Problem("file", f"{target} already exists; choose to replace it, or another folder")) from None
    except OSError as error:
        raise InvalidInput(Problem("folder", f"{target} could not be written: {error.strerror or error}")) from None
    return target

"""The written report and the exports: bundle, action plan spreadsheet, deadlines calendar."""

from __future__ import annotations

import json

from ..domain.errors import InvalidInput, Problem
from ..engine import actionplan, bundle, calendar_feed, reporting
from ..reports.exports import actions_csv, actions_heading, actions_xlsx, deadlines_ics
from ..reports.html import render_html
from ..reports.markdown import render_markdown
from .context import engine, write_output
from .output_paths import output_mode


def report(args) -> int:
    content = reporting.report_content(
        engine(args), as_person=args.as_person, inspection=args.inspection, internal=args.internal, version=args.version
    )
    rendered = {
        "md": render_markdown,
        "html": render_html,
        "json": lambda c: json.dumps(c, indent=2, ensure_ascii=False) + "\n",
    }[args.format](content)
    write_output(rendered, args.output, output_mode(args))
    return 0


def export_bundle(args) -> int:
    opened = engine(args)
    write_output(bundle.export_text(bundle.export_bundle(
        opened, as_person=args.as_person, inspection=args.inspection, include_case_refs=args.include_case_refs
    )), args.output)
    return 0


def export_actions(args) -> int:
    opened = engine(args)
    rows = actionplan.action_plan_rows(opened, as_person=args.as_person, inspection=args.inspection)
    if args.format == "xlsx" and args.output is None:
        raise InvalidInput(Problem("output", "a spreadsheet needs a file: add --output FILE.xlsx"))
    if args.format == "xlsx":
        inspection = opened.summary(args.inspection).inspection
        district = next((d.name for d in opened.districts() if d.id == inspection.district_id), "district not on record")
        write_output(actions_xlsx(rows, heading=actions_heading(district, inspection, opened.today())), args.output, output_mode(args))
    else:
        write_output(actions_csv(rows), args.output, output_mode(args))
    return 0


def export_calendar(args) -> int:
    opened = engine(args)
    events = calendar_feed.deadline_events(opened, person=args.person)
    payload = deadlines_ics(events, calendar_name="Peer inspection deadlines", stamp=opened.now(),
                            alarm_days=opened.settings().calendar_alarm_days)
    write_output(payload, args.output, output_mode(args))
    return 0

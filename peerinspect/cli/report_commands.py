"""The written report and the exports: bundle, action plan spreadsheet, deadlines calendar."""

from __future__ import annotations

import json

from ..domain.errors import InvalidInput, Problem
from ..engine import actionplan, bundle, calendar_feed, reporting
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
    if args.format == "xlsx" and args.output is None:
        raise InvalidInput(Problem("output", "a spreadsheet needs a file: add --output FILE.xlsx"))
    export = actionplan.action_plan_xlsx if args.format == "xlsx" else actionplan.action_plan_csv
    write_output(export(opened, as_person=args.as_person, inspection=args.inspection), args.output, output_mode(args))
    return 0


def export_calendar(args) -> int:
    write_output(calendar_feed.deadlines_calendar(engine(args), person=args.person), args.output, output_mode(args))
    return 0

"""A command loads what it uses and nothing more: --help answers without the engine, deadlines without Textual,
the export libraries or the holidays package."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from peerinspect.cli.parser import build_parser
from peerinspect.sample import build_demo

# Run in a fresh interpreter: print the command's output to a file, then which modules the command loaded.
PROBE = """
import contextlib, json, sys
from peerinspect.cli import main
with open(sys.argv[1], "w") as out, contextlib.redirect_stdout(out):
    try:
        code = main(sys.argv[2:])
    except SystemExit as exit:
        code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

NEVER_FOR_A_COMMAND = ("textual", "rich", "openpyxl", "icalendar", "markdown_it", "platformdirs")


def loaded_by(tmp_path: Path, *args: str) -> tuple[set[str], str]:
    output = tmp_path / "output.txt"
    finished = subprocess.run([sys.executable, "-c", PROBE, str(output), *args], capture_output=True, text=True,
                              timeout=120, check=True)
    result = json.loads(finished.stdout)
    assert result["code"] in (0, None), finished.stderr
    return set(result["modules"]), output.read_text()


def under(modules: set[str], *packages: str) -> set[str]:
    return {m for m in modules if m.split(".")[0] in packages or m.startswith(tuple(f"{p}." for p in packages))}


def test_help_answers_without_loading_the_engine_the_store_or_any_library(tmp_path):
    modules, shown = loaded_by(tmp_path, "--help")
    assert "deadlines" in shown
    assert under(modules, "peerinspect") <= {"peerinspect", "peerinspect.__main__", "peerinspect.cli", "peerinspect.cli.parser"}
    assert not under(modules, "attr", "attrs", "cattrs", "tinydb", "filelock", "holidays", "orjson", *NEVER_FOR_A_COMMAND)


@pytest.fixture(scope="module")
def demo_workspace(tmp_path_factory) -> Path:
    # The demo holds a safeguarding concern, whose plan is due in working days: the bank holidays are needed.
    root = tmp_path_factory.mktemp("startup") / "workspace"
    build_demo(root)
    return root


def test_deadlines_load_no_interface_no_export_and_not_the_holidays_package(tmp_path, demo_workspace):
    modules, shown = loaded_by(tmp_path, "--workspace", str(demo_workspace), "deadlines", "--json", "--all",
                               "--today", "2026-11-26")
    rules = {d["rule"] for d in json.loads(shown)}
    assert "immediate_plan" in rules  # counted in working days: the bank holidays were needed, from the kept table
    assert not under(modules, "holidays", *NEVER_FOR_A_COMMAND)
    assert not under(modules, "peerinspect.tui", "peerinspect.reports", "peerinspect.sample")
    assert "peerinspect.engine.actionplan" not in modules


def test_a_year_beyond_the_kept_table_loads_only_the_united_kingdom_of_the_holidays_package():
    probe = (
        "import sys; from datetime import date; from peerinspect.domain.calendar import default_calendar; "
        "assert not default_calendar().is_working_day(date(2070, 12, 25)); "
        "print(sorted(m for m in sys.modules if m.startswith('holidays.countries')))"
    )
    finished = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert finished.stdout.strip() == "['holidays.countries.united_kingdom']"


def _commands(parser) -> list:
    """Every subcommand's parser, however deeply grouped."""
    found = []
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        for sub in action.choices.values():
            found.append(sub)
            found.extend(_commands(sub))
    return found


def test_every_command_the_parser_names_is_a_function_of_its_module():
    """Command modules are imported when their command runs: a misspelt name would only show then."""
    import importlib

    parser = build_parser()
    leaves = [parser, *(sub for sub in _commands(parser) if sub._subparsers is None)]
    for command in leaves:
        module, function = command.get_default("run").command_function
        assert callable(getattr(importlib.import_module(f"peerinspect.cli.{module}"), function)), command.prog


def test_the_terminal_ui_starts_without_what_its_first_screen_does_not_show():
    """The person picker or sign-in screen shows first: the dashboard, forms and the holidays package load later."""
    probe = "import sys, peerinspect.tui.app; print(' '.join(sorted(sys.modules)))"
    finished = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    modules = set(finished.stdout.split())
    assert "textual.app" in modules  # the probe did load the app
    assert not {"peerinspect.tui.screens.dashboard", "peerinspect.tui.screens.form_screen",
                "peerinspect.tui.widgets.field", "peerinspect.sample"} & modules
    assert not under(modules, "holidays", "openpyxl", "icalendar")

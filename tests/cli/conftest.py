import json
import shutil
from datetime import date, datetime, time
from pathlib import Path

import pytest

from peerinspect.cli import context, main
from peerinspect.engine.core import Engine

# The scripts below run in late 2026 and record what happens as it happens: each `--date`
# moves the clock to that day, so no step is recorded before the day it is taken.
STARTS_ON = date(2026, 11, 26)


class Cli:
    """Runs peerinspect in-process on one workspace, as a script would."""

    def __init__(self, root: Path, capsys, monkeypatch=None):
        self.root = root
        self.capsys = capsys
        self.today = STARTS_ON
        if monkeypatch is not None:
            clock = lambda: datetime.combine(self.today, time(9, 30))  # noqa: E731
            monkeypatch.setattr(context, "Engine", _EngineOn(clock))

    def __call__(self, *args: str, expect: int = 0) -> str:
        if "--date" in args:
            given = args[args.index("--date") + 1]
            try:
                self.today = max(self.today, date.fromisoformat(given))
            except ValueError:
                pass  # a bad date is the test's subject: the command itself refuses it
        self.capsys.readouterr()
        code = main(["--workspace", str(self.root), *args])
        out, err = self.capsys.readouterr()
        assert code == expect, f"peerinspect {' '.join(args)} exited {code}: {err}"
        self.err = err
        return out

    def json(self, *args: str):
        return json.loads(self(*args, "--json"))

    def snapshot(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.root)): p.read_bytes() for p in sorted(self.root.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


class _EngineOn:
    """Engine, opened on the test's clock."""

    def __init__(self, clock):
        self.clock = clock

    def open(self, root: Path, **kwargs) -> Engine:
        return Engine.open(root, clock=self.clock, **kwargs)


PEOPLE = [
    ("Sam Help", "senior manager", ()), ("Sue Care", "senior manager", ()), ("Sol Lead", "senior manager", ()),
    ("Ivy Inspector", "inspector", ()), ("Casey Ambassador", "care ambassador", ()),
    ("Dana District", "district manager", ("--district", "Basingstoke")),
    ("Avery Area", "area manager", ("--area", "North")),
]


class _Uncaptured:
    """Output of the commands that build the shared workspace: not what any test looks at."""

    def readouterr(self):
        return "", ""


@pytest.fixture(scope="session")
def built_authority(tmp_path_factory) -> Path:
    """The authority every CLI test starts from, built once by the commands a person would type."""
    root = tmp_path_factory.mktemp("authority") / "ws"
    with pytest.MonkeyPatch.context() as monkeypatch:
        run = Cli(root, _Uncaptured(), monkeypatch)
        run("init", "--authority", "Test County")
        run("district", "add", "Basingstoke", "--area", "North", "--team", "Assessment")
        run("district", "add", "Andover", "--area", "North")
        run("person", "add", "Alex Director", "--role", "area director")
        for name, role, extra in PEOPLE:
            run("person", "add", name, "--role", role, *extra, "--as", "Alex Director")
    return root


@pytest.fixture
def cli(built_authority, tmp_path, capsys, monkeypatch) -> Cli:
    """The built authority, copied for this test alone."""
    root = tmp_path / "ws"
    shutil.copytree(built_authority, root, ignore=shutil.ignore_patterns("*.lock"))
    return Cli(root, capsys, monkeypatch)


# Who leads each theme of the full framework, in the people the `cli` fixture adds.
THEME_LEADS = {"help-and-protection": "Sam Help", "looked-after-and-permanence": "Sue Care",
               "leadership-management-governance": "Sol Lead"}


def conclude_fieldwork(cli: Cli, inspection: str) -> None:
    """Feedback on the last day, every theme judged, signed off and given its recommendation, the report drafted."""
    lead = ("--as", "Alex Director")
    cli("advance", inspection, "give_feedback", "--date", "2026-12-17", *lead)
    for theme, person in THEME_LEADS.items():
        cli("judgement", "propose", inspection, "--theme", theme, "--grade", "good", "--reasons", "Evidence shows it", "--as", person)
        cli("judgement", "sign-off", inspection, "--theme", theme, *lead)
        cli("recommendation", "add", inspection, "--theme", theme, "--text", f"Strengthen {theme}", *lead)
    cli("advance", inspection, "draft_report", "--date", "2026-12-21", *lead)


@pytest.fixture
def inspection(cli) -> str:
    """An inspection of Basingstoke in its fieldwork, so evidence can be recorded on it; its id."""
    lead = ("--as", "Alex Director")
    planned = cli.json("inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17",
                       "--lead", "Alex Director", "--member", "Ivy Inspector=inspector", *lead)
    cli("advance", planned["id"], "notify", "--date", "2026-12-10", *lead)
    cli("advance", planned["id"], "start_fieldwork", "--date", "2026-12-14", *lead)
    return planned["id"]

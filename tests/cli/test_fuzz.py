"""The CLI keeps its exit-code contract on any input: 0 or 2, never a fault, and nothing changed after a 2.

Random and mutated arguments go to every verb of a copy of the demo workspace; mutated sample
bundles go to `import`. Raise the number of examples with PEERINSPECT_FUZZ_EXAMPLES for a longer run.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from peerinspect.cli import main
from peerinspect.sample import BUNDLE_FILES, build_demo, sample_dir

EXAMPLES = int(os.environ.get("PEERINSPECT_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="PEERINSPECT_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


# --- running the CLI ----------------------------------------------------------------------------

class Outcome:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


def run(root: Path, argv: list[str]) -> Outcome:
    stdout, stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = main(["--workspace", str(root), *argv])
        except SystemExit as exit_:  # argparse refusing the arguments
            code = exit_.code if isinstance(exit_.code, int) else 2
    stdout.flush()
    return Outcome(code, stdout.buffer.getvalue().decode("utf-8", "replace"), stderr.getvalue())


def fingerprint(root: Path) -> dict[str, str]:
    """A hash of every file under the workspace (lock files are the lock's, not the data's)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def holds_its_contract(root: Path, argv: list[str]) -> None:
    before = fingerprint(root)
    outcome = run(root, argv)
    shown = f"peerinspect {argv!r} exited {outcome.code}: {outcome.err[-2000:]}"
    assert outcome.code in (0, 2), shown
    assert "Traceback" not in outcome.out + outcome.err, shown
    if outcome.code == 2:
        assert fingerprint(root) == before, f"{shown} -- and changed the workspace"


# --- a workspace to work on -----------------------------------------------------------------------

class Demo:
    """The demo workspace, built once, and the names and ids a person would type at it."""

    def __init__(self, root: Path):
        engine = build_demo(root)
        self.root = root
        self.people = [p.name for p in engine.workspace.people()]
        self.inspections = [s.id for s in engine.workspace.summaries()]
        records = []
        for inspection_id in self.inspections:
            dossier = engine.workspace.dossier(inspection_id)
            records += [r.id for r in (*dossier.evidence, *dossier.findings, *dossier.recommendations,
                                       *dossier.concerns, *dossier.actions)]
        self.records = records
        self.districts = [d.name for d in engine.workspace.districts()]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Demo:
    return Demo(tmp_path_factory.mktemp("fuzz") / "demo")


@pytest.fixture
def fresh_copy(demo, tmp_path):
    """A fresh copy of the demo workspace for each example."""
    counter = iter(range(10**9))

    def copy_() -> Path:
        target = tmp_path / f"ws-{next(counter)}"
        shutil.copytree(demo.root, target)
        return target

    return copy_


# --- arguments --------------------------------------------------------------------------------------

ODD_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "-", "--", "\x1b[2J", "0", "-1", "None", "null", "../..", "a=b", "=", ",", "💥"]),
    st.builds(lambda n: "x" * n, st.sampled_from([201, 501, 20_001])),
)
DATES = st.one_of(
    st.dates().map(str),
    st.sampled_from(["9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01", "2026-02-30", "2026-13-01", "today"]),
    st.dates(min_value=__import__("datetime").date(2024, 1, 1),
             max_value=__import__("datetime").date(2028, 12, 31)).map(str),
    ODD_TEXT,
)
NUMBERS = st.one_of(st.integers(-10**20, 10**20).map(str), st.sampled_from(["0", "-1", "1e9", "3.5", "nan"]))
FIELDS = [
    "case_reference", "team", "allocated_worker", "age_band", "legal_status", "risk_factors", "disability_or_sen",
    "strengths", "areas_for_development", "safeguarding_concern", "difference_made", "recorded_on", "theme_id",
    "setting", "practitioner", "grade", "notes", "with_group", "format", "mode", "name", "value", "comparator",
    "period", "commentary", "id", "revision", "inspection_id", "author_id", "grades", "family_answers",
]


def options(demo: Demo):
    person = st.one_of(st.sampled_from(demo.people), ODD_TEXT)
    inspection = st.one_of(st.sampled_from(demo.inspections), st.sampled_from(demo.inspections).map(lambda i: i[:8]), ODD_TEXT)
    record = st.one_of(st.sampled_from(demo.records), st.sampled_from(demo.records).map(lambda i: i[:6]), ODD_TEXT)
    district = st.one_of(st.sampled_from(demo.districts), ODD_TEXT)
    value = st.one_of(ODD_TEXT, DATES, NUMBERS, st.sampled_from(["good", "home_visit", "worker", "under_1", "looked_after"]))
    field = st.one_of(st.sampled_from(FIELDS), ODD_TEXT)
    setting = st.builds(lambda f, v: f"{f}={v}", field, value)
    return {
        "PERSON": person, "INSPECTION": inspection, "RECORD": record, "DISTRICT": district, "DATE": DATES,
        "TEXT": ODD_TEXT, "NUMBER": NUMBERS, "SET": setting,
        "KIND": st.sampled_from(["file_review", "observation", "conversation", "indicator"]),
        "EVENT": st.sampled_from(["notify", "start_fieldwork", "give_feedback", "draft_report", "issue_report",
                                  "submit_action_plan", "approve_action_plan", "start_monitoring", "close"]),
        "ROLE": st.one_of(st.sampled_from(["area director", "senior manager", "inspector", "care ambassador",
                                           "district manager", "area manager"]), ODD_TEXT),
        "THEME": st.one_of(st.sampled_from(["help-and-protection", "looked-after-and-permanence",
                                            "leadership-management-governance"]), ODD_TEXT),
    }


# Each verb with the options it takes; an option's value is drawn from the placeholder's strategy.
VERBS: list[tuple[list[str], list[tuple[str, str]]]] = [
    (["deadlines"], [("--today", "DATE"), ("--district", "DISTRICT"), ("--person", "PERSON"), ("--all", ""), ("--json", "")]),
    (["cycle"], [("--today", "DATE"), ("--json", "")]),
    (["reminders"], [("--today", "DATE"), ("--as", "PERSON"), ("--json", "")]),
    (["export", "calendar"], [("--person", "PERSON"), ("--shareable", "")]),
    (["settings"], [("--authority", "TEXT"), ("--cycle-start", "DATE"), ("--due-soon-days", "NUMBER"), ("--as", "PERSON")]),
    (["person", "add", "TEXT"], [("--role", "ROLE"), ("--district", "DISTRICT"), ("--area", "TEXT"), ("--as", "PERSON")]),
    (["person", "list"], [("--json", "")]),
    (["district", "add", "TEXT"], [("--area", "TEXT"), ("--team", "TEXT"), ("--as", "PERSON")]),
    (["inspection", "plan"], [("--district", "DISTRICT"), ("--start", "DATE"), ("--end", "DATE"), ("--lead", "PERSON"),
                              ("--theme-lead", "SET"), ("--member", "SET"), ("--notice", "DATE"), ("--title", "TEXT"),
                              ("--from-finding", "TEXT"), ("--as", "PERSON")]),
    (["inspection", "show", "INSPECTION"], [("--as", "PERSON"), ("--json", "")]),
    (["inspection", "list"], [("--json", "")]),
    (["evidence", "add", "INSPECTION", "KIND"], [("--set", "SET"), ("--set", "SET"), ("--set", "SET"), ("--grade", "SET"),
                                                  ("--answer", "SET"), ("--file", "FILE"), ("--accept-warnings", ""),
                                                  ("--as", "PERSON")]),
    (["finding", "add", "INSPECTION"], [("--theme", "THEME"), ("--kind", "TEXT"), ("--text", "TEXT"),
                                        ("--evidence", "RECORD"), ("--propose-themed", "TEXT"), ("--as", "PERSON")]),
    (["judgement", "propose", "INSPECTION"], [("--theme", "THEME"), ("--grade", "TEXT"), ("--reasons", "TEXT"), ("--as", "PERSON")]),
    (["judgement", "sign-off", "INSPECTION"], [("--theme", "THEME"), ("--as", "PERSON")]),
    (["recommendation", "add", "INSPECTION"], [("--theme", "THEME"), ("--text", "TEXT"), ("--as", "PERSON")]),
    (["concern", "raise", "INSPECTION"], [("--description", "TEXT"), ("--date", "DATE"), ("--as", "PERSON")]),
    (["concern", "plan", "INSPECTION", "RECORD"], [("--owner", "PERSON"), ("--action", "TEXT"), ("--date", "DATE"), ("--as", "PERSON")]),
    (["advance", "INSPECTION", "EVENT"], [("--date", "DATE"), ("--note", "TEXT"), ("--as", "PERSON")]),
    (["action", "add", "INSPECTION"], [("--recommendation", "RECORD"), ("--what", "TEXT"), ("--owner", "PERSON"),
                                       ("--due", "DATE"), ("--as", "PERSON")]),
    (["action", "update", "INSPECTION", "RECORD"], [("--what", "TEXT"), ("--owner", "PERSON"), ("--due", "DATE"),
                                                    ("--note", "TEXT"), ("--done", ""), ("--date", "DATE"), ("--as", "PERSON")]),
    (["action", "verify", "INSPECTION", "RECORD"], [("--send-back", "TEXT"), ("--date", "DATE"), ("--as", "PERSON")]),
    (["action", "list", "INSPECTION"], [("--as", "PERSON"), ("--json", "")]),
    (["report", "INSPECTION"], [("--format", "TEXT"), ("--internal", ""), ("--version", "NUMBER"), ("--shareable", ""),
                                ("--as", "PERSON")]),
    (["export", "bundle", "INSPECTION"], [("--include-case-refs", ""), ("--as", "PERSON")]),
    (["export", "actions", "INSPECTION"], [("--format", "TEXT"), ("--shareable", ""), ("--as", "PERSON")]),
    (["audit", "INSPECTION"], [("--verify", ""), ("--as", "PERSON"), ("--json", "")]),
]


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.text(max_size=10), DATES),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8,
)


@st.composite
def field_files(draw, folder: Path) -> str:
    """A JSON file of evidence fields, as `evidence add --file` reads: sometimes not JSON, not an object, not text."""
    path = folder / f"fields-{draw(st.integers(0, 10**6))}.json"
    fields = draw(st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), JSON_VALUES, max_size=6))
    shape = draw(st.sampled_from(["object", "object", "list", "broken", "binary"]))
    if shape == "binary":
        path.write_bytes(b"\xff\xfe" + json.dumps(fields).encode("utf-16-le"))
    else:
        text = {"object": json.dumps(fields), "list": json.dumps([fields]), "broken": json.dumps(fields)[:-1]}[shape]
        path.write_text(text, encoding="utf-8")
    return str(path)


@st.composite
def command_lines(draw, demo: Demo, folder: Path) -> list[str]:
    values = {**options(demo), "FILE": field_files(folder)}
    words, known = draw(st.sampled_from(VERBS))
    argv = [draw(values[w]) if w in values else w for w in words]
    for option, placeholder in draw(st.lists(st.sampled_from(known), max_size=len(known) + 1)):
        argv.append(option)
        if placeholder:
            argv.append(draw(values[placeholder]))
    if draw(st.integers(0, 9)) == 0:  # now and then, one word replaced by anything at all
        argv[draw(st.integers(0, len(argv) - 1))] = draw(ODD_TEXT)
    return argv


@given(data=st.data())
@FUZZ
def test_any_command_line_exits_0_or_2_and_a_2_changes_nothing(demo, fresh_copy, tmp_path, data):
    root = fresh_copy()
    for _ in range(data.draw(st.integers(1, 3), label="commands")):
        holds_its_contract(root, data.draw(command_lines(demo, tmp_path), label="argv"))


@given(data=st.data())
@FUZZ
def test_any_file_of_evidence_fields_exits_0_or_2(demo, fresh_copy, tmp_path, data):
    values = options(demo)
    argv = ["evidence", "add", data.draw(st.sampled_from(demo.inspections)), data.draw(values["KIND"]),
            "--file", data.draw(field_files(tmp_path)), "--as", data.draw(st.sampled_from(demo.people))]
    for option in data.draw(st.lists(st.sampled_from(["--grade", "--answer", "--set"]), max_size=2)):
        argv += [option, data.draw(values["SET"])]
    holds_its_contract(fresh_copy(), argv)


# --- bundles --------------------------------------------------------------------------------------

def sample_bundles() -> list[dict]:
    folder = sample_dir()
    return [json.loads((folder / name).read_text(encoding="utf-8")) for name in BUNDLE_FILES]


ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=False), st.text(max_size=20),
    st.sampled_from(["9999-12-31", "0001-01-01", "2026-02-30", "", "x" * 20_001, "\x1b[2J"]),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def paths_in(value, path=()) -> list[tuple]:
    """Every place in a JSON document: (path to the container, key or index)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append((path, key))
            found += paths_in(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((path, index))
            found += paths_in(item, (*path, index))
    return found


def container(document, path):
    for step in path:
        document = document[step]
    return document


@st.composite
def mutated_bundles(draw, bundles: list[dict]) -> dict:
    bundle = copy.deepcopy(draw(st.sampled_from(bundles)))
    for _ in range(draw(st.integers(1, 4))):
        places = paths_in(bundle)
        if not places:
            break
        path, key = draw(st.sampled_from(places))
        holder = container(bundle, path)
        how = draw(st.sampled_from(["drop", "rename", "retype", "nest", "copy"]))
        if how == "drop":
            del holder[key]
        elif how == "rename" and isinstance(holder, dict):
            holder[draw(st.text(max_size=12))] = holder.pop(key)
        elif how == "nest":
            holder[key] = {"value": holder[key]} if draw(st.booleans()) else [holder[key]]
        elif how == "copy" and isinstance(holder, list):
            holder.append(copy.deepcopy(holder[key]))
        else:
            holder[key] = draw(ANYTHING)
    return bundle


@pytest.fixture(scope="module")
def bundles() -> list[dict]:
    return sample_bundles()


@pytest.fixture
def empty_workspaces(tmp_path):
    counter = iter(range(10**9))

    def make() -> Path:
        root = tmp_path / f"empty-{next(counter)}"
        assert run(root, ["init"]).code == 0
        return root

    return make


@given(data=st.data())
@FUZZ
def test_any_mutated_bundle_imports_or_is_refused_without_a_trace(bundles, demo, fresh_copy, empty_workspaces, tmp_path, data):
    bundle = data.draw(mutated_bundles(bundles), label="bundle")
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    into_demo = data.draw(st.booleans(), label="into the demo workspace")
    root = fresh_copy() if into_demo else empty_workspaces()
    as_person = ["--as", data.draw(st.sampled_from(demo.people))] if into_demo else []
    holds_its_contract(root, ["import", str(path), "--yes", *as_person])


def test_the_unchanged_samples_import_into_an_empty_workspace(bundles, empty_workspaces, tmp_path):
    root = empty_workspaces()
    director = next(p["name"] for p in bundles[0]["people"] if p["role"] == "area_director")
    for number, bundle in enumerate(bundles):
        path = tmp_path / f"sample-{number}.json"
        path.write_text(json.dumps(bundle), encoding="utf-8")
        as_person = ["--as", director] if number else []
        outcome = run(root, ["import", str(path), "--yes", *as_person])
        assert outcome.code == 0, outcome.err

"""A workspace written before dates were bounded may hold 9999-12-31: it stays readable, and its deadlines work."""

import json

import pytest

from peerinspect.cli import main
from peerinspect.sample import build_demo


@pytest.fixture
def far_dated(tmp_path):
    """The demo workspace with one action's due date, and one concern's date, set to 9999-12-31 in the files."""
    root = tmp_path / "demo"
    engine = build_demo(root)
    summary = next(s for s in engine.workspace.summaries() if s.actions and s.concerns)
    action, concern = summary.actions[0], summary.concerns[0]
    for inspection_id in engine.workspace.inspection_ids():
        engine.workspace.fold(inspection_id)  # each file alone then holds its whole inspection, to edit by hand
    engine.workspace.fold_index()
    for path in [root / "workspace.json", *(root / "inspections").glob("*.json")]:
        stored = json.loads(path.read_text())
        # The audit trail keeps what was written then; only the records themselves are changed.
        far_dated_in({t: docs for t, docs in stored.items() if t != "audit"}, {action.id: "due", concern.id: "raised_on"})
        path.write_text(json.dumps(stored))
    director = next(p.name for p in engine.workspace.people() if p.id == summary.inspection.lead_id)
    return root, summary.id, director


def far_dated_in(document, fields: dict[str, str]) -> None:
    """Set the named date of each record, wherever the stored document holds it."""
    if isinstance(document, dict):
        record_id = document.get("id")
        if isinstance(record_id, str) and fields.get(record_id) in document:
            document[fields[document["id"]]] = "9999-12-31"
        for value in document.values():
            far_dated_in(value, fields)
    elif isinstance(document, list):
        for value in document:
            far_dated_in(value, fields)


@pytest.mark.parametrize("verb", [("deadlines", "--all"), ("export", "calendar"), ("cycle",), ("reminders", "--as", "LEAD"),
                                  ("report", "INSPECTION", "--as", "LEAD"), ("inspection", "show", "INSPECTION", "--as", "LEAD")])
def test_every_view_of_a_far_dated_workspace_still_answers(far_dated, capsys, verb):
    root, inspection, director = far_dated
    argv = [inspection if a == "INSPECTION" else director if a == "LEAD" else a for a in verb]
    assert "9999-12-31" in (root / "workspace.json").read_text()
    code = main(["--workspace", str(root), *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    if verb[0] == "deadlines":
        assert "9999-12-31" in out

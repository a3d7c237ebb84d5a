"""The district manager reads why an action plan was returned, and when it is due again, from the command line."""

from __future__ import annotations

import json

from peerinspect.cli import main

# The walked inspection, kept at each stage, and its clock put back after each test.
from tests.engine.conftest import _clock_at_the_start_of_the_walk, fingerprint, templates  # noqa: F401


def run(root, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--workspace", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def returned(templates, tmp_path, capsys):  # noqa: F811
    root = templates.copy("action_plan_submitted", tmp_path)
    cast = templates.cast
    code, _, err = run(root, capsys, "advance", cast.inspection, "return_action_plan", "--date", "2026-04-02",
                       "--note", "Action 3 has no measure of success", "--as", cast["area_manager"])
    assert code == 0, err
    return root, cast


def test_deadlines_say_the_plan_was_returned_why_and_when_it_is_due_again(templates, tmp_path, capsys):  # noqa: F811
    root, cast = returned(templates, tmp_path, capsys)

    code, out, _ = run(root, capsys, "deadlines", "--today", "2026-04-02", "--person", cast["district_manager"])

    assert code == 0
    assert "returned: resubmission due Mon 20 Apr 2026 (in 18 days)" in out
    assert "District action plan returned on 2026-04-02: Action 3 has no measure of success" in out
    code, out, _ = run(root, capsys, "deadlines", "--today", "2026-04-02", "--json")
    [plan] = [d for d in json.loads(out) if d["rule"] == "action_plan"]
    assert (plan["returned_on"], plan["return_reason"], plan["due"]) == (
        "2026-04-02", "Action 3 has no measure of success", "2026-04-20")


def test_inspection_show_gives_the_district_manager_the_return_reason(templates, tmp_path, capsys):  # noqa: F811
    root, cast = returned(templates, tmp_path, capsys)

    code, out, err = run(root, capsys, "inspection", "show", cast.inspection, "--as", cast["district_manager"])

    assert code == 0, err
    assert "action plan returned on 2026-04-02: Action 3 has no measure of success" in out


def test_concern_plan_again_is_refused_and_concern_amend_keeps_the_first_date(templates, tmp_path, capsys):  # noqa: F811
    root = templates.copy("feedback_given", tmp_path)
    cast = templates.cast
    concern = cast.concerns[0]
    before = fingerprint(root)

    code, _, err = run(root, capsys, "concern", "plan", cast.inspection, concern, "--owner", cast["area_manager"],
                       "--action", "Later plan", "--date", "2026-03-12", "--as", cast["lead"])

    assert code == 2 and "change it by an amendment with a reason" in err
    assert fingerprint(root) == before
    code, out, err = run(root, capsys, "concern", "amend", cast.inspection, concern, "--action", "Joint visit with police",
                         "--reason", "Police asked to attend", "--date", "2026-03-12", "--as", cast["lead"])
    assert code == 0, err
    code, out, _ = run(root, capsys, "inspection", "show", cast.inspection, "--as", cast["lead"])
    assert "immediate plan made 2026-03-10" in out
    assert "amended 2026-03-12 by Alex Director (Police asked to attend): Avery Area — Joint visit with police" in out

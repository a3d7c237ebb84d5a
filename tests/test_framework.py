"""Framework files: the shipped ones load, broken ones say exactly what is wrong and where."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from peerinspect.domain.errors import InvalidInput
from peerinspect.domain.vocabulary import DurationUnit, InspectionKind
from peerinspect.framework import (
    FrameworkInvalid,
    check_file,
    framework_dirs,
    load_catalogue,
    load_framework,
    messages,
    read_catalogue,
)

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "frameworks"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "frameworks"


@pytest.fixture
def in_fixtures(monkeypatch):
    """Run from the fixtures folder so messages name the file as a person would type it."""
    monkeypatch.chdir(FIXTURES)


def problems_in(name: str) -> list[str]:
    with pytest.raises(FrameworkInvalid) as caught:
        load_framework(Path(name))
    return messages(caught.value)


# --- the shipped frameworks ----------------------------------------------------------------


def test_full_peer_inspection_has_the_three_single_inspection_framework_themes():
    framework = load_framework(SHIPPED / "hampshire-peer-inspection.toml")

    assert framework.id == "hampshire-peer-inspection"
    assert framework.kind is InspectionKind.FULL
    assert [t.id for t in framework.themes] == [
        "help-and-protection",
        "looked-after-and-permanence",
        "leadership-management-governance",
    ]
    assert all(4 <= len(t.criteria) <= 7 for t in framework.themes)
    assert framework.theme("help-and-protection").criterion("hp-assessment") is not None
    assert framework.key_question == "So what difference has been made?"
    assert (framework.fieldwork_days_min, framework.fieldwork_days_max) == (3, 5)


def test_shipped_frameworks_share_the_four_point_scale_and_the_deadline_rules():
    for name in ("hampshire-peer-inspection.toml", "thematic-neglect.toml"):
        framework = load_framework(SHIPPED / name)

        assert [(g.key, g.label, g.rank) for g in framework.grades] == [
            ("outstanding", "Outstanding", 1),
            ("good", "Good", 2),
            ("requires-improvement", "Requires improvement", 3),
            ("inadequate", "Inadequate", 4),
        ]
        assert [(d.id, d.after, d.amount, d.unit, d.title) for d in framework.deadlines] == [
            ("report", "fieldwork_end", 14, DurationUnit.CALENDAR_DAYS, "Written report"),
            ("action_plan", "report_issued", 14, DurationUnit.CALENDAR_DAYS, "District action plan"),
            ("immediate_plan", "concern_raised", 1, DurationUnit.WORKING_DAYS, "Immediate safeguarding action plan"),
            ("action_plan_resubmission", "action_plan_returned", 10, DurationUnit.WORKING_DAYS,
             "Returned action plan resubmitted"),
        ]
        assert (framework.feedback_days_after_fieldwork, framework.evidence_days_after_fieldwork) == (0, 0)


def test_neglect_framework_is_a_short_themed_inspection():
    framework = load_framework(SHIPPED / "thematic-neglect.toml")

    assert framework.kind is InspectionKind.THEMED
    assert 2 <= len(framework.themes) <= 3
    assert (framework.fieldwork_days_min, framework.fieldwork_days_max) == (1, 3)


def test_criterion_text_reads_as_one_paragraph():
    framework = load_framework(SHIPPED / "hampshire-peer-inspection.toml")

    texts = [c.text for t in framework.themes for c in t.criteria]
    assert all(text and "\n" not in text and "  " not in text and text.endswith(".") for text in texts)


def test_the_notice_period_is_framework_data_with_a_default():
    shipped = load_framework(SHIPPED / "hampshire-peer-inspection.toml")
    assert shipped.notice_working_days_max == 10
    assert load_framework(FIXTURES / "minimal.toml").notice_working_days_max == 10


def test_check_file_on_a_valid_file_reports_nothing():
    assert check_file(SHIPPED / "hampshire-peer-inspection.toml") == []
    assert check_file(FIXTURES / "minimal.toml") == []


# --- one broken part at a time ---------------------------------------------------------------


@pytest.mark.usefixtures("in_fixtures")
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("syntax-error.toml", "syntax-error.toml:37: not valid TOML: Invalid value (column 10)"),
        (
            "unknown-key.toml",
            'unknown-key.toml:54: themes[1].titel: unknown key "titel" (did you mean "title"?); '
            "allowed keys: id, title, summary, criteria",
        ),
        (
            "duplicate-id.toml",
            'duplicate-id.toml:57: themes[1].criteria[0].id: duplicate criterion id "hp-1" '
            "(already used at themes[0].criteria[0].id)",
        ),
        (
            "bad-unit.toml",
            'bad-unit.toml:24: deadlines[0].unit: "weeks" is not a unit; use "calendar_days", "working_days"',
        ),
        (
            "missing-deadline.toml",
            'missing-deadline.toml: deadlines: missing the "immediate_plan" deadline: the immediate '
            'safeguarding action plan, due after a concern is raised (after = "concern_raised")',
        ),
        (
            "bad-notice.toml",
            'bad-notice.toml:8: framework.notice_working_days_max: must be a whole number, not text ("two weeks")',
        ),
        (
            "min-over-max.toml",
            "min-over-max.toml:6: framework.fieldwork_days_min: the shortest fieldwork (5 days) is longer "
            "than the longest (fieldwork_days_max = 3)",
        ),
    ],
)
def test_each_broken_file_names_the_file_line_and_field(name, expected):
    assert expected in problems_in(name)


@pytest.mark.usefixtures("in_fixtures")
def test_a_typo_is_reported_beside_the_missing_key_it_replaced():
    assert problems_in("unknown-key.toml") == [
        'unknown-key.toml:52: themes[1].title: missing required key "title"',
        'unknown-key.toml:54: themes[1].titel: unknown key "titel" (did you mean "title"?); '
        "allowed keys: id, title, summary, criteria",
    ]


@pytest.mark.usefixtures("in_fixtures")
def test_every_problem_in_a_file_is_reported_at_once_in_line_order():
    assert problems_in("many-problems.toml") == [
        'many-problems.toml:3: framework.id: "many problems" is not a usable id: use lower-case letters '
        'and digits joined by hyphens or underscores, such as "help-and-protection"',
        'many-problems.toml:5: framework.kind: "partial" is not a kind of inspection; use "full", "themed"',
        'many-problems.toml:8: framework.colour: unknown key "colour"; allowed keys: id, title, kind, '
        "version, key_question, focus, fieldwork_days_min, fieldwork_days_max, feedback_days_after_fieldwork, "
        "evidence_days_after_fieldwork, notice_working_days_max, field_copy_days_after_fieldwork",
        "many-problems.toml:18: grades[1].rank: duplicate rank 1 (already used at grades[0].rank)",
        'many-problems.toml:23: deadlines[0].after: "fieldwork_ends" is not an event a deadline can run '
        'from; use "fieldwork_end", "report_issued", "concern_raised", "action_plan_returned"',
        'many-problems.toml:24: deadlines[0].amount: must be a whole number, not text ("14")',
        "many-problems.toml:31: deadlines[1].amount: must be 1 or more, not 0",
        # The theme's header line: a multi-line summary holding "[[themes]]" does not shift the count.
        'many-problems.toml:34: themes[0].title: missing required key "title"',
        'many-problems.toml:48: themes[1].id: duplicate theme id "help" (already used at themes[0].id)',
        # Criteria written as inline tables are found on their own lines.
        'many-problems.toml:51: themes[1].criteria[0].id: duplicate criterion id "hp-1" '
        "(already used at themes[0].criteria[0].id)",
        'many-problems.toml:52: themes[1].criteria[1].text: missing required key "text"',
        "many-problems.toml:55: themes[2].criteria: missing: add at least one [[themes.criteria]] table",
        'many-problems.toml: deadlines: missing the "immediate_plan" deadline: the immediate safeguarding '
        'action plan, due after a concern is raised (after = "concern_raised")',
    ]


def test_the_error_is_invalid_input_and_its_text_carries_the_file(tmp_path):
    path = tmp_path / "one-grade.toml"
    text = (FIXTURES / "minimal.toml").read_text().replace('key = "poor"\nlabel = "Poor"\nrank = 2\n', "")
    path.write_text(text.replace("[[grades]]\n\n[[deadlines]]", "[[deadlines]]"))

    with pytest.raises(InvalidInput) as caught:
        load_framework(path)

    assert str(caught.value) == f"{path}: grades: the scale needs at least two grades"


def test_a_required_deadline_running_from_the_wrong_event_is_refused(tmp_path):
    path = tmp_path / "wrong-anchor.toml"
    text = (FIXTURES / "minimal.toml").read_text()
    path.write_text(text.replace('after = "report_issued"', 'after = "fieldwork_end"'))

    assert check_file(path) == [
        f'{path}:29: deadlines[1].after: the "action_plan" deadline runs from "report_issued", not "fieldwork_end"'
    ]


def test_wrong_types_and_missing_tables_are_named(tmp_path):
    path = tmp_path / "shapes.toml"
    path.write_text('framework = "full"\nthemes = ["help"]\ngrades = []\n')

    assert check_file(path) == [
        f'{path}:1: framework: must be a table, written [framework], not text ("full")',
        f"{path}:2: themes: must be a list of tables, each written [[themes]]",
        f"{path}:3: grades: the scale needs at least two grades",
        f"{path}: deadlines: missing: add at least one [[deadlines]] table",
    ]


def test_a_file_that_cannot_be_read_is_named(tmp_path):
    missing = tmp_path / "absent.toml"
    assert check_file(missing) == [f"{missing}: cannot be read: No such file or directory"]

    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('title = "Révision"\n'.encode("latin-1"))
    assert check_file(latin1) == [f"{latin1}: is not UTF-8 text; save it as UTF-8"]


# --- the catalogue -----------------------------------------------------------------------------


def test_the_catalogue_finds_both_shipped_frameworks():
    assert SHIPPED in framework_dirs()

    catalogue = load_catalogue()

    assert {"hampshire-peer-inspection", "thematic-neglect"} <= catalogue.keys()
    assert catalogue["thematic-neglect"].kind is InspectionKind.THEMED


def test_a_workspace_framework_overrides_the_shipped_one_with_the_same_id(tmp_path):
    workspace = tmp_path / "frameworks"
    workspace.mkdir()
    text = (SHIPPED / "thematic-neglect.toml").read_text()
    (workspace / "neglect.toml").write_text(text.replace("Themed inspection: neglect", "Neglect, our way"))

    catalogue = read_catalogue(extra=[workspace])

    assert catalogue.frameworks["thematic-neglect"].title == "Neglect, our way"
    assert catalogue.sources["thematic-neglect"] == workspace / "neglect.toml"
    assert catalogue.frameworks["hampshire-peer-inspection"].title == "Full peer inspection of a district"


def test_a_broken_workspace_file_is_reported_but_does_not_hide_the_others(tmp_path):
    workspace = tmp_path / "frameworks"
    workspace.mkdir()
    shutil.copy(FIXTURES / "bad-unit.toml", workspace)
    shutil.copy(FIXTURES / "minimal.toml", workspace)

    catalogue = read_catalogue(extra=[workspace])

    assert {"minimal", "hampshire-peer-inspection", "thematic-neglect"} <= catalogue.frameworks.keys()
    assert [str(p) for p in catalogue.problems] == [
        f'{workspace / "bad-unit.toml"}:24: deadlines[0].unit: "weeks" is not a unit; use "calendar_days", "working_days"'
    ]
    with pytest.raises(FrameworkInvalid, match="bad-unit.toml:24"):
        load_catalogue(extra=[workspace])


def test_two_files_in_one_folder_may_not_share_an_id(tmp_path):
    shutil.copy(FIXTURES / "minimal.toml", tmp_path / "a.toml")
    shutil.copy(FIXTURES / "minimal.toml", tmp_path / "b.toml")

    catalogue = read_catalogue(extra=[tmp_path])

    assert catalogue.sources["minimal"] == tmp_path / "a.toml"
    assert [str(p) for p in catalogue.problems] == [
        f'{tmp_path / "b.toml"}:3: framework.id: framework id "minimal" is also used by a.toml in the same '
        "folder; give each framework its own id"
    ]


def test_a_workspace_without_a_frameworks_folder_uses_the_shipped_ones(tmp_path):
    assert load_catalogue(extra=[tmp_path / "frameworks"]).keys() == load_catalogue().keys()


def test_an_installed_copy_finds_the_frameworks_under_the_prefix_share_folder(tmp_path, monkeypatch):
    installed = tmp_path / "share" / "peerinspect" / "frameworks"
    installed.mkdir(parents=True)
    shutil.copy(FIXTURES / "minimal.toml", installed)
    monkeypatch.setattr("sys.prefix", str(tmp_path))

    assert installed in framework_dirs()
    assert "minimal" in load_catalogue()


def test_a_deadline_of_centuries_is_refused_before_it_can_overflow_a_date(tmp_path):
    path = tmp_path / "centuries.toml"
    text = (FIXTURES / "minimal.toml").read_text()
    path.write_text(text.replace("amount = 14", "amount = 999999999", 1))

    [message] = check_file(path)
    assert message.endswith("deadlines[0].amount: must be at most 3660 days, not 999999999")


# --- practice as data: the impact chain's minimum, family questions and sample targets -------------


def test_practice_week_is_a_framework_with_its_sample_targets():
    framework = load_framework(SHIPPED / "practice-week.toml")

    assert framework.id == "practice-week"
    assert (framework.targets.case_audits, framework.targets.observations, framework.targets.families) == (80, 20, 25)
    assert (framework.fieldwork_days_min, framework.fieldwork_days_max) == (5, 5)
    assert framework.minimum_source_kinds == 2
    assert "practice-week" in load_catalogue()


def test_every_shipped_framework_asks_the_five_family_feedback_questions():
    for name in ("hampshire-peer-inspection.toml", "thematic-neglect.toml", "practice-week.toml"):
        framework = load_framework(SHIPPED / name)
        assert len(framework.family_questions) == 5, name
        assert framework.family_questions[0] == "Do you understand the reason we are involved?"
        assert framework.family_questions[4] == "Is there anything we could do to improve?"
        assert framework.recommendation_below == "good"


def test_a_framework_without_the_optional_tables_takes_the_defaults():
    framework = load_framework(FIXTURES / "minimal.toml")

    assert framework.minimum_source_kinds == 2
    assert framework.recommendation_below == "good"
    assert framework.family_questions == ()
    assert not framework.targets


@pytest.mark.usefixtures("in_fixtures")
def test_broken_impact_practice_and_target_tables_name_the_file_line_and_field():
    assert problems_in("bad-practice.toml") == [
        "bad-practice.toml:61: impact.minimum_source_kinds: must be 1 or more, not 0",
        'bad-practice.toml:62: impact.recommendation_below: "satisfactory" is not a grade of this framework; '
        'use "good", "poor"',
        "bad-practice.toml:65: practice.family_questions[1]: must not be empty",
        "bad-practice.toml:65: practice.family_questions[2]: must be text in quotes, not a number (42)",
        'bad-practice.toml:73: targets.observations: must be a whole number, not text ("twenty")',
        'bad-practice.toml:74: targets.familes: unknown key "familes" (did you mean "families"?); '
        "allowed keys: case_audits, observations, families",
    ]


def test_a_minimum_above_the_six_kinds_of_source_is_refused(tmp_path):
    text = (FIXTURES / "minimal.toml").read_text() + "\n[impact]\nminimum_source_kinds = 7\n"
    (tmp_path / "strict.toml").write_text(text)

    [message] = check_file(tmp_path / "strict.toml")

    assert message.endswith(
        "impact.minimum_source_kinds: there are only 6 kinds of source (file review, observation, worker or manager, "
        "child or family, partner agency, performance information), not 7"
    )
    assert f"strict.toml:{text.splitlines().index('minimum_source_kinds = 7') + 1}:" in message


def test_a_framework_sets_the_feedback_and_evidence_margins_and_the_resubmission_rule(tmp_path):
    text = (FIXTURES / "minimal.toml").read_text()
    text = text.replace(
        "fieldwork_days_max = 5", "fieldwork_days_max = 5\nfeedback_days_after_fieldwork = 2\nevidence_days_after_fieldwork = 3"
    )
    text += '\n[[deadlines]]\nid = "action_plan_resubmission"\ntitle = "Resubmitted"\nafter = "action_plan_returned"\namount = 5\nunit = "calendar_days"\n'
    path = tmp_path / "margins.toml"
    path.write_text(text)

    framework = load_framework(path)

    assert (framework.feedback_days_after_fieldwork, framework.evidence_days_after_fieldwork) == (2, 3)
    assert (framework.resubmission.amount, framework.resubmission.unit) == (5, DurationUnit.CALENDAR_DAYS)


def test_without_a_resubmission_rule_a_returned_plan_has_ten_working_days():
    framework = load_framework(FIXTURES / "minimal.toml")

    assert (framework.resubmission.amount, framework.resubmission.unit) == (10, DurationUnit.WORKING_DAYS)
    assert framework.feedback_days_after_fieldwork == 0


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("feedback_days_after_fieldwork = -1", "margins.toml:8: framework.feedback_days_after_fieldwork: must be 0 or more, not -1"),
        ('evidence_days_after_fieldwork = "two"', 'margins.toml:8: framework.evidence_days_after_fieldwork: must be a whole number of days, not text ("two")'),
    ],
)
def test_a_bad_margin_is_named_with_its_file_and_line(tmp_path, line, message):
    text = (FIXTURES / "minimal.toml").read_text().replace("fieldwork_days_max = 5", f"fieldwork_days_max = 5\n{line}")
    path = tmp_path / "margins.toml"
    path.write_text(text)

    assert check_file(path) == [message.replace("margins.toml", str(path))]


def test_a_resubmission_rule_runs_from_the_return_of_the_plan(tmp_path):
    text = (FIXTURES / "minimal.toml").read_text()
    text += '\n[[deadlines]]\nid = "action_plan_resubmission"\ntitle = "Resubmitted"\nafter = "report_issued"\namount = 5\nunit = "calendar_days"\n'
    path = tmp_path / "wrong-anchor.toml"
    path.write_text(text)

    assert any('the "action_plan_resubmission" deadline runs from "action_plan_returned", not "report_issued"' in m
               for m in check_file(path))

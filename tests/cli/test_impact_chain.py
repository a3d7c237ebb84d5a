"""The impact chain and practice as data, driven by script: a thinly supported finding holds the report back
until the lead says why, the report shows every finding's sources, and practice week shows its targets."""

LEAD = ("--as", "Alex Director")
THEMES = {"help-and-protection": "Sam Help", "looked-after-and-permanence": "Sue Care", "leadership-management-governance": "Sol Lead"}


def drafted_with_one_finding(cli, *, with_parent: bool = False, care_grade: str = "good", recommend: bool = False) -> str:
    """A drafted report whose one finding rests on a file review (and a parent, if asked)."""
    inspection = cli.json(
        "inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17",
        "--lead", "Alex Director", *[a for t, p in THEMES.items() for a in ("--theme-lead", f"{t}={p}")],
        "--member", "Ivy Inspector=inspector", *LEAD,
    )["id"]
    cli("advance", inspection, "notify", "--date", "2026-12-10", *LEAD)
    cli("advance", inspection, "start_fieldwork", "--date", "2026-12-14", *LEAD)
    review = cli.json("evidence", "add", inspection, "file_review", "--as", "Ivy Inspector",
                      "--set", "case_reference=BSK-0042", "--set", "team=Assessment", "--set", "age_band=under_1",
                      "--set", "legal_status=child_in_need", "--set", "theme_id=help-and-protection")["evidence"]["id"]
    talk = cli.json("evidence", "add", inspection, "conversation", "--as", "Ivy Inspector",
                    "--set", "with_group=parent_or_carer", "--set", "notes=The plan makes sense to us",
                    "--set", "theme_id=help-and-protection")["evidence"]["id"]
    said = cli("finding", "add", inspection, "--theme", "help-and-protection", "--kind", "strength",
               "--text", "Plans are clear to families", "--evidence", review,
               *(["--evidence", talk] if with_parent else []), *LEAD)
    assert said.rstrip().endswith(
        "2 kinds of source (file review, child or family)" if with_parent
        else "1 kind of source (file review); the framework asks for 2"
    )
    cli("advance", inspection, "give_feedback", "--date", "2026-12-17", *LEAD)
    for theme, person in THEMES.items():
        grade = care_grade if theme == "looked-after-and-permanence" else "good"
        cli("judgement", "propose", inspection, "--theme", theme, "--grade", grade, "--reasons", "Evidence shows it", "--as", person)
        cli("judgement", "sign-off", inspection, "--theme", theme, *LEAD)
    if recommend:
        cli("recommendation", "add", inspection, "--theme", "looked-after-and-permanence", "--text", "Track drift", *LEAD)
    cli("advance", inspection, "draft_report", "--date", "2026-12-21", *LEAD)
    return inspection


def test_a_thinly_supported_finding_holds_the_report_until_the_lead_says_why(cli):
    inspection = drafted_with_one_finding(cli)
    before = cli.snapshot()

    cli("advance", inspection, "issue_report", "--date", "2026-12-22", *LEAD, expect=2)

    assert "1 finding rests on fewer than 2 kinds of source: 'Plans are clear to families' " \
           "(1 kind of source (file review))" in cli.err
    assert cli.snapshot() == before
    cli("advance", inspection, "issue_report", "--date", "2026-12-22", "--note", "Families were away over Christmas", *LEAD)
    report = cli("report", inspection, *LEAD)
    assert "Plans are clear to families (1 kind of source (file review), below the minimum)" in report
    assert "The lead's reason for issuing the report as it is: Families were away over Christmas" in report
    html = cli("report", inspection, "--format", "html", *LEAD)
    assert "Plans are clear to families (1 kind of source (file review), below the minimum)" in html


def test_a_finding_on_two_kinds_of_source_is_issued_without_a_reason_and_shows_its_sources(cli):
    inspection = drafted_with_one_finding(cli, with_parent=True)

    cli("advance", inspection, "issue_report", "--date", "2026-12-22", *LEAD)

    report = cli("report", inspection, *LEAD)
    assert "Plans are clear to families (2 kinds of source (file review, child or family))" in report
    assert "reason" not in report
    assert cli.json("inspection", "show", inspection, *LEAD)["targets"] == []  # the full framework sets none


def test_a_theme_graded_below_good_needs_a_recommendation_before_the_report_is_issued(cli):
    inspection = drafted_with_one_finding(cli, with_parent=True, care_grade="requires-improvement")
    before = cli.snapshot()

    cli("advance", inspection, "issue_report", "--date", "2026-12-22", "--note", "a note is no recommendation", *LEAD, expect=2)

    assert "Theme 'Children looked after and achieving permanence' is graded below good and has no recommendation" in cli.err
    assert cli.snapshot() == before


def test_a_theme_graded_below_good_with_a_recommendation_is_issued(cli):
    inspection = drafted_with_one_finding(cli, with_parent=True, care_grade="inadequate", recommend=True)
    cli("advance", inspection, "issue_report", "--date", "2026-12-22", *LEAD)


def test_practice_week_shows_progress_against_its_targets(cli):
    inspection = cli.json(
        "inspection", "plan", "--district", "Andover", "--framework", "practice-week", "--start", "2026-12-14",
        "--end", "2026-12-18", "--lead", "Alex Director", "--member", "Ivy Inspector=inspector", *LEAD,
    )["id"]
    cli("advance", inspection, "notify", "--date", "2026-12-10", *LEAD)
    cli("advance", inspection, "start_fieldwork", "--date", "2026-12-14", *LEAD)
    cli("evidence", "add", inspection, "conversation", "--as", "Ivy Inspector",
        "--set", "with_group=child_or_young_person", "--set", "notes=Sees her worker alone", "--answer", "5=More visits")
    cli("evidence", "add", inspection, "conversation", "--as", "Ivy Inspector",
        "--set", "with_group=worker", "--set", "notes=Caseloads are high")

    shown = cli("inspection", "show", inspection, *LEAD)

    assert "targets: 0 of 80 case audits, 0 of 20 observations, 1 of 25 families spoken to" in shown
    assert cli.json("inspection", "show", inspection, *LEAD)["targets"][2] == {
        "what": "families spoken to", "done": 1, "target": 25,
    }


def test_an_answer_to_a_question_the_framework_does_not_ask_is_refused(cli):
    fresh = cli.json(
        "inspection", "plan", "--district", "Andover", "--start", "2027-03-08", "--end", "2027-03-10",
        "--lead", "Alex Director", "--member", "Ivy Inspector=inspector", *LEAD,
    )["id"]
    cli("advance", fresh, "notify", "--date", "2027-03-03", *LEAD)
    cli("advance", fresh, "start_fieldwork", "--date", "2027-03-08", *LEAD)
    before = cli.snapshot()

    cli("evidence", "add", fresh, "conversation", "--as", "Ivy Inspector",
        "--set", "with_group=parent_or_carer", "--set", "notes=Fine", "--answer", "6=Yes", expect=2)

    assert "family_answers.6" in cli.err and "numbered 1 to 5" in cli.err
    assert cli.snapshot() == before

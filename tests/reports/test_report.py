"""The written report: its content, Markdown and HTML, checked against a small hand-built inspection."""

from __future__ import annotations

import json
import re
from datetime import date

import attrs
import pytest

from peerinspect.domain.actions import Action
from peerinspect.domain.authority import District, Person
from peerinspect.domain.dossier import Dossier
from peerinspect.domain.evidence import Conversation, FileReview, Observation, PerformanceIndicator
from peerinspect.domain.findings import EmergingFinding, Judgement, Recommendation
from peerinspect.domain.framework import Criterion, Framework, Grade, Theme
from peerinspect.domain.inspection import Inspection, Stage, StageChange, TeamMember
from peerinspect.domain.safeguarding import ImmediatePlan, SafeguardingConcern
from peerinspect.domain.vocabulary import (
    AgeBand,
    ConversationGroup,
    FindingKind,
    JudgementStatus,
    LegalStatus,
    ObservationSetting,
    RiskFactor,
    Role,
    TeamRole,
)
from peerinspect.reports.content import build_report, content_hash
from peerinspect.reports.html import render_html
from peerinspect.reports.markdown import render_markdown

INSPECTION = "insp-1"
CASE_REFERENCES = ("CR-40711", "CR-40712", "LA/2231", "CP-90017")
WORKERS = ("Morwenna Tregarthen", "Idris Pengelly")
TEAMS = ("Riverside Children in Care Team", "Northgate Assessment Team")
PRACTITIONER = "Solveig Annunziata"


def framework() -> Framework:
    return Framework(
        id="sif",
        title="Single inspection framework (peer)",
        version="2",
        grades=(
            Grade(key="outstanding", label="outstanding", rank=1),
            Grade(key="good", label="good", rank=2),
            Grade(key="requires_improvement", label="requires improvement", rank=3),
            Grade(key="inadequate", label="inadequate", rank=4),
        ),
        themes=(
            Theme(id="help", title="Children who need help and protection", criteria=(Criterion(id="help.1", text="Risk is understood"),)),
            Theme(id="care", title="Children looked after", criteria=(Criterion(id="care.1", text="Plans are purposeful"),)),
            Theme(id="leadership", title="Leadership, management and governance"),
        ),
    )


def people() -> dict[str, Person]:
    members = [
        Person(id="p-lead", name="Ada Lovelace-Hart", role=Role.AREA_DIRECTOR),
        Person(id="p-help", name="Bram Okonkwo", role=Role.SENIOR_MANAGER),
        Person(id="p-care", name="Cleo Marchetti", role=Role.SENIOR_MANAGER),
        Person(id="p-insp", name="Dev Raman", role=Role.INSPECTOR),
        Person(id="p-amb", name="Ellie Stone", role=Role.CARE_AMBASSADOR),
        Person(id="p-dm", name="Femi Adebayo", role=Role.DISTRICT_MANAGER),
    ]
    return {p.id: p for p in members}


DISTRICT = District(id="d-1", name="Test Valley", area_id="a-1")


def inspection(*, feedback: date | None = date(2025, 3, 7)) -> Inspection:
    history = (StageChange(event="give_feedback", on=feedback, by="p-lead", stage=Stage.FEEDBACK_GIVEN),) if feedback else ()
    return Inspection(
        id=INSPECTION,
        district_id=DISTRICT.id,
        framework_id="sif",
        lead_id="p-lead",
        fieldwork_start=date(2025, 3, 3),
        fieldwork_end=date(2025, 3, 7),
        team=(
            TeamMember(person_id="p-help", role=TeamRole.THEME_LEAD, theme_id="help"),
            TeamMember(person_id="p-care", role=TeamRole.THEME_LEAD, theme_id="care"),
            TeamMember(person_id="p-insp", role=TeamRole.INSPECTOR),
            TeamMember(person_id="p-amb", role=TeamRole.CARE_AMBASSADOR),
        ),
        stage=Stage.FEEDBACK_GIVEN if feedback else Stage.FIELDWORK,
        history=history,
    )


def review(n: int, **overrides) -> FileReview:
    values = dict(
        id=f"fr-{n}",
        inspection_id=INSPECTION,
        author_id="p-insp",
        recorded_on=date(2025, 3, 4),
        case_reference=CASE_REFERENCES[n],
        team=TEAMS[n % 2],
        allocated_worker=WORKERS[n % 2],
        age_band=AgeBand.AGED_4_TO_10,
        legal_status=LegalStatus.LOOKED_AFTER,
    )
    values.update(overrides)
    return FileReview(**values)


def file_reviews() -> tuple[FileReview, ...]:
    return (
        review(
            0,
            theme_id="care",
            risk_factors=(RiskFactor.NEGLECT, RiskFactor.DOMESTIC_VIOLENCE),
            strengths="Life story work is up to date",
            areas_for_development="Care plan not reviewed on time",
            difference_made="The child now sees her brother every month & says she feels <safer>",
        ),
        review(1, theme_id="care", age_band=AgeBand.AGED_11_TO_16, strengths="Life story work is up to date"),
        review(
            2,
            age_band=AgeBand.UNDER_1,
            legal_status=LegalStatus.CHILD_PROTECTION_PLAN,
            grades={"help.1": "good"},
            disability_or_sen=True,
            areas_for_development="Chronology missing",
            difference_made="Baby registered with a GP and health visitor visits weekly",
            safeguarding_concern="Unassessed adult moved into the household",
        ),
        review(3, legal_status=LegalStatus.CHILD_IN_NEED, risk_factors=tuple(RiskFactor)),
    )


def dossier(*, feedback: date | None = date(2025, 3, 7)) -> Dossier:
    recommendations = (
        Recommendation(id="r-care", inspection_id=INSPECTION, theme_id="care", text="Review every care plan within statutory timescales"),
        Recommendation(id="r-help", inspection_id=INSPECTION, theme_id="help", text="Keep a chronology on every child protection file"),
    )
    return Dossier(
        inspection=inspection(feedback=feedback),
        file_reviews=file_reviews(),
        observations=(
            Observation(
                inspection_id=INSPECTION,
                author_id="p-insp",
                recorded_on=date(2025, 3, 5),
                setting=ObservationSetting.HOME_VISIT,
                practitioner=PRACTITIONER,
                grade="good",
                notes="Warm and direct",
                difference_made="Mother said the plan finally made sense",
            ),
        ),
        conversations=(
            _conversation(ConversationGroup.WORKER),
            _conversation(ConversationGroup.WORKER),
            _conversation(ConversationGroup.TEAM_MANAGER),
            _conversation(ConversationGroup.MIDDLE_MANAGER),
            _conversation(ConversationGroup.CHILD_OR_YOUNG_PERSON, difference="I got to choose my school"),
            _conversation(ConversationGroup.PARENT_OR_CARER),
            _conversation(ConversationGroup.PARTNER_AGENCY),
        ),
        indicators=(
            PerformanceIndicator(
                inspection_id=INSPECTION,
                author_id="p-help",
                recorded_on=date(2025, 3, 3),
                theme_id="help",
                name="Child protection visits on time",
                value="91%",
                comparator="95% county",
                period="Q3",
                commentary="Visits happen but purpose is unclear",
            ),
        ),
        findings=(
            EmergingFinding(inspection_id=INSPECTION, author_id="p-care", theme_id="care", kind=FindingKind.STRENGTH, text="Stable placements", recorded_on=date(2025, 3, 6)),
            EmergingFinding(
                inspection_id=INSPECTION,
                author_id="p-help",
                theme_id="help",
                kind=FindingKind.AREA_FOR_DEVELOPMENT,
                text="Neglect is recognised late",
                recorded_on=date(2025, 3, 6),
                proposed_theme="neglect",
            ),
        ),
        judgements=(
            Judgement(inspection_id=INSPECTION, theme_id="care", grade="good", reasons="Children are settled.\n\nPlans drift at review.", author_id="p-care", status=JudgementStatus.SIGNED_OFF, signed_off_by="p-lead"),
            Judgement(inspection_id=INSPECTION, theme_id="help", grade="requires_improvement", reasons="Thresholds applied inconsistently", author_id="p-help"),
        ),
        recommendations=recommendations,
        concerns=(
            SafeguardingConcern(
                inspection_id=INSPECTION,
                raised_by="p-insp",
                raised_on=date(2025, 3, 4),
                description="Unassessed adult moved into the household",
                evidence_id="fr-2",
                plan=ImmediatePlan(owner_id="p-dm", first_action="Strategy discussion today", made_on=date(2025, 3, 4), made_by="p-lead"),
            ),
        ),
        actions=(Action(inspection_id=INSPECTION, recommendation_id="r-care", what="Audit all overdue reviews", owner_id="p-dm", due=date(2025, 4, 30)),),
    )


def _conversation(group: ConversationGroup, difference: str = "") -> Conversation:
    return Conversation(
        inspection_id=INSPECTION,
        author_id="p-amb",
        recorded_on=date(2025, 3, 5),
        with_group=group,
        notes="Talked about the plan",
        difference_made=difference,
    )


def report(*, internal: bool = False, due: date | None = date(2025, 3, 21), issued: date | None = date(2025, 3, 20), **kwargs) -> dict:
    return build_report(
        dossier(**kwargs), framework(), people=people(), district=DISTRICT, report_due=due, issued_on=issued, internal=internal
    )


# --- content -------------------------------------------------------------------------------


def test_content_is_plain_json_that_survives_a_round_trip():
    content = report(internal=True)
    assert json.loads(json.dumps(content)) == content


def test_content_names_district_dates_team_and_lead():
    content = report()
    assert content["district"] == "Test Valley"
    assert content["fieldwork"] == {"start": "2025-03-03", "end": "2025-03-07"}
    assert content["feedback_given_on"] == "2025-03-07"
    assert content["lead"] == "Ada Lovelace-Hart"
    team = {m["name"]: m for m in content["team"]}
    assert content["team"][0]["name"] == "Ada Lovelace-Hart" and content["team"][0]["lead"]
    assert team["Bram Okonkwo"]["themes"] == ["Children who need help and protection"]
    assert team["Ellie Stone"]["roles"] == ["Care ambassador"]


def test_feedback_on_the_last_day_of_fieldwork_is_said_so():
    assert "7 March 2025, the last day of fieldwork" in render_markdown(report())
    assert "7 March 2025, the last day of fieldwork" in render_html(report())


def test_feedback_not_yet_given_is_said_so():
    assert report(feedback=None)["feedback_given_on"] is None
    assert "not yet given" in render_markdown(report(feedback=None))


@pytest.mark.parametrize(
    ("due", "issued", "state", "days_late", "words"),
    [
        (date(2025, 3, 21), date(2025, 3, 21), "on_time", 0, "on time"),
        (date(2025, 3, 21), date(2025, 3, 20), "on_time", 0, "on time"),
        (date(2025, 3, 21), date(2025, 3, 24), "late", 3, "late by 3 days"),
        (date(2025, 3, 21), date(2025, 3, 22), "late", 1, "late by 1 day"),
        (date(2025, 3, 21), None, "not_issued", 0, "Not yet issued"),
    ],
)
def test_report_deadline_met_late_or_not_yet_issued(due, issued, state, days_late, words):
    content = report(due=due, issued=issued)
    assert content["issue"]["state"] == state
    assert content["issue"]["days_late"] == days_late
    assert words in content["issue"]["text"]
    assert words in render_markdown(content)
    assert words in render_html(content)


def test_each_theme_has_its_grade_reasons_findings_and_recommendations():
    themes = {t["id"]: t for t in report()["themes"]}
    care, help_, leadership = themes["care"], themes["help"], themes["leadership"]
    assert care["grade"] == {"key": "good", "label": "good", "rank": 2} and care["signed_off"]
    assert help_["grade"]["label"] == "requires improvement" and not help_["signed_off"]
    assert leadership["grade"] is None
    assert care["strengths"] == ["Stable placements"]
    assert help_["areas_for_development"] == ["Neglect is recognised late"]
    assert help_["proposed_themed_inspections"] == ["neglect"]
    assert [r["text"] for r in care["recommendations"]] == ["Review every care plan within statutory timescales"]


def test_file_review_remarks_are_summarised_by_count():
    care = next(t for t in report()["themes"] if t["id"] == "care")
    files = care["file_findings"]
    assert (files["reviews"], files["with_strengths"], files["with_areas"]) == (2, 2, 1)
    assert files["strengths"] == [{"text": "Life story work is up to date", "files": 2}]
    help_ = next(t for t in report()["themes"] if t["id"] == "help")
    # Review 2 has no theme of its own but graded a criterion of "help".
    assert help_["file_findings"]["areas_for_development"] == [{"text": "Chronology missing", "files": 1}]
    assert report()["general_file_findings"]["reviews"] == 1  # review 3: no theme, no grades


def test_recommendations_are_numbered_in_theme_order():
    recs = report()["recommendations"]
    assert [(r["number"], r["theme"]) for r in recs] == [
        (1, "Children who need help and protection"),
        (2, "Children looked after"),
    ]


def test_key_question_collects_every_answer_by_theme_or_kind():
    key = report()["key_question"]
    assert key["question"] == "So what difference has been made?"
    assert key["answers"] == 4
    groups = {g["title"]: [a["text"] for a in g["answers"]] for g in key["groups"]}
    assert groups["Children looked after"] == ["The child now sees her brother every month & says she feels <safer>"]
    assert groups["File reviews"] == ["Baby registered with a GP and health visitor visits weekly"]
    assert groups["Observations of practice"] == ["Mother said the plan finally made sense"]
    assert groups["Conversations"] == ["I got to choose my school"]


def test_evidence_base_counts_conversations_by_group():
    evidence = report()["evidence"]
    assert (evidence["file_reviews"], evidence["observations"], evidence["conversations"], evidence["indicators"]) == (4, 1, 7, 1)
    groups = {g["key"]: g["count"] for g in evidence["conversation_groups"]}
    assert groups == {"workers": 2, "managers": 2, "children": 1, "parents": 1, "partners": 1, "members": 0}


def test_case_profile_is_in_the_report():
    profile = report()["case_profile"]
    assert profile["children"] == 4
    looked_after = next(s for s in profile["legal_statuses"] if s["key"] == "looked_after")
    assert (looked_after["count"], looked_after["percent"]) == (2, 50)
    assert "50% (2 of 4)" in render_markdown(report())
    assert "50% (2 of 4)" in render_html(report())


def test_safeguarding_gives_dates_only_in_the_external_version():
    external = report()["safeguarding"]
    assert external == {"count": 1, "concerns": [{"raised_on": "2025-03-04", "plan_made_on": "2025-03-04"}]}
    internal = report(internal=True)["safeguarding"]["concerns"][0]
    assert internal["description"] == "Unassessed adult moved into the household"
    assert internal["case_reference"] == "LA/2231"


def test_internal_version_has_an_appendix_of_files_external_does_not():
    assert "appendix" not in report()
    appendix = report(internal=True)["appendix"]
    assert {row["case_reference"] for row in appendix} == set(CASE_REFERENCES)


# --- personal data ----------------------------------------------------------------------------

IDENTIFYING = (*CASE_REFERENCES, *WORKERS, *TEAMS, PRACTITIONER)


@pytest.mark.parametrize("render", [render_markdown, render_html, lambda c: json.dumps(c)])
def test_external_report_names_no_case_worker_or_team(render):
    text = render(report())
    for name in IDENTIFYING:
        assert name not in text
    assert "Unassessed adult" not in text


@pytest.mark.parametrize("render", [render_markdown, render_html])
def test_internal_report_names_cases_and_workers(render):
    text = render(report(internal=True))
    for name in (*CASE_REFERENCES, *WORKERS):
        assert name in text
    assert "Internal version" in text


# --- hash ----------------------------------------------------------------------------------


def test_content_hash_is_stable_for_equal_content_and_changes_with_it():
    first, second = report(), report()
    assert content_hash(first) == content_hash(second)
    reordered = dict(reversed(list(first.items())))
    assert content_hash(reordered) == content_hash(first)
    changed = report(issued=date(2025, 3, 21))
    assert content_hash(changed) != content_hash(first)
    assert re.fullmatch(r"[0-9a-f]{64}", content_hash(first))


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_reads_as_a_report():
    md = render_markdown(report())
    assert md.startswith("# Peer inspection of Test Valley\n")
    assert "| Children looked after | good |" in md
    assert "| Children who need help and protection | requires improvement (proposed, not yet signed off) |" in md
    assert "| Leadership, management and governance | not yet judged |" in md
    assert "## So what difference has been made?" in md
    assert "1. Keep a chronology on every child protection file" in md
    assert "2. Review every care plan within statutory timescales" in md
    assert "| &nbsp;&nbsp;with managers | 2 |" in md


def test_markdown_escapes_text_that_would_change_the_layout():
    md = render_markdown(report())
    assert "feels \\<safer\\>" in md


# --- HTML ----------------------------------------------------------------------------------


def test_html_is_self_contained_with_charts():
    page = render_html(report(internal=True))
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page
    assert not re.search(r"https?:", page)
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert "@import" not in page and "url(" not in page
    assert "size: A4" in page
    assert page.count("<svg") == page.count("<title>") - 1  # every chart titled, plus the page title


def test_html_grade_chart_marks_each_theme_grade_in_words():
    page = render_html(report())
    assert "<title>Children looked after: good</title>" in page
    assert "<title>Children who need help and protection: requires improvement</title>" in page
    assert "<title>Leadership, management and governance: not yet judged</title>" in page


def test_html_age_chart_labels_percentages_and_counts():
    page = render_html(report())
    assert "<title>Age of the 4 children whose files were reviewed</title>" in page
    assert "under 1: 25% (1 of 4)" in page
    assert '<tspan font-weight="700">50%</tspan> (2 of 4)' in page


def test_html_escapes_evidence_text():
    page = render_html(report())
    assert "feels &lt;safer&gt;" in page
    assert "every month &amp; says" in page
    assert "<safer>" not in page


def test_rendering_a_frozen_report_needs_nothing_but_its_content():
    frozen_content = json.loads(json.dumps(report()))
    assert render_html(frozen_content) == render_html(report())
    assert render_markdown(frozen_content) == render_markdown(report())


def test_report_with_no_evidence_still_renders():
    empty = attrs.evolve(dossier(), file_reviews=(), observations=(), conversations=(), indicators=(), concerns=(), findings=())
    content = build_report(empty, framework(), people=people(), district=DISTRICT, report_due=None, issued_on=None)
    assert content["case_profile"]["children"] == 0
    assert "0% (0 of 0)" in render_markdown(content)
    assert "No immediate safeguarding concern" in render_html(content)


# --- the impact chain ------------------------------------------------------------------------------


def with_linked_finding(*, note: str = "") -> Dossier:
    """The help theme's finding rests on a worker and a child; the care theme's on no evidence at all."""
    base = dossier()
    worker, child = base.conversations[0], base.conversations[4]
    linked = attrs.evolve(base.findings[1], evidence_ids=(worker.id, child.id, base.conversations[1].id))
    history = (*base.inspection.history, StageChange(event="issue_report", on=date(2025, 3, 20), by="p-lead",
                                                     stage=Stage.REPORT_ISSUED, note=note))
    return attrs.evolve(base, findings=(base.findings[0], linked), inspection=attrs.evolve(base.inspection, history=history))


def linked_report(note: str = "") -> dict:
    return build_report(with_linked_finding(note=note), framework(), people=people(), district=DISTRICT,
                        report_due=date(2025, 3, 21), issued_on=date(2025, 3, 20))


def test_each_finding_carries_its_kinds_of_source():
    themes = {t["id"]: t for t in linked_report()["themes"]}
    assert themes["help"]["findings"] == [{
        "text": "Neglect is recognised late", "kind": "area_for_development",
        "sources": ["worker_or_manager", "child_or_family"], "source_count": 2,
        "sources_text": "2 kinds of source (worker or manager, child or family)", "below_minimum": False,
    }]
    assert themes["care"]["findings"][0]["sources_text"] == "no linked evidence"
    assert themes["care"]["findings"][0]["below_minimum"]


@pytest.mark.parametrize("render", [render_markdown, render_html], ids=["markdown", "html"])
def test_the_report_shows_each_findings_sources_and_the_leads_reason(render):
    shown = render(linked_report(note="Placements were stable in every file; no one disputed it"))
    assert "Neglect is recognised late (2 kinds of source (worker or manager, child or family))" in shown
    assert "Stable placements (no linked evidence, below the minimum)" in shown
    assert "1 finding rests on fewer than 2 kinds of independent source. The lead's reason for issuing the report" \
           " as it is: Placements were stable in every file; no one disputed it" in shown.replace("&#x27;", "'")


def test_a_report_frozen_before_sources_were_counted_still_renders_its_findings():
    older = json.loads(json.dumps(report()))
    older.pop("impact")
    for theme in older["themes"]:
        theme.pop("findings")
    markdown = render_markdown(older)
    assert "- Stable placements\n" in markdown and "kinds of source" not in markdown
    assert "<li>Stable placements</li>" in render_html(older)


# --- for print -------------------------------------------------------------------------------------


def with_repeated_answers() -> dict:
    said = "Workers can name a child whose life changed"
    repeats = tuple(_conversation(ConversationGroup.WORKER, difference=said) for _ in range(3))
    base = dossier()
    return build_report(attrs.evolve(base, conversations=(*base.conversations, *repeats, _conversation(ConversationGroup.PARENT_OR_CARER, said))),
                        framework(), people=people(), district=DISTRICT, report_due=None, issued_on=None)


def test_an_answer_given_word_for_word_by_several_sources_of_one_kind_is_told_once_with_the_count():
    html, markdown = render_html(with_repeated_answers()), render_markdown(with_repeated_answers())
    assert html.count("Workers can name a child whose life changed") == 2  # three workers, once; a parent, once
    assert ('<span class="source">Conversation with a worker:</span> Workers can name a child whose life changed'
            ' <span class="muted times">(3 conversations)</span>') in html
    assert "- *Conversation with a worker:* Workers can name a child whose life changed (3 conversations)" in markdown
    assert "- *Conversation with a parent or carer:* Workers can name a child whose life changed\n" in markdown


@pytest.mark.parametrize("render", [render_markdown, render_html], ids=["markdown", "html"])
def test_the_judgements_come_before_the_team(render):
    shown = render(report())
    assert shown.index("Summary of judgements") < shown.index("The inspection team") < shown.index("Cleo Marchetti")
    assert "4 files reviewed, 1 observation of practice, 7 conversations and 1 performance indicator" in shown


def test_case_references_and_workers_are_marked_to_be_kept_whole_on_a_line():
    """Printed, they stay whole: tests/reports/test_printed_report.py reads them back from Chromium's PDF."""
    page = render_html(report(internal=True))
    for name in (*CASE_REFERENCES, *WORKERS):
        assert f'<span class="id">{name}</span>' in page


def test_the_inspections_name_in_the_page_footer_cannot_break_out_of_the_style():
    content = report()
    content["inspection"]["title"] = 'Valley "A"; } </style><script>alert(1)</script> \\'
    page = render_html(content)
    assert "<script" not in page and page.count("</style>") == 1
    assert '@bottom-left { content: "Valley \\22 A\\22 ; \\7d  \\3c \\2f style\\3e ' in page

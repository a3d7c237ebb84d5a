"""Who may do what, through the engine: every use case tried by every kind of person, at a stage where it makes sense.

A refused step must say why in terms of the person's role, and leave every file of the workspace as it was.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from peerinspect.cli import main
from peerinspect.domain.errors import Refused
from peerinspect.engine import actionplan, authority, bundle, conclusions, evidence, planning, reporting, workflow
from peerinspect.engine.core import Engine

from .conftest import (
    ACTORS, CONVERSATION, FILE_REVIEW, FRAMEWORK, INDICATOR, OBSERVATION, OTHER_THEME, OWN_THEME, PEOPLE,
    Cast, advance, fingerprint, open_engine, revision_of,
)

TEAM = frozenset({"lead", "theme_lead", "inspector", "ambassador"})
REVIEWERS = frozenset({"lead", "theme_lead", "inspector"})
LEAD = frozenset({"lead"})
THEME_LEADERS = frozenset({"lead", "theme_lead"})
DIRECTORS = frozenset({"lead", "other_director"})
DISTRICT_SIDE = frozenset({"district_manager", "area_manager"})
AREA_MANAGER = frozenset({"area_manager"})
LEAD_OR_AREA = frozenset({"lead", "area_manager"})
OUTSIDERS = frozenset({"other_director", "outside_inspector", "other_district_manager", "other_area_manager"})

# How a refusal names the part the person plays: the job role for the authority's set-up and planning,
# their part in the inspection for everything else.
PART_NAMED = {
    "lead": "leads this inspection",
    "other_director": "area director",
    "theme_lead": "theme lead",
    "inspector": "inspector",
    "outside_inspector": "inspector",
    "ambassador": "care ambassador",
    "district_manager": "district manager",
    "other_district_manager": "district manager",
    "area_manager": "area manager",
    "other_area_manager": "area manager",
}
OWN_EVIDENCE = {
    "lead": "lead_observation",
    "theme_lead": "theme_lead_observation",
    "inspector": "inspector_conversation",
    "ambassador": "ambassador_conversation",
}

Run = Callable[[Engine, Cast, str], object]  # (engine, ids, key of the acting person)


@attrs.frozen
class UseCase:
    name: str
    stage: str  # the template the use case is tried on
    run: Run
    allowed: frozenset[str]
    writes: bool = True
    about_authority: bool = False  # set-up and planning, not one inspection
    actors: tuple[str, ...] = ACTORS


def add(kind: str, fields: dict, theme: str | None = None) -> Run:
    return lambda e, c, who: evidence.add_evidence(
        e, as_person=c[who], inspection=c.inspection, kind=kind, fields={**fields, "theme_id": theme}
    )


def edit(pick: Callable[[str], str], reason: str = "") -> Run:
    def run(e: Engine, c: Cast, who: str):
        evidence_id = c.evidence[pick(who)]
        return evidence.edit_evidence(
            e, as_person=c[who], inspection=c.inspection, evidence_id=evidence_id,
            changes={"difference_made": "Clearer now"}, revision=revision_of(e, c, evidence_id), amendment_reason=reason,
        )

    return run


def step(event: str, on: str, note: str = "") -> Run:
    take = advance(event, on, note)
    return lambda e, c, who: take(e, c, c[who])


def theme_finding(theme: str) -> Run:
    return lambda e, c, who: conclusions.record_finding(
        e, as_person=c[who], inspection=c.inspection, theme_id=theme, kind="strength", text="Visits are purposeful"
    )


def theme_judgement(theme: str) -> Run:
    return lambda e, c, who: conclusions.propose_judgement(
        e, as_person=c[who], inspection=c.inspection, theme_id=theme, grade="good", reasons="Children are seen"
    )


def report(internal: bool = False) -> Run:
    return lambda e, c, who: reporting.report_content(e, as_person=c[who], inspection=c.inspection, internal=internal)


def export(include_case_refs: bool) -> Run:
    return lambda e, c, who: bundle.export_bundle(
        e, as_person=c[who], inspection=c.inspection, include_case_refs=include_case_refs
    )


def plan_another(e: Engine, c: Cast, who: str):
    return planning.plan_inspection(
        e, as_person=c[who], district="Basingstoke", framework_id=FRAMEWORK,
        fieldwork_start="2026-06-08", fieldwork_end="2026-06-11", lead=c["lead"],
    )


USE_CASES = [
    UseCase("add file review", "fieldwork",
            add("file_review", {**FILE_REVIEW, "case_reference": "CR-2002"}, OWN_THEME), REVIEWERS),
    UseCase("add observation", "fieldwork", add("observation", OBSERVATION, OWN_THEME), REVIEWERS),
    UseCase("add conversation", "fieldwork", add("conversation", CONVERSATION), TEAM),
    UseCase("add performance indicator", "fieldwork", add("indicator", INDICATOR), REVIEWERS),
    UseCase("edit own evidence", "fieldwork", edit(OWN_EVIDENCE.__getitem__), TEAM, actors=tuple(OWN_EVIDENCE)),
    UseCase("edit inspector's file review in theme lead's theme", "fieldwork",
            edit(lambda who: "inspector_file_review"), REVIEWERS),
    UseCase("edit inspector's conversation", "fieldwork",
            edit(lambda who: "inspector_conversation"), frozenset({"lead", "inspector"})),
    UseCase("edit lead's observation in another theme", "fieldwork", edit(lambda who: "lead_observation"), LEAD),
    UseCase("edit ambassador's conversation", "fieldwork",
            edit(lambda who: "ambassador_conversation"), frozenset({"lead", "ambassador"})),
    UseCase("amend inspector's file review after issue", "report_issued",
            edit(lambda who: "inspector_file_review", reason="wrong age band"), REVIEWERS),
    UseCase("record finding in theme lead's theme", "fieldwork", theme_finding(OWN_THEME), THEME_LEADERS),
    UseCase("record finding in another theme", "fieldwork", theme_finding(OTHER_THEME), LEAD),
    UseCase("propose judgement in theme lead's theme", "fieldwork", theme_judgement(OWN_THEME), THEME_LEADERS),
    UseCase("propose judgement in another theme", "fieldwork", theme_judgement(OTHER_THEME), LEAD),
    UseCase("sign off judgement", "fieldwork",
            lambda e, c, who: conclusions.sign_off_judgement(
                e, as_person=c[who], inspection=c.inspection, theme_id=OWN_THEME),
            LEAD),
    UseCase("add recommendation", "fieldwork",
            lambda e, c, who: conclusions.add_recommendation(
                e, as_person=c[who], inspection=c.inspection, theme_id=OWN_THEME, text="Use chronologies"),
            LEAD),
    UseCase("raise concern", "fieldwork",
            lambda e, c, who: workflow.raise_concern(
                e, as_person=c[who], inspection=c.inspection, description="Bruising not followed up"),
            TEAM),
    UseCase("make immediate plan", "fieldwork",
            lambda e, c, who: workflow.make_immediate_plan(
                e, as_person=c[who], inspection=c.inspection, concern_id=c.concerns[0], owner=c["district_manager"],
                first_action="Visit today"),
            LEAD),
    UseCase("amend immediate plan", "feedback_given",
            lambda e, c, who: workflow.amend_immediate_plan(
                e, as_person=c[who], inspection=c.inspection, concern_id=c.concerns[0], first_action="Strategy meeting",
                reason="The police asked for a joint visit"),
            LEAD),
    UseCase("notify", "planned", step("notify", "2026-03-05"), LEAD),
    UseCase("start fieldwork", "notified", step("start_fieldwork", "2026-03-09"), LEAD),
    UseCase("give feedback", "fieldwork", step("give_feedback", "2026-03-12"), LEAD),
    UseCase("draft report", "feedback_given", step("draft_report", "2026-03-16"), LEAD),
    UseCase("issue report", "report_drafted", step("issue_report", "2026-03-20"), LEAD),
    UseCase("reissue report", "report_issued",
            lambda e, c, who: reporting.reissue_report(e, as_person=c[who], inspection=c.inspection, reason="Typo"),
            LEAD),
    UseCase("submit action plan", "report_issued", step("submit_action_plan", "2026-03-30"), DISTRICT_SIDE),
    UseCase("approve action plan", "action_plan_submitted", step("approve_action_plan", "2026-04-02"), AREA_MANAGER),
    UseCase("return action plan", "action_plan_submitted",
            step("return_action_plan", "2026-04-02", note="Add measures"), AREA_MANAGER),
    UseCase("start monitoring", "action_plan_approved", step("start_monitoring", "2026-04-03"), LEAD_OR_AREA),
    UseCase("close", "monitoring_verified", step("close", "2026-04-22"), LEAD_OR_AREA),
    UseCase("add action", "report_issued",
            lambda e, c, who: actionplan.add_action(
                e, as_person=c[who], inspection=c.inspection, recommendation_id=c.recommendations[0],
                what="Audit ten cases", owner=c["district_manager"], due="2026-06-01"),
            DISTRICT_SIDE),
    UseCase("plan action", "report_issued",
            lambda e, c, who: actionplan.plan_action(
                e, as_person=c[who], inspection=c.inspection, action_id=c.actions[1], due="2026-06-30"),
            DISTRICT_SIDE),
    UseCase("record progress", "report_issued",
            lambda e, c, who: actionplan.record_progress(
                e, as_person=c[who], inspection=c.inspection, action_id=c.actions[1], text="Started", on="2026-03-25"),
            DISTRICT_SIDE),
    UseCase("verify action", "monitoring",
            lambda e, c, who: actionplan.verify_action(
                e, as_person=c[who], inspection=c.inspection, action_id=c.actions[0], on="2026-04-20"),
            AREA_MANAGER),
    UseCase("read draft report", "report_drafted", report(), THEME_LEADERS, writes=False),
    UseCase("read internal draft report", "report_drafted", report(internal=True), LEAD, writes=False),
    UseCase("read issued report", "report_issued", report(), TEAM | DISTRICT_SIDE, writes=False),
    UseCase("export bundle", "fieldwork", export(include_case_refs=False), REVIEWERS, writes=False),
    UseCase("export bundle with case references", "fieldwork", export(include_case_refs=True), LEAD, writes=False),
    UseCase("plan inspection", "planned", plan_another, DIRECTORS, about_authority=True),
    UseCase("add person", "planned",
            lambda e, c, who: authority.add_person(e, "Nia New", "inspector", as_person=c[who]),
            DIRECTORS, about_authority=True),
]

CASES = [
    pytest.param(case, who, id=f"{case.name} by {who.replace('_', ' ')}")
    for case in USE_CASES
    for who in case.actors
]


def assert_names_role(message: str, case_about_authority: bool, who: str) -> None:
    name, role, _, _ = PEOPLE[who]
    assert name in message
    if case_about_authority:
        assert role.label in message
    else:
        assert PART_NAMED[who] in message
        if who in OUTSIDERS:
            assert "not on this inspection's team" in message


@pytest.mark.parametrize(("case", "who"), CASES)
def test_who_may_do_what(templates, tmp_path, case: UseCase, who: str):
    root = templates.copy(case.stage, tmp_path)
    engine = open_engine(root)
    before = fingerprint(root)
    if who in case.allowed:
        result = case.run(engine, templates.cast, who)
        assert result
        assert (fingerprint(root) != before) == case.writes
    else:
        with pytest.raises(Refused) as refused:
            case.run(engine, templates.cast, who)
        assert_names_role(str(refused.value), case.about_authority, who)
        assert fingerprint(root) == before


@pytest.mark.parametrize("who", [pytest.param(who, id=who.replace("_", " ")) for who in ACTORS])
def test_who_may_read_the_audit_trail(templates, tmp_path, capsys, who: str):
    # The audit trail is read through the command line: the engine has no use case of its own for it.
    root = templates.copy("monitoring", tmp_path)
    before = fingerprint(root)
    code = main(["--workspace", str(root), "audit", templates.cast.inspection, "--as", templates.cast[who]])
    out, err = capsys.readouterr()
    if who in LEAD_OR_AREA:
        assert code == 0
        assert "issue report" in out
    else:
        assert code == 2
        assert out == ""
        assert_names_role(err, False, who)
    assert fingerprint(root) == before


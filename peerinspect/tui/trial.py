"""A small workspace to try the app on: one area, three districts, one person in each role, three inspections.

Eastleigh is in fieldwork, with evidence and a safeguarding concern still waiting for its plan;
Fareham's report is drafted and overdue; Gosport's report is issued and its action plan is due.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime
from pathlib import Path

from ..engine import actionplan, authority, bundle, conclusions, evidence, planning, workflow
from ..engine.core import Clock, Engine
from ..framework import load_catalogue
from ..store.workspace import Workspace

FULL = "hampshire-peer-inspection"
TRIAL_NOW = datetime(2026, 3, 10, 9, 0)


def build_trial(root: Path, clock: Clock = lambda: TRIAL_NOW, *, action_plan_submitted: bool = False) -> Engine:
    engine = Engine(Workspace.create(Path(root)), load_catalogue(), clock=clock)
    authority.add_district(engine, "Eastleigh", "South", ("Team A", "Team B"))
    authority.add_district(engine, "Fareham", "South", ("Fareham Team",))
    authority.add_district(engine, "Gosport", "South", ("Gosport Team",))
    ada = authority.add_person(engine, "Ada Director", "area_director", area_ref="South").id
    for name, role, where in (
        ("Sam Senior", "senior_manager", {}),
        ("Ivy Inspector", "inspector", {}),
        ("Cal Ambassador", "care_ambassador", {}),
        ("Dee District", "district_manager", {"district_ref": "Gosport"}),
        ("Al Area", "area_manager", {"area_ref": "South"}),
    ):
        authority.add_person(engine, name, role, as_person=ada, **where)
    _eastleigh(engine)
    _fareham(engine)
    _gosport(engine, action_plan_submitted)
    return engine


def _plan(engine: Engine, district: str, start: str, end: str, notice: str) -> str:
    framework = engine.framework(FULL)
    return planning.plan_inspection(
        engine, as_person="Ada Director", district=district, framework_id=FULL, fieldwork_start=start,
        fieldwork_end=end, notice_date=notice, lead="Ada Director",
        theme_leads={t.id: "Sam Senior" for t in framework.themes},
        team=[("Ivy Inspector", "inspector"), ("Cal Ambassador", "care_ambassador")],
    ).id


def _steps(engine: Engine, inspection: str, *steps: tuple[str, str]) -> None:
    for event, on in steps:
        workflow.advance(engine, as_person="Ada Director", inspection=inspection, event=event, on=on)


def _evidence(engine: Engine, inspection: str, on: str) -> None:
    add = lambda who, kind, **fields: evidence.add_evidence(  # noqa: E731
        engine, as_person=who, inspection=inspection, kind=kind, fields={"recorded_on": on, **fields}
    )
    add("Ivy Inspector", "file_review", case_reference="EA-1041", team="Team A", allocated_worker="Social worker 1",
        theme_id="help-and-protection", age_band="4_to_10", legal_status="child_protection_plan",
        risk_factors=["domestic_violence", "neglect"], grades={"hp-assessment": "good", "hp-voice": "requires-improvement"},
        strengths="Thorough assessment; the child's wishes are recorded.", areas_for_development="Plan is not SMART.",
        difference_made="School attendance up from 60% to 92% since the plan began.")
    add("Sam Senior", "file_review", case_reference="EA-2207", team="Team B", theme_id="looked-after-and-permanence",
        age_band="11_to_16", legal_status="looked_after", grades={"la-placement": "good", "la-voice": "good"},
        strengths="Stable placement for two years.", difference_made="Young person says they feel settled.")
    add("Ivy Inspector", "observation", setting="home_visit", practitioner="Social worker, Team A",
        theme_id="help-and-protection", grade="good", notes="Warm, direct conversation with the parent.",
        difference_made="Parent agreed to attend the parenting course.")
    add("Cal Ambassador", "conversation", with_group="child_or_young_person", notes="Likes their worker; wants fewer changes.",
        family_answers={"1": "Yes", "4": "Not really"})
    add("Ivy Inspector", "conversation", with_group="team_manager", theme_id="leadership-management-governance",
        notes="Supervision is regular and reflective.")
    add("Sam Senior", "indicator", name="Re-referrals within 12 months", value="24%", comparator="England 22%",
        period="2025-26 Q3", theme_id="help-and-protection", commentary="Rising; audits show step-down too early.")


def _eastleigh(engine: Engine) -> None:
    inspection = _plan(engine, "Eastleigh", "2026-03-09", "2026-03-13", "2026-03-02")
    _steps(engine, inspection, ("notify", "2026-03-02"), ("start_fieldwork", "2026-03-09"))
    _evidence(engine, inspection, "2026-03-09")
    evidence.add_evidence(engine, as_person="Ivy Inspector", inspection=inspection, kind="file_review", fields={
        "recorded_on": "2026-03-09", "case_reference": "EA-3090", "team": "Team B", "age_band": "under_1",
        "legal_status": "child_in_need", "risk_factors": ["substance_misuse"], "theme_id": "help-and-protection",
        "safeguarding_concern": "Baby left with a carer who is misusing drugs; no safety plan on file.",
    })
    conclusions.record_finding(engine, as_person="Sam Senior", inspection=inspection, theme_id="help-and-protection",
                               kind="area_for_development", text="Neglect is recognised late in under-fives.",
                               proposed_theme="neglect")


def _conclude(engine: Engine, inspection: str, sign_all: bool) -> None:
    framework = engine.framework(FULL)
    for n, theme in enumerate(framework.themes):
        conclusions.propose_judgement(engine, as_person="Sam Senior", inspection=inspection, theme_id=theme.id,
                                      grade="good" if n else "requires-improvement", reasons=f"Evidence for {theme.title.lower()}.")
        if sign_all or n:
            conclusions.sign_off_judgement(engine, as_person="Ada Director", inspection=inspection, theme_id=theme.id)
    conclusions.add_recommendation(engine, as_person="Ada Director", inspection=inspection,
                                   theme_id=framework.themes[0].id, text="Make every child protection plan SMART.")
    conclusions.add_recommendation(engine, as_person="Ada Director", inspection=inspection,
                                   theme_id=framework.themes[2].id, text="Audit supervision quality every quarter.")


def _fareham(engine: Engine) -> None:
    inspection = _plan(engine, "Fareham", "2026-02-16", "2026-02-20", "2026-02-09")
    _steps(engine, inspection, ("notify", "2026-02-09"), ("start_fieldwork", "2026-02-16"))
    _evidence(engine, inspection, "2026-02-17")
    _steps(engine, inspection, ("give_feedback", "2026-02-20"), ("draft_report", "2026-02-23"))
    _conclude(engine, inspection, sign_all=False)


def _gosport(engine: Engine, action_plan_submitted: bool) -> None:
    inspection = _plan(engine, "Gosport", "2026-02-02", "2026-02-06", "2026-01-26")
    _steps(engine, inspection, ("notify", "2026-01-26"), ("start_fieldwork", "2026-02-02"))
    _evidence(engine, inspection, "2026-02-03")
    _steps(engine, inspection, ("give_feedback", "2026-02-06"), ("draft_report", "2026-02-09"))
    _conclude(engine, inspection, sign_all=True)
    _steps(engine, inspection, ("issue_report", "2026-02-20"))
    if not action_plan_submitted:
        return
    dossier = engine.workspace.dossier(inspection)
    for n, recommendation in enumerate(dossier.recommendations):
        action = actionplan.add_action(engine, as_person="Dee District", inspection=inspection,
                                       recommendation_id=recommendation.id, what=f"Action {n + 1}: {recommendation.text}",
                                       owner="Dee District", due=date(2026, 4, 30))
        if n == 0:
            actionplan.record_progress(engine, as_person="Dee District", inspection=inspection, action_id=action.id,
                                       text="Training delivered to all teams.", on="2026-03-02", done=True)
    workflow.advance(engine, as_person="Dee District", inspection=inspection, event="submit_action_plan", on="2026-03-03")


# A large inspection: Eastleigh's fieldwork with this many more records, most of them file reviews.
LARGE = {"file_review": 600, "observation": 150, "conversation": 150, "indicator": 100}


def build_large_trial(root: Path, clock: Clock = lambda: TRIAL_NOW, records: dict[str, int] = LARGE) -> Engine:
    """A workspace holding Eastleigh's inspection alone, with a thousand records more than the trial's.

    Through the engine's own import of a bundle: one save for all of them, where adding each would take a
    save apiece (half a minute).
    """
    with tempfile.TemporaryDirectory(prefix="peerinspect-trial-") as folder:
        trial = build_trial(Path(folder) / "workspace", clock)
        eastleigh = next(s.id for s in trial.summaries() if s.inspection.district_id == trial.district("Eastleigh").id)
        exported = bundle.export_bundle(trial, as_person="Ada Director", inspection=eastleigh, include_case_refs=True)
        ivy, sam = (trial.person(name).id for name in ("Ivy Inspector", "Sam Senior"))
    for kind, count in records.items():
        exported["records"][kind] += [_record(kind, n, eastleigh, ivy if n % 3 else sam) for n in range(count)]
    engine = Engine(Workspace.create(Path(root)), load_catalogue(), clock=clock)
    bundle.import_bundle(engine, json.dumps(exported))
    return engine


def _record(kind: str, n: int, inspection: str, author: str) -> dict:
    theme = ("help-and-protection", "looked-after-and-permanence", "leadership-management-governance")[n % 3]
    common = {"inspection_id": inspection, "author_id": author, "recorded_on": f"2026-03-{9 + n % 2:02d}", "theme_id": theme,
              "difference_made": f"Record {n}: the plan is reviewed monthly and the child's views are in it."}
    return common | {
        "file_review": {"case_reference": f"EA-{5000 + n}", "team": ("Team A", "Team B")[n % 2], "age_band": "4_to_10",
                        "legal_status": "child_in_need", "grades": {"hp-assessment": ("good", "requires-improvement")[n % 2]}},
        "observation": {"setting": "home_visit", "practitioner": f"Social worker {n}, Team A", "grade": "good"},
        "conversation": {"with_group": "team_manager", "notes": f"Conversation {n}: supervision is regular and reflective."},
        "indicator": {"name": f"Indicator {n}", "value": f"{n % 100}%", "comparator": "England 22%"},
    }[kind]

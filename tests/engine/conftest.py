"""One inspection walked through the engine from an empty workspace to closed, by every kind of person.

The walk is a list of steps. The audit tests take it one step at a time; the role tests keep a
copy of the workspace at each stage (a "template") and try every use case on a fresh copy of it.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import attrs
import pytest

from peerinspect.domain.vocabulary import Role
from peerinspect.engine import actionplan, authority, bundle, conclusions, evidence, planning, queries, reporting, workflow
from peerinspect.engine.access import SETUP_ACTOR
from peerinspect.engine.core import Engine

NOW = datetime(2026, 3, 10, 9, 30)
FRAMEWORK = "hampshire-peer-inspection"
OWN_THEME = "help-and-protection"  # led by the theme lead
OTHER_THEME = "looked-after-and-permanence"  # no theme lead: the lead covers it
THEMES = (OWN_THEME, OTHER_THEME, "leadership-management-governance")
CRITERION = "hp-assessment"

# key: (name, job role, district, area)
PEOPLE: dict[str, tuple[str, Role, str | None, str | None]] = {
    "lead": ("Alex Director", Role.AREA_DIRECTOR, None, "North"),
    "other_director": ("Olga Director", Role.AREA_DIRECTOR, None, "South"),
    "theme_lead": ("Tara Theme", Role.SENIOR_MANAGER, None, None),
    "inspector": ("Ivy Inspector", Role.INSPECTOR, None, None),
    "outside_inspector": ("Owen Outsider", Role.INSPECTOR, None, None),
    "ambassador": ("Casey Ambassador", Role.CARE_AMBASSADOR, None, None),
    "district_manager": ("Dana District", Role.DISTRICT_MANAGER, "Basingstoke", None),
    "other_district_manager": ("Drew Andover", Role.DISTRICT_MANAGER, "Andover", None),
    "area_manager": ("Avery Area", Role.AREA_MANAGER, None, "North"),
    "other_area_manager": ("Sky South", Role.AREA_MANAGER, None, "South"),
}
ACTORS = tuple(PEOPLE)


# The walk's clock moves with it, so every step is taken on or after the day it records;
# a copy of the workspace at a stage opens on the day that stage was reached.
_today = [NOW]


def clock() -> datetime:
    return _today[0]


def living_on(day: str | date | datetime) -> None:
    """Move the clock to this day (it never moves back within a walk)."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    moment = day if isinstance(day, datetime) else datetime.combine(day, NOW.time())
    _today[0] = max(_today[0], moment)


def reset_clock(moment: datetime = NOW) -> None:
    _today[0] = moment


@pytest.fixture(autouse=True)
def _clock_at_the_start_of_the_walk():
    reset_clock()
    yield
    reset_clock()


def on_day(day: str, run: Callable[[Engine, Cast], object]) -> Callable[[Engine, Cast], object]:
    """The step taken on that day: the clock is moved to it first."""

    def dated(e: Engine, c: Cast):
        living_on(day)
        return run(e, c)

    return dated


def open_engine(root: Path, *, create: bool = False) -> Engine:
    return Engine.open(root, clock=clock, create=create)


@attrs.define
class Cast:
    """The ids the walk created, by the names the tests use for them."""

    people: dict[str, str] = attrs.field(factory=dict)
    inspection: str = ""
    evidence: dict[str, str] = attrs.field(factory=dict)
    concerns: list[str] = attrs.field(factory=list)
    recommendations: list[str] = attrs.field(factory=list)
    actions: list[str] = attrs.field(factory=list)

    def __getitem__(self, person_key: str) -> str:
        return self.people[person_key]


@attrs.frozen
class Step:
    """One use case in the walk. `actor` is a key of PEOPLE, or None for the first set-up steps."""

    name: str
    actor: str | None
    run: Callable[[Engine, Cast], object]
    action: str | None  # the audit entry's action; None for a read, which writes nothing
    template: str | None = None  # keep a copy of the workspace under this name once the step is done


def _setup_steps() -> list[Step]:
    steps = [
        Step("add area North", None, lambda e, c: authority.add_area(e, "North"), "add area"),
        Step("add area South", None, lambda e, c: authority.add_area(e, "South"), "add area"),
        Step(
            "add district Basingstoke", None,
            lambda e, c: authority.add_district(e, "Basingstoke", "North", teams=("Assessment", "Children in care")),
            "add district",
        ),
    ]

    def add(key: str, as_lead: bool):
        name, role, district, area = PEOPLE[key]

        def run(e: Engine, c: Cast):
            person = authority.add_person(
                e, name, role, district_ref=district, area_ref=area, as_person=c["lead"] if as_lead else None
            )
            c.people[key] = person.id
            return person

        return Step(f"add person {key}", "lead" if as_lead else None, run, "add person")

    steps.append(add("lead", as_lead=False))
    steps.append(
        Step("add district Andover", "lead",
             lambda e, c: authority.add_district(e, "Andover", "North", teams=("Assessment",), as_person=c["lead"]),
             "add district")
    )
    steps += [add(key, as_lead=True) for key in ACTORS if key != "lead"]
    steps.append(
        Step("change settings", "lead",
             lambda e, c: authority.update_settings(e, {"due_soon_days": 5}, as_person=c["lead"]), "change settings")
    )
    return steps


def _plan(e: Engine, c: Cast):
    inspection = planning.plan_inspection(
        e, as_person=c["lead"], district="Basingstoke", framework_id=FRAMEWORK,
        fieldwork_start="2026-03-09", fieldwork_end="2026-03-12", lead=c["lead"],
        theme_leads={OWN_THEME: c["theme_lead"]},
        team=[(c["inspector"], "inspector"), (c["ambassador"], "care ambassador")],
    )
    c.inspection = inspection.id
    return inspection


def advance(event: str, on: str, note: str = "") -> Callable[[Engine, Cast, str], object]:
    def run(e: Engine, c: Cast, person_id: str):
        living_on(on)
        return workflow.advance(e, as_person=person_id, inspection=c.inspection, event=event, on=on, note=note)

    return run


def _advance_step(event: str, actor: str, on: str, template: str | None = None, note: str = "") -> Step:
    take = advance(event, on, note)
    return Step(event, actor, on_day(on, lambda e, c: take(e, c, c[actor])), event.replace("_", " "), template)


FILE_REVIEW = dict(
    case_reference="CR-1001", team="Assessment", allocated_worker="Pat Worker", age_band="under_1",
    legal_status="child_protection_plan", risk_factors=["neglect", "domestic_violence"], grades={CRITERION: "good"},
    difference_made="The baby is safer at night",
)
OBSERVATION = dict(setting="home_visit", practitioner="Sam Social", grade="good", notes="Warm and direct")
CONVERSATION = dict(with_group="child_or_young_person", notes="Likes her carer", family_answers={"1": "yes"})
INDICATOR = dict(name="Re-referrals", value="18%", comparator="22% England", period="2025-26", commentary="Falling")


def add_evidence_as(key: str, kind: str, fields: dict, evidence_key: str, theme: str | None = None) -> Step:
    def run(e: Engine, c: Cast):
        saved = evidence.add_evidence(
            e, as_person=c[key], inspection=c.inspection, kind=kind, fields={**fields, "theme_id": theme}
        )
        c.evidence[evidence_key] = saved.evidence.id
        if saved.concern is not None:
            c.concerns.append(saved.concern.id)
        return saved

    names = {"file_review": "FileReview", "observation": "Observation", "conversation": "Conversation",
             "indicator": "PerformanceIndicator"}
    return Step(f"add {evidence_key}", key, run, f"add {names[kind]}")


def _fieldwork_steps() -> list[Step]:
    return [
        add_evidence_as(
            "inspector", "file_review", {**FILE_REVIEW, "safeguarding_concern": "Unsafe sleeping, no plan"},
            "inspector_file_review", OWN_THEME,
        ),
        add_evidence_as("inspector", "conversation", CONVERSATION, "inspector_conversation"),
        add_evidence_as("lead", "observation", OBSERVATION, "lead_observation", OTHER_THEME),
        add_evidence_as("theme_lead", "observation", OBSERVATION, "theme_lead_observation", OTHER_THEME),
        add_evidence_as("ambassador", "conversation", CONVERSATION, "ambassador_conversation"),
        add_evidence_as("theme_lead", "indicator", INDICATOR, "theme_lead_indicator", OWN_THEME),
        Step(
            "record finding", "theme_lead",
            lambda e, c: conclusions.record_finding(
                e, as_person=c["theme_lead"], inspection=c.inspection, theme_id=OWN_THEME, kind="area_for_development",
                text="Neglect is recognised late",
                evidence_ids=(c.evidence["inspector_file_review"], c.evidence["theme_lead_indicator"]),
                proposed_theme="neglect",
            ),
            "record finding",
        ),
        Step(
            "propose judgement", "theme_lead",
            lambda e, c: conclusions.propose_judgement(
                e, as_person=c["theme_lead"], inspection=c.inspection, theme_id=OWN_THEME, grade="good", reasons="Because"
            ),
            "propose judgement",
            template="fieldwork",  # a concern without its plan, a judgement not signed off
        ),
        Step(
            "make immediate plan", "lead",
            lambda e, c: workflow.make_immediate_plan(
                e, as_person=c["lead"], inspection=c.inspection, concern_id=c.concerns[0], owner=c["district_manager"],
                first_action="Visit today",
            ),
            "make immediate plan",
        ),
        Step(
            "amend immediate plan", "lead",
            lambda e, c: workflow.amend_immediate_plan(
                e, as_person=c["lead"], inspection=c.inspection, concern_id=c.concerns[0], owner=c["area_manager"],
                reason="The district manager is on leave this week",
            ),
            "amend immediate plan",
        ),
        Step("raise concern", "ambassador", _raise_concern, "raise safeguarding concern"),
        Step(
            "make immediate plan for the raised concern", "lead",
            lambda e, c: workflow.make_immediate_plan(
                e, as_person=c["lead"], inspection=c.inspection, concern_id=c.concerns[1], owner=c["district_manager"],
                first_action="Strategy meeting",
            ),
            "make immediate plan",
        ),
        Step("edit own conversation", "inspector", _edit_inspector_conversation, "edit Conversation"),
        Step("read evidence", "inspector",
             lambda e, c: evidence.evidence_for(e, as_person=c["inspector"], inspection=c.inspection), None),
        Step("export bundle", "lead",
             lambda e, c: bundle.export_bundle(e, as_person=c["lead"], inspection=c.inspection), None),
    ]


def _raise_concern(e: Engine, c: Cast):
    concern = workflow.raise_concern(
        e, as_person=c["ambassador"], inspection=c.inspection, description="Says she is left alone overnight",
        evidence_id=c.evidence["ambassador_conversation"],
    )
    c.concerns.append(concern.id)
    return concern


def _edit_inspector_conversation(e: Engine, c: Cast):
    current = revision_of(e, c, c.evidence["inspector_conversation"])
    return evidence.edit_evidence(
        e, as_person=c["inspector"], inspection=c.inspection, evidence_id=c.evidence["inspector_conversation"],
        changes={"notes": "Likes her carer and her school"}, revision=current,
    )


def revision_of(e: Engine, c: Cast, record_id: str) -> int:
    dossier = e.workspace.dossier(c.inspection)
    records = (*dossier.evidence, *dossier.actions)
    return next(r.revision for r in records if r.id == record_id)


def _conclusion_steps() -> list[Step]:
    steps = [
        Step(
            f"propose judgement {theme}", "lead",
            lambda e, c, theme=theme: conclusions.propose_judgement(
                e, as_person=c["lead"], inspection=c.inspection, theme_id=theme, grade="requires-improvement",
                reasons="Plans drift",
            ),
            "propose judgement",
        )
        for theme in THEMES[1:]
    ]
    steps += [
        Step(
            f"sign off {theme}", "lead",
            lambda e, c, theme=theme: conclusions.sign_off_judgement(
                e, as_person=c["lead"], inspection=c.inspection, theme_id=theme
            ),
            "sign off judgement",
        )
        for theme in THEMES
    ]

    def recommend(theme: str) -> Step:
        def run(e: Engine, c: Cast):
            made = conclusions.add_recommendation(
                e, as_person=c["lead"], inspection=c.inspection, theme_id=theme, text=f"Improve {theme}"
            )
            c.recommendations.append(made.id)
            return made

        return Step(f"recommend for {theme}", "lead", run, "add recommendation")

    return steps + [recommend(theme) for theme in THEMES]


def _action_steps() -> list[Step]:
    def add(index: int) -> Step:
        def run(e: Engine, c: Cast):
            made = actionplan.add_action(
                e, as_person=c["district_manager"], inspection=c.inspection,
                recommendation_id=c.recommendations[index], what=f"Action {index + 1}", owner=c["district_manager"],
                due="2026-05-01",
            )
            c.actions.append(made.id)
            return made

        return Step(f"add action {index + 1}", "district_manager", run, "add action")

    return [add(i) for i in range(len(THEMES))] + [
        Step(
            "plan action", "district_manager",
            lambda e, c: actionplan.plan_action(
                e, as_person=c["district_manager"], inspection=c.inspection, action_id=c.actions[0], due="2026-05-15"
            ),
            "plan action",
        ),
        Step(
            "record progress", "district_manager",
            on_day("2026-03-25", lambda e, c: actionplan.record_progress(
                e, as_person=c["district_manager"], inspection=c.inspection, action_id=c.actions[0],
                text="Training booked", on="2026-03-25",
            )),
            "record progress",
            template="report_issued",  # a complete action plan, nothing done yet
        ),
        Step("read action plan", "area_manager",
             lambda e, c: actionplan.action_plan_rows(e, as_person=c["area_manager"], inspection=c.inspection), None),
    ]


def _done_steps() -> list[Step]:
    def done(index: int, on: str) -> Step:
        return Step(
            f"mark action {index + 1} done", "district_manager",
            on_day(on, lambda e, c: actionplan.record_progress(
                e, as_person=c["district_manager"], inspection=c.inspection, action_id=c.actions[index],
                text="Done", on=on, done=True,
            )),
            "mark action done",
        )

    def verify(index: int, template: str | None = None) -> Step:
        return Step(
            f"verify action {index + 1}", "area_manager",
            on_day("2026-04-21", lambda e, c: actionplan.verify_action(
                e, as_person=c["area_manager"], inspection=c.inspection, action_id=c.actions[index], on="2026-04-21"
            )),
            "verify action",
            template,
        )

    steps = [done(i, "2026-04-20") for i in range(len(THEMES))]
    steps[-1] = attrs.evolve(steps[-1], template="monitoring")  # every action done, none verified
    steps.append(
        Step(
            "send action 1 back", "area_manager",
            on_day("2026-04-20", lambda e, c: actionplan.verify_action(
                e, as_person=c["area_manager"], inspection=c.inspection, action_id=c.actions[0], on="2026-04-20",
                send_back_reason="No evidence the training happened",
            )),
            "send action back",
        )
    )
    steps.append(done(0, "2026-04-21"))
    steps += [verify(i) for i in range(len(THEMES))]
    steps[-1] = attrs.evolve(steps[-1], template="monitoring_verified")
    return steps


def walk() -> list[Step]:
    """Every step from an empty workspace to a closed inspection, in order."""
    return [
        *_setup_steps(),
        Step("plan inspection", "lead", _plan, "plan inspection", template="planned"),
        _advance_step("notify", "lead", "2026-03-05", template="notified"),
        _advance_step("start_fieldwork", "lead", "2026-03-09"),
        *(attrs.evolve(step, run=on_day("2026-03-10", step.run)) for step in _fieldwork_steps()),
        _advance_step("give_feedback", "lead", "2026-03-12", template="feedback_given"),
        *_conclusion_steps(),
        _advance_step("draft_report", "lead", "2026-03-16"),
        Step("read draft report", "theme_lead",
             lambda e, c: reporting.report_content(e, as_person=c["theme_lead"], inspection=c.inspection), None,
             template="report_drafted"),
        _advance_step("issue_report", "lead", "2026-03-20"),
        Step(
            "reissue report", "lead",
            on_day("2026-03-23", lambda e, c: reporting.reissue_report(
                e, as_person=c["lead"], inspection=c.inspection, reason="Corrected a team name", on=date(2026, 3, 23)
            )),
            "reissue report",
        ),
        Step(
            "amend evidence", "inspector",
            lambda e, c: evidence.edit_evidence(
                e, as_person=c["inspector"], inspection=c.inspection, evidence_id=c.evidence["inspector_file_review"],
                changes={"team": "Children in care"}, revision=revision_of(e, c, c.evidence["inspector_file_review"]),
                amendment_reason="wrong team recorded",
            ),
            "amend FileReview: wrong team recorded",
        ),
        *_action_steps(),
        _advance_step("submit_action_plan", "district_manager", "2026-03-30"),
        _advance_step("return_action_plan", "area_manager", "2026-03-31", note="Action 2 needs a measure"),
        _advance_step("submit_action_plan", "district_manager", "2026-04-01", template="action_plan_submitted"),
        _advance_step("approve_action_plan", "area_manager", "2026-04-02", template="action_plan_approved"),
        _advance_step("start_monitoring", "area_manager", "2026-04-03"),
        *_done_steps(),
        _advance_step("close", "lead", "2026-04-22", template="closed"),
        Step("read deadlines", "district_manager",
             lambda e, c: queries.deadline_statuses(e, person=c["district_manager"], include_met=True), None),
    ]


def fingerprint(root: Path) -> dict[str, str]:
    """Every file under the workspace folder and a hash of its bytes."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def actor_id(cast: Cast, key: str | None) -> str:
    return SETUP_ACTOR if key is None else cast[key]


@attrs.frozen
class Templates:
    folders: dict[str, Path]
    cast: Cast
    days: dict[str, datetime] = attrs.field(factory=dict)  # the clock when each stage was kept

    def copy(self, stage: str, into: Path) -> Path:
        """A copy of the workspace as the stage left it; the clock moves to the day it was kept."""
        root = into / "ws"
        shutil.copytree(self.folders[stage], root)
        living_on(self.days.get(stage, NOW))
        return root


@pytest.fixture(scope="session")
def templates(tmp_path_factory) -> Templates:
    """The walked inspection, kept at each stage it passed through."""
    reset_clock()
    base = tmp_path_factory.mktemp("templates")
    root = base / "walk"
    engine = open_engine(root, create=True)
    cast = Cast()
    folders: dict[str, Path] = {}
    days: dict[str, datetime] = {}
    for step in walk():
        step.run(engine, cast)
        if step.template:
            folders[step.template] = base / step.template
            days[step.template] = clock()
            shutil.copytree(root, folders[step.template])
    reset_clock()
    return Templates(folders, cast, days)

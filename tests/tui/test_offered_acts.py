"""Screens offer exactly the acts the engine accepts: for every person and every inspection stage in the trial.

Each key a screen offers is tried through the engine on a copy of the workspace, as the screen would call it;
each key it hides is tried too. An offered act is never refused by the rules; a hidden one always is. A
lifecycle step may be offered while its own guards still block it: then the engine refuses with exactly the
blockers the step's dialog shows.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from peerinspect.domain.errors import InvalidInput, NotFound, Refused
from peerinspect.engine import actionplan, conclusions, outputs, queries, reporting, workflow
from peerinspect.engine.core import Engine
from peerinspect.framework import load_catalogue
from peerinspect.tui.screens.action_plan import ON_AN_ACTION, STEPS, ActionPlanScreen
from peerinspect.tui.screens.inspection import InspectionScreen
from peerinspect.tui.screens.judgements import JudgementsScreen
from peerinspect.tui.screens.report import ReportScreen
from peerinspect.tui.session import Session

from .conftest import app_for, engine_on_copy, inspection_id, journey
from .conftest import settle as settle_workers

PEOPLE = ["Ada Director", "Sam Senior", "Ivy Inspector", "Cal Ambassador", "Dee District", "Al Area"]
STAGES = [("Eastleigh", False), ("Fareham", False), ("Gosport", False), ("Gosport", True)]  # fieldwork … plan submitted


async def settle(pilot) -> None:
    """Let workers finish; a load that a newer load replaced was cancelled, which is how it should be."""
    from textual.worker import WorkerCancelled

    for _ in range(3):
        try:
            await settle_workers(pilot)
            return
        except WorkerCancelled:
            await pilot.pause()


@pytest.fixture
def trials(trial_workspace: Path, submitted_trial_workspace: Path) -> dict[bool, Path]:
    """The trial workspace, before and after the action plan is submitted (built once for the session)."""
    return {False: trial_workspace, True: submitted_trial_workspace}


def trial(trials: dict[bool, Path], tmp_path: Path, submitted: bool) -> Engine:
    return engine_on_copy(trials[submitted], tmp_path, load_catalogue())


def engine_copy(engine: Engine, tmp_path: Path) -> Engine:
    target = tmp_path / f"try-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(engine.root, target)
    return Engine.open(target, clock=engine.clock)


def outcome(engine: Engine, tmp_path: Path, call) -> str | None:
    """None when the engine accepts; otherwise its refusal, or that the record to act on does not exist.

    Each try is made on its own copy of the workspace, so one act never prepares the ground for the next."""
    try:
        call(engine_copy(engine, tmp_path))
    except (Refused, NotFound) as refused:
        return str(refused)
    except InvalidInput:
        return None  # the rules allowed the act: only the test's input was objected to
    return None


def judgements_calls(who, inspection, theme_id, today):
    return {
        "propose": lambda engine: conclusions.propose_judgement(engine, as_person=who, inspection=inspection, theme_id=theme_id,
                                                         grade="good", reasons="Plans are SMART"),
        "sign_off": lambda engine: conclusions.sign_off_judgement(engine, as_person=who, inspection=inspection, theme_id=theme_id),
        "recommend": lambda engine: conclusions.add_recommendation(engine, as_person=who, inspection=inspection, theme_id=theme_id,
                                                            text="Audit plans"),
        "feedback": lambda engine: workflow.advance(engine, as_person=who, inspection=inspection, event="give_feedback", on=today),
    }


def plan_calls(who, inspection, action_id, recommendation_id, today):
    calls = {
        "add": lambda engine: actionplan.add_action(engine, as_person=who, inspection=inspection,
                                             recommendation_id=recommendation_id, what="Audit", due=date(2026, 5, 1)),
        "edit": lambda engine: actionplan.plan_action(engine, as_person=who, inspection=inspection, action_id=action_id, what="Audit all"),
        "progress": lambda engine: actionplan.record_progress(engine, as_person=who, inspection=inspection, action_id=action_id,
                                                       text="Begun", on=today),
        "done": lambda engine: actionplan.record_progress(engine, as_person=who, inspection=inspection, action_id=action_id,
                                                   text="", on=today, done=True),
        "verify": lambda engine: actionplan.verify_action(engine, as_person=who, inspection=inspection, action_id=action_id, on=today),
        "send_back": lambda engine: actionplan.verify_action(engine, as_person=who, inspection=inspection, action_id=action_id,
                                                      on=today, send_back_reason="Not yet"),
    }
    for key, event in STEPS.items():
        calls[f"step:{key}"] = lambda engine, event=event: workflow.advance(
            engine, as_person=who, inspection=inspection, event=event, on=today, note="Needs owners")
    return calls


async def screens_open_to(pilot, session: Session, inspection: str) -> dict[str, bool]:
    """Which screens this person can reach, the way a person does: the inspection is on their dashboard, and its
    overview (left open underneath) offers the key."""
    if inspection not in {s.id for s in queries.inspections_for(session.engine, session.person)}:
        return {"judgements": False, "report": False, "action_plan": False}
    overview = InspectionScreen(session, inspection)
    await pilot.app.push_screen(overview)
    await settle(pilot)
    return {key: bool(overview.check_action(key, ())) for key in ("judgements", "report", "action_plan")}


def check(offered: dict[str, bool], tries: dict[str, str | None], shown_blockers: dict[str, list[str]]) -> list[str]:
    wrong = []
    for key, offers in offered.items():
        refusal = tries[key]
        if offers and refusal is not None and refusal != "; ".join(shown_blockers.get(key, [])):
            wrong.append(f"{key}: offered, but the engine refused: {refusal}")
        if not offers and refusal is None:
            wrong.append(f"{key}: hidden, but the engine accepts it")
    return wrong


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("district, submitted", STAGES)
@journey
async def test_judgements_and_report_offer_what_the_engine_accepts(trials, tmp_path, who, district, submitted):
    engine = trial(trials, tmp_path, submitted)
    inspection = inspection_id(engine, district)
    session = Session(engine, engine.person(who))
    today = engine.today()
    app = app_for(engine, who)
    wrong = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        opens = await screens_open_to(pilot, session, inspection)
        if opens["judgements"]:
            screen = JudgementsScreen(session, inspection)
            await app.push_screen(screen)
            await settle(pilot)
            blockers = {"feedback": workflow.step_blockers(engine, as_person=who, inspection=inspection, event="give_feedback")}
            for theme in screen.framework.themes:
                screen.theme_id = theme.id
                offered = {key: bool(screen.check_action(key, ())) for key in ("propose", "sign_off", "recommend", "feedback")}
                tries = {key: outcome(engine, tmp_path, call)
                         for key, call in judgements_calls(who, inspection, theme.id, today).items()}
                wrong += [f"{theme.id} {w}" for w in check(offered, tries, blockers)]
            app.pop_screen()
            await settle(pilot)
        if opens["report"]:
            report = ReportScreen(session, inspection)
            await app.push_screen(report)
            await settle(pilot)
            offered = {key: bool(report.check_action(key, ())) for key in ("issue", "reissue")}
            tries = {
                "issue": outcome(engine, tmp_path, lambda copy: workflow.advance(
                    copy, as_person=who, inspection=inspection, event="issue_report", on=today)),
                "reissue": outcome(engine, tmp_path, lambda copy: reporting.reissue_report(
                    copy, as_person=who, inspection=inspection, reason="Typo")),
            }
            blockers = {"issue": workflow.step_blockers(engine, as_person=who, inspection=inspection, event="issue_report")}
            wrong += check(offered, tries, blockers)
            wrong += check(*saves_offered(report, engine, tmp_path, who, inspection), {})
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("submitted", [False, True])
@journey
async def test_the_action_plan_offers_what_the_engine_accepts(trials, tmp_path, who, submitted):
    engine = trial(trials, tmp_path, submitted)
    inspection = inspection_id(engine, "Gosport")
    session = Session(engine, engine.person(who))
    today = engine.today()
    app = app_for(engine, who)
    wrong = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        if not (await screens_open_to(pilot, session, inspection))["action_plan"]:
            return
        screen = ActionPlanScreen(session, inspection)
        await app.push_screen(screen)
        await settle(pilot)
        table = screen.query_one("DataTable")
        for row in range(max(table.row_count, 1)):
            if table.row_count:
                table.move_cursor(row=row)
                await pilot.pause()
            recommendation_id, action = screen._selected()
            recommendation_id = recommendation_id or (action.recommendation_id if action else None)
            offered = {key: bool(screen.check_action(key, ())) for key in ("add", *ON_AN_ACTION)}
            offered |= {f"step:{key}": bool(screen.check_action("step", (key,))) for key in STEPS}
            calls = plan_calls(who, inspection, action.id if action else "none", recommendation_id or "none", today)
            tries = {key: outcome(engine, tmp_path, call) for key, call in calls.items() if key in offered}
            blockers = {f"step:{key}": workflow.step_blockers(engine, as_person=who, inspection=inspection, event=event)
                        for key, event in STEPS.items()}
            if action is None:  # keys on an action are rightly hidden when no action is selected
                tries |= {key: "no action selected" for key in ON_AN_ACTION}
            wrong += [f"row {row} {w}" for w in check(offered, tries, blockers)]
        wrong += check(*saves_offered(screen, engine, tmp_path, who, inspection), {})
    assert not wrong, "\n".join(wrong)


def saves_offered(screen, engine: Engine, tmp_path: Path, who: str, inspection: str):
    """Save as…: each output the dialog would list, and each it leaves out, tried through the engine."""
    listed = {output.id for output in screen.outputs}
    offered = {f"save:{key}": key in listed for key in outputs.OUTPUTS}
    offered["save_output"] = bool(screen.check_action("save_output", ()))
    tries = {f"save:{key}": outcome(engine, tmp_path, lambda copy, key=key: outputs.render(
        copy, as_person=who, inspection=inspection, output_id=key)) for key in outputs.OUTPUTS}
    tries["save_output"] = None if listed else "nothing to save"
    return offered, tries

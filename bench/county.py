"""A county built the way a county's people build it: every record through the engine's use cases.

    python bench/county.py --inspections 150 --records 50000 --into /tmp/somewhere/county

Each inspection is planned, notified, inspected (one `add_evidence` per record, by its team, on
its fieldwork days), concluded (findings, judgements proposed and signed off, recommendations),
reported, answered by the district's action plan, monitored and closed, as far as its dates
allow. Fieldwork starts every Monday, one inspection per team each week, the newest first in the
list: the first are still planned, one per team is in fieldwork today, and those whose fieldwork
began more than about 17 weeks ago are closed (129 of 150). An inspection in seven has an
immediate safeguarding concern with its plan. Every use case writes its audit entry, so each
trail is as long as a real one.

Each inspection is built in a copy of the county that holds only its people and districts, then
moved into the county; workers build several at once. Opening the county then folds every
inspection into its index, as the store does with any inspection file it has not seen, and
`audit anchor` records the head of every trail, so `audit --verify` finds the county intact.
Built in one workspace, each save would rewrite an index that grows with the county, and the
county would take hours to build; this way it takes minutes. Even so, bench/cache.py has it
done once per version of what it holds, into a folder under /tmp; the processes that build turn fsync
into a no-op, since only the result is kept, and the process that times never does.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from peerinspect.domain.calendar import default_calendar  # noqa: E402
from peerinspect.engine import actionplan, authority, history, planning, workflow  # noqa: E402
from peerinspect.engine.core import Engine  # noqa: E402
from peerinspect.sample import (  # noqa: E402
    CONVERSATIONS, FULL, HARROWMERE_TEAMS, HARROWMERE_TEAMS_FOR, HP, INDICATORS, LA, LMG, OBSERVATIONS, FixedClock,
    Recorder, Writer, case_outlines, case_references, conclude, conversation_difference, file_review_fields,
    safeguarding_review,
)

TODAY = date(2026, 11, 25)  # a Wednesday: the inspection of this week is in its third day of fieldwork
CONCERN_EVERY = 7
AREAS = ("North", "South", "East", "West")
# Of every ten pieces of evidence: four file reviews, three conversations, two observations, one indicator.
KINDS = ("file_review", "conversation", "file_review", "observation", "conversation",
         "file_review", "indicator", "conversation", "file_review", "observation")
MARKER = "county.json"  # written last: a folder without it is a build that did not finish


class Team:
    """The people who inspect together: a lead, a lead per theme, inspectors and a care ambassador (their ids)."""

    def __init__(self, engine: Engine, number: int, director: str):
        def person(name: str, role: str) -> str:
            return authority.add_person(engine, f"{name} {number + 1}", role, as_person=director).id

        self.lead = director if number == 0 else person("Area Director", "area director")
        self.theme_leads = {theme: person(f"Theme Lead {theme[:2].upper()}", "senior manager") for theme in (HP, LA, LMG)}
        self.inspectors = [person(f"Inspector {letter}", "inspector") for letter in "ABCD"]
        self.ambassador = person("Care Ambassador", "care ambassador")

    def members(self) -> list[tuple[str, str]]:
        return [(p, "inspector") for p in self.inspectors] + [(self.ambassador, "care ambassador")]


class County:
    """The authority: areas, districts with their managers, and the teams that inspect them (their names and ids)."""

    def __init__(self, engine: Engine, teams: int, districts: int):
        director = authority.add_person(engine, "Area Director 1", "area director").id
        self.districts = [f"District {n + 1:03d}" for n in range(districts)]
        areas = AREAS[:districts]
        self.area_of = {name: areas[n % len(areas)] for n, name in enumerate(self.districts)}
        for name in self.districts:
            authority.add_district(engine, name, self.area_of[name], HARROWMERE_TEAMS, as_person=director)
        self.district_managers = {
            name: authority.add_person(engine, f"Manager of {name}", "district manager", district_ref=name,
                                       as_person=director).id
            for name in self.districts
        }
        self.area_managers = {
            area: authority.add_person(engine, f"Area Manager {area}", "area manager", area_ref=area,
                                       as_person=director).id
            for area in areas
        }
        self.teams = [Team(engine, n, director) for n in range(teams)]
        authority.update_settings(engine, {"authority": "Benchshire County Council (invented)"}, as_person=director)


@dataclass(frozen=True)
class Planned:
    """One inspection's place in the county: its team, how many weeks ago its fieldwork began (negative: still
    to come), and how much evidence it gathers."""

    number: int
    team: int
    weeks_ago: int
    records: int


def fieldwork_days(monday: date) -> list[date]:
    """The first four working days of the week, or its three when bank holidays take two: never into the next."""
    week = (monday + timedelta(days=n) for n in range(5))
    return [day for day in week if default_calendar().is_working_day(day)][:4]


def monday_of(weeks: int) -> date:
    return TODAY - timedelta(days=TODAY.weekday()) - timedelta(weeks=weeks)


class InspectionBuilder:
    """One inspection, taken as far through its life as its dates allow, one use case at a time."""

    def __init__(self, engine: Engine, clock: FixedClock, county: County, planned: Planned):
        self.engine, self.clock, self.county = engine, clock, county
        self.number, self.records = planned.number, planned.records
        self.team = county.teams[planned.team]
        self.days = fieldwork_days(monday_of(planned.weeks_ago))
        self.start, self.end = self.days[0], self.days[-1]
        self.district = county.districts[self.number % len(county.districts)]
        self.area = county.area_of[self.district]
        self.rng = Random(self.number)
        self.id = ""

    def build(self) -> str:
        """Plan the inspection, then take every step whose date has come; stop at the first that is still ahead."""
        self.clock.set(self.start - timedelta(days=28))
        self.id = planning.plan_inspection(
            self.engine, as_person=self.team.lead, district=self.district, framework_id=FULL,
            fieldwork_start=self.start, fieldwork_end=self.end, lead=self.team.lead,
            theme_leads=dict(self.team.theme_leads), team=self.team.members(),
            title=f"{self.district} peer inspection {self.number}",
        ).id
        try:
            self.live()
        except NotYet:
            pass
        return self.id

    def live(self) -> None:
        lead = self.team.lead
        manager, area_manager = self.county.district_managers[self.district], self.county.area_managers[self.area]
        self.step("notify", self.start - timedelta(days=7))
        self.step("start_fieldwork", self.start)
        saved = self.gather_evidence()
        self.step("give_feedback", self.end, hour=16)
        conclude(self.engine, self.clock, self.id, lead, self.team.theme_leads, saved, due(self.end + timedelta(days=5)))
        self.step("draft_report", self.end + timedelta(days=8))
        issued = self.end + timedelta(days=13 if self.number % 9 else 15)  # one in nine a day late
        self.step("issue_report", issued)
        actions = self.write_action_plan(due(issued + timedelta(days=3)))
        submitted = issued + timedelta(days=12)
        self.step("submit_action_plan", submitted, by=manager)
        self.step("approve_action_plan", submitted + timedelta(days=4), by=area_manager)
        self.step("start_monitoring", submitted + timedelta(days=4), by=area_manager)
        last = self.follow_up(actions, manager, area_manager, monitoring_from=submitted + timedelta(days=7))
        self.step("close", last + timedelta(days=1), by=area_manager)

    def step(self, event: str, on: date, by: str | None = None, hour: int = 9) -> None:
        workflow.advance(self.engine, as_person=by or self.team.lead, inspection=self.id, event=event,
                         on=self.clock.set(due(on), hour))

    def gather_evidence(self) -> dict:
        """The records of fieldwork, a day at a time; this week's inspection has had only the days up to today."""
        framework = self.engine.framework(FULL)
        days = [d for d in self.days if d <= TODAY]
        reviewers = [*self.team.inspectors, self.team.theme_leads[HP], self.team.theme_leads[LA]]
        authors = {"inspector": self.team.inspectors, "ambassador": [self.team.ambassador], "lead": [self.team.lead]}
        writer, add = Writer(self.rng), Recorder(self.engine, self.clock, self.id)
        kinds = [KINDS[n % len(KINDS)] for n in range(self.records)]
        reviews = kinds.count("file_review")
        outlines = case_outlines(self.rng, reviews)
        references = case_references(self.rng, f"B{self.number:03d}", min(reviews, 1900)) if reviews else []
        with_concern = self.number % CONCERN_EVERY == 3 and reviews > 1
        made = {kind: 0 for kind in KINDS}  # each kind cycles through its own examples
        for n, kind in enumerate(kinds):
            day = days[n * len(days) // max(1, self.records)]
            index, made[kind] = made[kind], made[kind] + 1
            if kind == "file_review":
                reference = references[index] if index < len(references) else f"B{self.number:03d}-{index}"
                if with_concern and index == reviews // 2:
                    self.raise_concern(add, reference, day)
                    continue
                fields = file_review_fields(self.rng, writer, framework, outlines[index], reference, HARROWMERE_TEAMS_FOR, day)
                add("file_review", reviewers[n % len(reviewers)], fields)
            elif kind == "observation":
                setting, practitioner, grade, theme, notes, difference = OBSERVATIONS[index % len(OBSERVATIONS)]
                add("observation", reviewers[n % len(reviewers)], {
                    "setting": setting, "practitioner": practitioner, "grade": grade, "theme_id": theme,
                    "notes": notes, "difference_made": difference, "recorded_on": day})
            elif kind == "conversation":
                group, form, mode, who, notes, answers = CONVERSATIONS[index % len(CONVERSATIONS)]
                pool = authors[who]
                add("conversation", pool[n % len(pool)], {
                    "with_group": group, "format": form, "mode": mode, "notes": notes, "family_answers": answers,
                    "difference_made": conversation_difference(group, answers), "recorded_on": day})
            else:
                name, value, comparator, period, theme, commentary, difference = INDICATORS[index % len(INDICATORS)]
                add("indicator", self.team.theme_leads[LMG], {
                    "name": name, "value": value, "comparator": comparator, "period": period, "theme_id": theme,
                    "commentary": commentary, "difference_made": difference, "recorded_on": day})
        return add.saved

    def raise_concern(self, add: Recorder, reference: str, day: date) -> None:
        concern = add("file_review", self.team.inspectors[0], safeguarding_review(reference, day)).concern
        self.clock.set(day, 17, 30)
        workflow.make_immediate_plan(
            self.engine, as_person=self.team.lead, inspection=self.id, concern_id=concern.id,
            owner=self.county.district_managers[self.district], on=day,
            first_action="Duty social worker to visit today; strategy discussion by noon tomorrow.",
        )

    def write_action_plan(self, on: date) -> list:
        manager = self.county.district_managers[self.district]
        self.clock.set(on, 10)
        recommendations = self.engine.workspace.dossier(self.id).recommendations
        return [
            actionplan.add_action(
                self.engine, as_person=manager, inspection=self.id, recommendation_id=r.id, owner=manager,
                what=f"Answer to recommendation {n + 1}: {r.text[:80]}", due=on + timedelta(weeks=8 + 2 * n),
            )
            for n, r in enumerate(recommendations)
        ]

    def follow_up(self, actions: list, manager: str, area_manager: str, monitoring_from: date) -> date:
        """Two progress notes on each action, then done and verified, a week apart from one action to the next."""
        last = monitoring_from
        for n, action in enumerate(actions):
            for weeks, note in ((1, "Work started with the team managers."), (4, "Half done; evidence gathered.")):
                on = self.clock.set(due(monitoring_from + timedelta(weeks=weeks + n)), 15)
                actionplan.record_progress(self.engine, as_person=manager, inspection=self.id, action_id=action.id,
                                           text=note, on=on)
            on = self.clock.set(due(monitoring_from + timedelta(weeks=7 + n)), 15)
            actionplan.record_progress(self.engine, as_person=manager, inspection=self.id, action_id=action.id,
                                       text="Done.", on=on, done=True)
            last = self.clock.set(due(on + timedelta(days=7)), 11)
            actionplan.verify_action(self.engine, as_person=area_manager, inspection=self.id, action_id=action.id,
                                     on=last)
        return last


class NotYet(Exception):
    """The next step of an inspection is dated after today: it stops where a real one would be now."""


def due(on: date) -> date:
    if on > TODAY:
        raise NotYet(on)
    return on


@dataclass(frozen=True)
class CountySpec:
    """What to build: how many inspections and pieces of evidence, and the inspections in fieldwork today."""

    inspections: int
    records: int
    teams: int = 1  # inspections starting fieldwork each week
    future_weeks: int = 2  # weeks of inspections already planned (the nearest one notified)
    fieldwork_records: int = 340  # evidence of the first team's inspection in fieldwork today
    big: int | None = None  # one more inspection in fieldwork today, by a team of its own, holding this much

    def arguments(self) -> list[str]:
        found = ["--inspections", str(self.inspections), "--records", str(self.records), "--teams", str(self.teams),
                 "--future-weeks", str(self.future_weeks), "--fieldwork-records", str(self.fieldwork_records)]
        return found + (["--big", str(self.big)] if self.big is not None else [])

    def folder_name(self) -> str:
        return "county-" + "-".join(a.lstrip("-") for a in self.arguments())

    def schedule(self) -> list[Planned]:
        """Every inspection, newest first: the big one (if any), then the teams' weekly round. Inspections before
        fieldwork hold no evidence; today's fixed ones hold what they were given; the others share the rest."""
        regular = self.inspections - (self.big is not None)
        planned = [Planned(n, n % self.teams, n // self.teams - self.future_weeks, 0) for n in range(regular)]
        fixed = {planned[self.future_weeks * self.teams].number: self.fieldwork_records}
        if self.big is not None:
            planned.insert(0, Planned(regular, self.teams, 0, 0))
            fixed[regular] = self.big
        sharing = [p for p in planned if p.weeks_ago >= 0 and p.number not in fixed]
        share, extra = divmod(max(0, self.records - sum(fixed.values())), max(1, len(sharing)))
        counts = {p.number: share + (index < extra) for index, p in enumerate(sharing)} | fixed
        return [Planned(p.number, p.team, p.weeks_ago, counts.get(p.number, 0)) for p in planned]


def build(into: Path, spec: CountySpec, workers: int = 1, progress=print) -> dict:
    """Build a county into `into` (which must not exist yet) and describe it; see the module's docstring."""
    started = time.monotonic()
    schedule = spec.schedule()
    engine = Engine.open(into, clock=FixedClock(monday_of(max(p.weeks_ago for p in schedule) + 5)), create=True)
    county = County(engine, spec.teams + (spec.big is not None), districts=max(3, spec.inspections // 2))
    workshop = into.with_name(into.name + ".building")  # removed when done; a cut-off build leaves it to remove
    authority_only = workshop / "authority"
    shutil.copytree(into, authority_only)
    # The longest first, so that no worker is left with a long one at the end.
    jobs = [(into, authority_only, county, planned) for planned in sorted(schedule, key=lambda p: -p.records)]
    made = {}
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for number, inspection_id in pool.imap_unordered(_build_one, jobs):
            made[number] = inspection_id
            if progress and len(made) % 10 == 0:
                progress(f"  {len(made)}/{len(jobs)} inspections, {time.monotonic() - started:.0f} s", flush=True)
    shutil.rmtree(workshop)
    # Opening the county folds the inspections into its index, as the store does with any file it has not seen;
    # the anchor records the head of every inspection's trail, so that `audit --verify` finds them all intact.
    Engine.open(into)
    engine = Engine.open(into, clock=lambda: datetime.combine(TODAY, datetime.min.time()).replace(hour=12))
    director = county.teams[0].lead
    history.take_anchor(engine, as_person=director)
    fieldwork = next(p for p in schedule if p.weeks_ago == 0 and p.team == 0)
    description = {
        "today": TODAY.isoformat(),
        "inspections": len(schedule),
        "records": sum(p.records for p in schedule),
        "fieldwork": made[fieldwork.number],
        "fieldwork_records": fieldwork.records,
        "inspector": county.teams[0].inspectors[0],
        "big": made[schedule[0].number] if spec.big is not None else None,
        "big_records": spec.big,
        "big_inspector": county.teams[-1].inspectors[0],
        "director": director,
        "stages": dict(Counter(s.inspection.stage.label for s in engine.summaries())),
        "built_in_seconds": round(time.monotonic() - started),
    }
    (into / MARKER).write_text(json.dumps(description, indent=2))
    return description


def _build_one(job: tuple[Path, Path, County, Planned]) -> tuple[int, str]:
    """One inspection, built in a copy of the county holding only its people and districts, then moved into it."""
    into, authority_only, county, planned = job
    scratch = Path(tempfile.mkdtemp(dir=authority_only.parent)) / "workspace"
    shutil.copytree(authority_only, scratch)
    clock = FixedClock(TODAY)
    engine = Engine.open(scratch, clock=clock)
    inspection_id = InspectionBuilder(engine, clock, county, planned).build()
    engine.workspace.fold(inspection_id)  # its saves are in its journal until folded into the file that is moved
    built = engine.workspace.inspection_path(inspection_id)
    os.replace(built, into / built.relative_to(scratch))
    shutil.rmtree(scratch.parent)
    return planned.number, inspection_id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--into", type=Path, required=True, help="a new folder for the county's workspace")
    parser.add_argument("--inspections", type=int, required=True)
    parser.add_argument("--records", type=int, required=True, help="pieces of evidence in the whole county")
    parser.add_argument("--teams", type=int, default=1, help="inspections starting fieldwork each week")
    parser.add_argument("--future-weeks", type=int, default=2, help="weeks of inspections already planned")
    parser.add_argument("--fieldwork-records", type=int, default=340, help="evidence of the inspection in fieldwork")
    parser.add_argument("--big", type=int, help="evidence of one more inspection in fieldwork today")
    parser.add_argument("--workers", type=int, default=1, help="processes building at once")
    args = parser.parse_args(argv)
    spec = CountySpec(args.inspections, args.records, args.teams, args.future_weeks, args.fieldwork_records, args.big)
    os.fsync = lambda fd: None  # this process only builds: what it makes is kept, not what a crash would leave
    print(json.dumps(build(args.into, spec, args.workers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How the workspace store scales: a county-scale workspace against a small one.

    python bench/bench_store.py                    # 150 inspections, 50,000 records, against 1,000 records
    python bench/bench_store.py --profile          # and where the time of one save goes at county scale

Both workspaces hold inspections of the same size (about 333 records each): the small one has
three, the county one 150. Each is filled by importing bundles built in memory (inserting 50,000
records one save at a time would take minutes), then timed on what a person does all day:

    save      one piece of evidence added to one inspection (engine add_evidence)
    open      one inspection read in full (workspace.dossier), from a fresh process's view of the files
    list      every inspection's summary (workspace.summaries), from a fresh process's view of the files

Targets: a save at 50,000 records takes at most 1.5 times a save at 1,000, and its p95 is under 5 ms.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import io
import json
import pstats
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from peerinspect.engine import authority, bundle, evidence, planning, workflow  # noqa: E402
from peerinspect.engine.core import Engine  # noqa: E402
from peerinspect.store.workspace import Workspace  # noqa: E402

FULL = "hampshire-peer-inspection"
START = date(2026, 3, 2)  # a Monday
# Of every ten records: four file reviews, three conversations, two observations, one indicator.
KIND_CYCLE = ("file_review", "conversation", "file_review", "observation", "conversation",
              "file_review", "indicator", "conversation", "file_review", "observation")
SAVE_TARGET_RATIO = 1.5
SAVE_TARGET_P95_MS = 5.0


# building ---------------------------------------------------------------------------------------
class Template:
    """One small inspection made through the engine, whose documents are copied to fill the big workspaces."""

    def __init__(self, scratch: Path):
        self.clock_now = datetime.combine(START, datetime.min.time())
        engine = Engine.open(scratch, clock=lambda: self.clock_now, create=True)
        authority.add_district(engine, "Template", "North", ("Assessment", "Children in Care"))
        lead = authority.add_person(engine, "Lead Director", "area director").id
        self.lead = lead
        self.inspector = authority.add_person(engine, "Ina Inspector", "inspector", as_person=lead).id
        authority.add_person(engine, "Dee Manager", "district manager", district_ref="Template", as_person=lead)
        inspection = planning.plan_inspection(
            engine, as_person=lead, district="Template", framework_id=FULL, fieldwork_start=START,
            fieldwork_end=START + timedelta(days=3), lead=lead, team=[(self.inspector, "inspector")],
        ).id
        workflow.advance(engine, as_person=lead, inspection=inspection, event="notify", on=START)
        workflow.advance(engine, as_person=lead, inspection=inspection, event="start_fieldwork", on=START)
        for kind, fields in evidence_examples().items():
            evidence.add_evidence(engine, as_person=self.inspector, inspection=inspection, kind=kind, fields=fields)
        self.bundle = bundle.export_bundle(engine, as_person=lead, inspection=inspection, include_case_refs=True)
        self.documents = {kind: docs[0] for kind, docs in self.bundle["records"].items() if docs}

    def inspection_bundle(self, number: int, records: int, districts: list[dict]) -> str:
        """The text of a bundle holding one new inspection with `records` pieces of evidence."""
        made = copy.deepcopy({k: v for k, v in self.bundle.items() if k != "records"})
        district = districts[number % len(districts)]
        inspection_id = uuid.uuid4().hex
        start = START + timedelta(weeks=number % 150)
        made["districts"] = [*made["districts"], district]
        made["inspection"].update(
            id=inspection_id, district_id=district["id"], title=f"{district['name']} inspection {number}",
            fieldwork_start=start.isoformat(), fieldwork_end=(start + timedelta(days=3)).isoformat(),
        )
        made["records"] = {kind: [] for kind in self.bundle["records"]}
        for n in range(records):
            kind = KIND_CYCLE[n % len(KIND_CYCLE)]
            document = dict(self.documents[kind], id=uuid.uuid4().hex, inspection_id=inspection_id)
            if kind == "file_review":
                document["case_reference"] = f"BEN-{number:03d}-{n:04d}"
            made["records"][kind].append(document)
        return json.dumps(made)


def evidence_examples() -> dict[str, dict]:
    return {
        "file_review": {
            "case_reference": "BEN-000-0000", "team": "Assessment", "allocated_worker": "A. Worker",
            "age_band": "4_to_10", "legal_status": "child_in_need", "risk_factors": ["neglect", "domestic_violence"],
            "theme_id": "help-and-protection",
            "grades": {"hp-assessment": "good", "hp-voice": "requires-improvement", "hp-planning": "good",
                       "hp-risk": "good", "hp-oversight": "requires-improvement"},
            "strengths": "Visits are regular and purposeful, and the child is seen alone at every visit. " * 2,
            "areas_for_development": "The plan's actions have no timescales, so progress is hard to measure. " * 2,
            "difference_made": "The child now attends school every day: attendance rose from 60% to 94% in a term.",
        },
        "observation": {
            "setting": "home_visit", "practitioner": "Social worker, Assessment team", "grade": "good",
            "notes": "Warm, confident visit; the worker checked what had changed since the last visit. " * 3,
            "difference_made": "The children's worries went straight into the plan.",
        },
        "conversation": {
            "with_group": "worker", "notes": "Feels well supported; caseload high but manageable. " * 4,
            "difference_made": "Workers can name a child whose life changed because of their plan.",
        },
        "indicator": {
            "name": "Re-referrals within 12 months", "value": "24.1%", "comparator": "Area 21.8%",
            "period": "Apr–Sep 2026", "commentary": "Higher than the area; step-down happens too early.",
            "difference_made": "Some families come back within a year with the same worries.",
        },
    }


def build_workspace(root: Path, template: Template, inspections: int, records: int, districts: int = 25) -> Engine:
    engine = Engine.open(root, clock=datetime.now, create=True)
    area_id = template.bundle["districts"][0]["area_id"]
    made_districts = [
        dict(template.bundle["districts"][0], id=uuid.uuid4().hex, name=f"District {n:02d}", area_id=area_id)
        for n in range(districts)
    ]
    per_inspection, extra = divmod(records, inspections)
    for number in range(inspections):
        text = template.inspection_bundle(number, per_inspection + (number < extra), made_districts)
        bundle.import_bundle(engine, text, source=f"bench {number}", as_person=_director(engine))
    return engine


def _director(engine: Engine) -> str | None:
    return next((p.id for p in engine.workspace.people() if p.role.value == "area_director"), None)


# timing -----------------------------------------------------------------------------------------
def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class Operations:
    """The timed operations on one workspace. Opening and listing come first, before saves grow a file."""

    names = ("open", "open (already read)", "list", "list (already read)", "save")

    def __init__(self, engine: Engine, template: Template):
        self.engine, self.template = engine, template
        summaries = engine.workspace.summaries()
        self.target = summaries[len(summaries) // 2].id
        self.others = [s.id for s in summaries if s.id != self.target] or [self.target]
        self.fields = evidence_examples()["conversation"]
        # Untimed warm-up: the first calls build cattrs' structuring code and read each file once.
        for _ in range(3):
            self.save(0)
            self.fresh().dossier(self.target)
            self.fresh().summaries()

    def fresh(self) -> Workspace:
        # A Workspace that has read nothing yet: what a new session pays, or anyone after another person's save.
        return Workspace.open(self.engine.workspace.root)

    def prepare(self, name: str):
        """What to time for one run of `name`: anything it needs is made here, outside the timing."""
        if name == "open":
            workspace = self.fresh()
            return lambda run: workspace.dossier(self.others[run % len(self.others)])
        if name == "open (already read)":
            return lambda run: self.engine.workspace.dossier(self.others[run % len(self.others)])
        if name == "list":
            workspace = self.fresh()
            return lambda run: workspace.summaries()
        if name == "list (already read)":
            return lambda run: self.engine.workspace.summaries()
        return self.save

    def save(self, run: int) -> None:
        evidence.add_evidence(self.engine, as_person=self.template.inspector, inspection=self.target,
                              kind="conversation", fields=self.fields)


def measure(workspaces: list[Operations], runs: int) -> list[dict[str, list[float]]]:
    """Milliseconds per run, for each workspace. Runs alternate between the workspaces, so a busy moment
    on the machine falls on both alike."""
    results: list[dict[str, list[float]]] = [{name: [] for name in Operations.names} for _ in workspaces]
    for name in Operations.names:
        for run in range(runs):
            for operations, times in zip(workspaces, results):
                operation = operations.prepare(name)
                started = time.perf_counter()
                operation(run)
                times[name].append((time.perf_counter() - started) * 1000)
    return results


def profile_one_save(engine: Engine, template: Template, lines: int = 25) -> str:
    summaries = engine.workspace.summaries()
    target = summaries[len(summaries) // 2].id
    fields = evidence_examples()["conversation"]
    # Warm up the way the timed runs were, so the profile shows a steady-state save.
    evidence.add_evidence(engine, as_person=template.inspector, inspection=target, kind="conversation", fields=fields)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        evidence.add_evidence(engine, as_person=template.inspector, inspection=target, kind="conversation",
                              fields=fields)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    return out.getvalue()


# the report -------------------------------------------------------------------------------------
def table(small: dict, large: dict, small_label: str, large_label: str) -> str:
    header = f"{'operation':<22}{small_label + ' median':>16}{small_label + ' p95':>14}" \
             f"{large_label + ' median':>17}{large_label + ' p95':>15}{'p95 ratio':>11}"
    rows = [header, "-" * len(header)]
    for name in small:
        s, b = small[name], large[name]
        rows.append(
            f"{name:<22}{statistics.median(s):>13.2f} ms{p95(s):>11.2f} ms"
            f"{statistics.median(b):>14.2f} ms{p95(b):>12.2f} ms{p95(b) / p95(s):>10.2f}x"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, default=150)
    parser.add_argument("--records", type=int, default=50_000, help="evidence records in the county workspace")
    parser.add_argument("--small-records", type=int, default=1_000, help="evidence records in the small workspace")
    parser.add_argument("--runs", type=int, default=100, help="timed runs of each operation")
    parser.add_argument("--workdir", type=Path, help="build the workspaces here (default: a temporary folder)")
    parser.add_argument("--profile", action="store_true", help="profile saves at county scale")
    args = parser.parse_args(argv)

    per_inspection = args.records / args.inspections
    small_inspections = max(1, round(args.small_records / per_inspection))
    with tempfile.TemporaryDirectory(dir=args.workdir) as scratch:
        scratch = Path(scratch)
        template = Template(scratch / "template")
        started = time.perf_counter()
        small = build_workspace(scratch / "small", template, small_inspections, args.small_records)
        large = build_workspace(scratch / "large", template, args.inspections, args.records)
        print(f"built {small_inspections} inspections / {args.small_records:,} records and "
              f"{args.inspections} inspections / {args.records:,} records in {time.perf_counter() - started:.1f} s "
              f"(in {scratch})\n")
        small_times, large_times = measure([Operations(small, template), Operations(large, template)], args.runs)
        small_label, large_label = _short(args.small_records), _short(args.records)
        print(table(small_times, large_times, small_label, large_label))
        ratio = p95(large_times["save"]) / p95(small_times["save"])
        save_p95 = p95(large_times["save"])
        print()
        print(f"save p95 at {large_label} / save p95 at {small_label}: {ratio:.2f}x "
              f"(target <= {SAVE_TARGET_RATIO}x): {'met' if ratio <= SAVE_TARGET_RATIO else 'MISSED'}")
        median_ratio = statistics.median(large_times["save"]) / statistics.median(small_times["save"])
        print(f"save median at {large_label} / save median at {small_label}: {median_ratio:.2f}x")
        print(f"save p95 at {large_label}: {save_p95:.2f} ms (target < {SAVE_TARGET_P95_MS} ms): "
              f"{'met' if save_p95 < SAVE_TARGET_P95_MS else f'MISSED by {save_p95 - SAVE_TARGET_P95_MS:.2f} ms'}")
        if args.profile:
            print(f"\nTwenty saves into one inspection of the {large_label} workspace, by cumulative time:\n")
            print(profile_one_save(large, template))
    return 0


def _short(records: int) -> str:
    return f"{records // 1000}k" if records >= 1000 and records % 1000 == 0 else str(records)


if __name__ == "__main__":
    sys.exit(main())

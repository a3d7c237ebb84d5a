"""The JSON bundle: one whole inspection with the areas, districts and people it needs.

    {
      "format": "peerinspect-bundle",
      "format_version": 1,
      "areas": [...], "districts": [...], "people": [...],     # stored documents, each with _kind and _schema
      "inspection": {...},
      "records": {"file_review": [...], "observation": [...], ..., "report": [...]}
    }

Every document is exactly what the workspace stores, so a bundle round-trips every
record kind. Importing is idempotent: records already present with the same id are
left alone, and importing an inspection the workspace already holds changes nothing.
An area or district the workspace already holds under the same name (case and spacing
ignored) is the workspace's own: the bundle's records are read as naming it.
"""

from __future__ import annotations

import json

from typing import Any

import attrs
from attrs import frozen

from ..domain.authority import Area, District, Person, name_key
from ..domain.calendar import default_calendar
from ..domain.deadlines import fieldwork_problems
from ..domain.dossier import INSPECTION_RECORD_CLASSES
from ..domain.errors import InvalidInput, NotFound, Problem, did_you_mean, unknown_key
from ..domain.evidence import FileReview
from ..domain.inspection import Inspection
from ..domain.permissions import Act
from ..store.converter import KIND_KEY, KINDS, from_new_document, kind_of, to_document
from ..store.workspace import dossier_of
from .access import SETUP_ACTOR, require, setup_actor
from .bundle_schema import FORMAT, FORMAT_VERSION, validate
from .core import Engine
from .planning import team_problems

TOP_LEVEL_KEYS = ("format", "format_version", "areas", "districts", "people", "inspection", "records")
INSPECTION_RECORD_KINDS = tuple(cls.KIND for cls in INSPECTION_RECORD_CLASSES)


def export_bundle(engine: Engine, *, as_person: str, inspection: str, include_case_refs: bool = False) -> dict:
    """The whole inspection. Case references and workers' names are withheld unless asked for by the lead."""
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    require(engine, person, Act.READ_EVIDENCE, summary.inspection)
    if include_case_refs:
        require(engine, person, Act.EXPORT_CASE_REFS, summary.inspection)
    dossier = engine.workspace.dossier(summary.inspection.id)
    if not include_case_refs:
        dossier = attrs.evolve(dossier, file_reviews=tuple(_withheld(r, n) for n, r in enumerate(dossier.file_reviews, 1)))
    district = engine.district(summary.inspection.district_id)
    area_ids = {district.area_id}
    people_ids = {summary.inspection.lead_id, *(m.person_id for m in summary.inspection.team)}
    records = {kind: [] for kind in INSPECTION_RECORD_KINDS}
    everything = (*dossier.evidence, *dossier.findings, *dossier.judgements, *dossier.recommendations,
                  *dossier.concerns, *dossier.actions, *dossier.reports)
    for record in everything:
        document = to_document(record)
        records[document[KIND_KEY]].append(document)
        for field in ("author_id", "owner_id", "raised_by", "issued_by", "verified_by", "signed_off_by"):
            if getattr(record, field, None):
                people_ids.add(getattr(record, field))
    people = [p for p in engine.workspace.people() if p.id in people_ids or p.district_id == district.id]
    area_ids |= {p.area_id for p in people if p.area_id}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "areas": [to_document(a) for a in engine.workspace.areas() if a.id in area_ids],
        "districts": [to_document(district)],
        "people": [to_document(p) for p in people],
        "inspection": to_document(dossier.inspection),
        "records": records,
    }


@frozen(kw_only=True)
class ImportPlan:
    """What importing a bundle would add, checked against every rule before anything is written."""

    source: str
    actor_id: str
    areas: tuple[Area, ...] = ()
    districts: tuple[District, ...] = ()
    people: tuple[Person, ...] = ()
    inspection: Inspection | None = None  # None when the workspace already holds it
    records: tuple = ()

    @property
    def is_empty(self) -> bool:
        return not (self.areas or self.districts or self.people or self.inspection)

    def counts(self) -> dict[str, int]:
        added: dict[str, int] = {}
        inspection = (self.inspection,) if self.inspection else ()
        for record in (*self.areas, *self.districts, *self.people, *inspection, *(self.records if inspection else ())):
            added[kind_of(record)] = added.get(kind_of(record), 0) + 1
        return added


def import_bundle(engine: Engine, text: str, *, source: str = "bundle", as_person: str | None = None) -> dict[str, int]:
    """Add what the bundle holds that the workspace lacks. Returns how many records of each kind were added."""
    return apply_import(engine, plan_import(engine, text, source=source, as_person=as_person))


def plan_import(engine: Engine, text: str, *, source: str = "bundle", as_person: str | None = None) -> ImportPlan:
    """Everything the bundle would add, or the reasons it may not: a bundle grants no power its importer lacks.

    The importer must be allowed to set up the authority for each area, district and person it adds
    (anyone, while the workspace has no area director), and to plan the inspection it carries, which
    must pass every rule planning applies: who leads, who leads each theme, who takes each team role.
    """
    bundle = _same_names_as_held(engine, _parse(text, source))
    known = {
        "areas": {a.id for a in engine.workspace.areas()},
        "districts": {d.id for d in engine.workspace.districts()},
        "people": {p.id for p in engine.workspace.people()},
    }
    new = {key: tuple(r for r in bundle[key] if r.id not in known[key]) for key in known}
    inspection: Inspection = bundle["inspection"]
    already_held = inspection.id in engine.workspace.inspection_ids()
    if already_held:
        _same_or_refuse(engine, bundle, source)
    plan = ImportPlan(source=source, actor_id="", areas=new["areas"], districts=new["districts"], people=new["people"],
                      inspection=None if already_held else inspection, records=() if already_held else tuple(bundle["records"]))
    if plan.is_empty:
        return plan
    adds = [act for act, records in ((Act.ADD_AREA, plan.areas), (Act.ADD_DISTRICT, plan.districts),
                                     (Act.ADD_PERSON, plan.people)) if records]
    actor_id = setup_actor(engine, as_person, adds[0] if adds else Act.PLAN_INSPECTION)
    for act in adds[1:]:
        setup_actor(engine, as_person, act)
    if plan.inspection is not None and actor_id != SETUP_ACTOR:
        require(engine, engine.person(actor_id), Act.PLAN_INSPECTION)
    problems = _reference_problems(engine, bundle, source) + _duplicate_problems(bundle, source)
    if plan.inspection is not None:
        problems += _planning_problems(engine, bundle, source)
        if engine.workspace.inspection_path(inspection.id).exists():
            problems.append(Problem(f"{source}: inspection", "the workspace holds an unreadable copy of this inspection"))
    if problems:
        raise InvalidInput(problems)
    return attrs.evolve(plan, actor_id=actor_id)


def apply_import(engine: Engine, plan: ImportPlan) -> dict[str, int]:
    """Write what `plan_import` checked: the authority's new records first, then the inspection."""
    if plan.is_empty:
        return {}
    index_records = (*plan.areas, *plan.districts, *plan.people)
    if index_records:
        with engine.workspace.index() as tx:
            tx.attribute(at=engine.now(), actor_id=plan.actor_id, action=f"import {plan.source}")
            for record in index_records:
                tx.restore(record)
    if plan.inspection is not None:
        with engine.workspace.inspection(plan.inspection.id, new=True) as tx:
            tx.attribute(at=engine.now(), actor_id=plan.actor_id, action=f"import {plan.source}")
            tx.restore(plan.inspection)
            for record in plan.records:
                tx.restore(record)
    return plan.counts()


def _same_names_as_held(engine: Engine, bundle: dict) -> dict:
    """The bundle read against the workspace: an area or district of a name already taken (by the workspace, or
    earlier in the bundle) is that one, and every district, person and inspection naming it follows."""
    area_ids = _one_id_per_name(engine.workspace.areas(), bundle["areas"])
    district_ids = _one_id_per_name(engine.workspace.districts(), bundle["districts"])
    if not area_ids and not district_ids:
        return bundle
    area = lambda area_id: area_ids.get(area_id, area_id)  # noqa: E731
    district = lambda district_id: district_ids.get(district_id, district_id)  # noqa: E731
    inspection = bundle["inspection"]
    return {
        **bundle,
        "areas": [a for a in bundle["areas"] if a.id not in area_ids],
        "districts": [attrs.evolve(d, area_id=area(d.area_id)) for d in bundle["districts"] if d.id not in district_ids],
        "people": [attrs.evolve(p, area_id=area(p.area_id), district_id=district(p.district_id)) for p in bundle["people"]],
        "inspection": attrs.evolve(inspection, district_id=district(inspection.district_id)),
    }


def _one_id_per_name(held: list, incoming: list) -> dict[str, str]:
    """For each incoming record whose name is already taken under another id: its id, and the id that has the name."""
    ids = {r.id for r in held}
    owner: dict[str, str] = {}
    for record in held:
        owner.setdefault(name_key(record.name), record.id)
    renamed = {}
    for record in incoming:
        if record.id in ids:
            continue
        taken = owner.setdefault(name_key(record.name), record.id)
        if taken != record.id:
            renamed[record.id] = taken
    return renamed


def _people_after(engine: Engine, bundle: dict) -> dict[str, Person]:
    """The people the workspace would hold: its own, and the bundle's it lacks (a held person keeps their role)."""
    return {**{p.id: p for p in bundle["people"]}, **engine.people_by_id()}


def _planning_problems(engine: Engine, bundle: dict, source: str) -> list[Problem]:
    inspection: Inspection = bundle["inspection"]
    try:
        framework = engine.framework(inspection.framework_id)
    except NotFound as error:
        return [Problem(f"{source}: inspection.framework_id", str(error))]
    people = _people_after(engine, bundle)
    lead = people.get(inspection.lead_id)
    problems = [] if lead else [Problem(f"{source}: inspection.lead_id", f"{inspection.lead_id!r} is not a person of this authority")]
    problems += team_problems(lead, inspection.team, people, framework, until=inspection.fieldwork_end)
    problems += fieldwork_problems(inspection, framework, default_calendar())
    return [Problem(f"{source}: inspection.{p.field}", p.message) for p in problems]


def _reference_problems(engine: Engine, bundle: dict, source: str) -> list[Problem]:
    """Every district, area and person the new records name must exist once the import is done."""
    areas = {a.id for a in engine.workspace.areas()} | {a.id for a in bundle["areas"]}
    districts = {d.id for d in engine.workspace.districts()} | {d.id for d in bundle["districts"]}
    problems = [
        Problem(f"{source}: districts[{i}].area_id", f"{d.area_id!r} is not an area in the workspace or the bundle")
        for i, d in enumerate(bundle["districts"]) if d.area_id not in areas
    ]
    for i, person in enumerate(bundle["people"]):
        if person.area_id and person.area_id not in areas:
            problems.append(Problem(f"{source}: people[{i}].area_id", f"{person.area_id!r} is not an area in the workspace or the bundle"))
        if person.district_id and person.district_id not in districts:
            problems.append(Problem(f"{source}: people[{i}].district_id", f"{person.district_id!r} is not a district in the workspace or the bundle"))
    if bundle["inspection"].district_id not in districts:
        problems.append(Problem(f"{source}: inspection.district_id", f"{bundle['inspection'].district_id!r} is not a district in the workspace or the bundle"))
    return problems


def _duplicate_problems(bundle: dict, source: str) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    problems = []
    for record in (*bundle["areas"], *bundle["districts"], *bundle["people"], *bundle["records"]):
        key = (kind_of(record), record.id)
        if key in seen:
            problems.append(Problem(f"{source}: {key[0]} {record.id}", "appears twice in the bundle"))
        seen.add(key)
    return problems


def _same_or_refuse(engine: Engine, bundle: dict, source: str) -> None:
    with engine.workspace.inspection(bundle["inspection"].id) as tx:
        held = dossier_of(tx)
    held_ids = {r.id: r for r in (*held.evidence, *held.findings, *held.judgements, *held.recommendations,
                                   *held.concerns, *held.actions, *held.reports)}
    differing = [r for r in bundle["records"] if held_ids.get(r.id) != r]
    if held.inspection != bundle["inspection"] or differing:
        raise InvalidInput(
            Problem(source, "the workspace already holds this inspection, with different content; nothing was imported")
        )


def _withheld(review: FileReview, number: int) -> FileReview:
    return attrs.evolve(review, case_reference=f"WITHHELD-{number:04d}", allocated_worker="")


def _parse(text: str, source: str) -> dict:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(Problem(f"{source}:{error.lineno}", f"not valid JSON: {error.msg}")) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise InvalidInput(Problem(source, f"not a peerinspect bundle (its 'format' must be {FORMAT!r})"))
    version = raw.get("format_version", 0)
    if not isinstance(version, int) or isinstance(version, bool):
        raise InvalidInput(Problem(f"{source}: format_version", f"must be a whole number, not {version!r}"))
    if version > FORMAT_VERSION:
        raise InvalidInput(Problem(f"{source}: format_version", "written by a newer peerinspect; upgrade to import it"))
    validate(raw, source)
    problems = [Problem(f"{source}: {key}", unknown_key(key, TOP_LEVEL_KEYS)) for key in raw if key not in TOP_LEVEL_KEYS]
    bundle: dict[str, Any] = {}
    expected = {"areas": Area, "districts": District, "people": Person}
    for key, cls in expected.items():
        documents = _list(problems, f"{source}: {key}", raw.get(key, []))
        bundle[key] = [_record(problems, f"{source}: {key}[{i}]", d, cls) for i, d in enumerate(documents)]
    bundle["inspection"] = _record(problems, f"{source}: inspection", raw.get("inspection"), Inspection)
    bundle["records"] = []
    records = raw.get("records") or {}
    if not isinstance(records, dict):
        problems.append(Problem(f"{source}: records", "must be a JSON object of record kinds"))
        records = {}
    for kind, documents in records.items():
        if kind not in INSPECTION_RECORD_KINDS:
            problems.append(Problem(f"{source}: records.{kind}", f"not a kind of inspection record{did_you_mean(kind, INSPECTION_RECORD_KINDS)}"))
            continue
        for i, document in enumerate(_list(problems, f"{source}: records.{kind}", documents)):
            bundle["records"].append(_record(problems, f"{source}: records.{kind}[{i}]", document, KINDS[kind]))
    if problems:
        raise InvalidInput(problems)
    inspection = bundle["inspection"]
    strays = [r for r in bundle["records"] if getattr(r, "inspection_id", inspection.id) != inspection.id]
    if strays:
        raise InvalidInput(Problem(f"{source}: records", f"{len(strays)} records belong to another inspection"))
    return bundle


def _list(problems: list[Problem], where: str, value: Any) -> list:
    if isinstance(value, list):
        return value
    problems.append(Problem(where, "must be a JSON list"))
    return []


def _record(problems: list[Problem], where: str, document: Any, cls: type):
    if not isinstance(document, dict):
        problems.append(Problem(where, "missing, or not a JSON object"))
        return None
    try:
        record = from_new_document({**document, KIND_KEY: cls.KIND})
    except InvalidInput as error:
        problems.extend(Problem(f"{where}.{p.field}" if p.field else where, p.message) for p in error.problems)
        return None
    except Exception as error:  # noqa: BLE001 - any malformed document is the file's fault, reported by place
        problems.append(Problem(where, str(error) or type(error).__name__))
        return None
    return record


def export_text(bundle: dict) -> str:
    return json.dumps(bundle, indent=1, ensure_ascii=False, sort_keys=True) + "\n"



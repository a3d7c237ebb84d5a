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
"""

from __future__ import annotations

import json

import attrs
from typing import Any

from ..domain.authority import Area, District, Person
from ..domain.dossier import INSPECTION_RECORD_CLASSES
from ..domain.errors import InvalidInput, Problem, did_you_mean, unknown_key
from ..domain.evidence import FileReview
from ..domain.inspection import Inspection
from ..domain.permissions import Act
from ..store.converter import KIND_KEY, KINDS, from_document, kind_of, to_document
from ..store.workspace import dossier_of
from .access import require, setup_actor
from .core import Engine

FORMAT = "peerinspect-bundle"
FORMAT_VERSION = 1
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


def import_bundle(engine: Engine, text: str, *, source: str = "bundle", as_person: str | None = None) -> dict[str, int]:
    """Add what the bundle holds that the workspace lacks. Returns how many records of each kind were added."""
    bundle = _parse(text, source)
    added: dict[str, int] = {}
    known = {
        Area.KIND: {a.id for a in engine.workspace.areas()},
        District.KIND: {d.id for d in engine.workspace.districts()},
        Person.KIND: {p.id for p in engine.workspace.people()},
    }
    new_index_records = [
        record
        for key in ("areas", "districts", "people")
        for record in bundle[key]
        if record.id not in known[record.KIND]
    ]
    inspection: Inspection = bundle["inspection"]
    already_held = inspection.id in engine.workspace.inspection_ids()
    if already_held:
        _same_or_refuse(engine, bundle, source)
    if not new_index_records and already_held:
        return added
    actor_id = setup_actor(engine, as_person)
    if new_index_records:
        with engine.workspace.index() as tx:
            tx.attribute(at=engine.now(), actor_id=actor_id, action=f"import {source}")
            for record in new_index_records:
                tx.restore(record)
                added[kind_of(record)] = added.get(kind_of(record), 0) + 1
    if already_held:
        return added
    with engine.workspace.inspection(inspection.id, new=True) as tx:
        tx.attribute(at=engine.now(), actor_id=actor_id, action=f"import {source}")
        tx.restore(inspection)
        added[Inspection.KIND] = 1
        for record in bundle["records"]:
            tx.restore(record)
            added[kind_of(record)] = added.get(kind_of(record), 0) + 1
    return added


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
    if raw.get("format_version", 0) > FORMAT_VERSION:
        raise InvalidInput(Problem(f"{source}: format_version", "written by a newer peerinspect; upgrade to import it"))
    problems = [Problem(f"{source}: {key}", unknown_key(key, TOP_LEVEL_KEYS)) for key in raw if key not in TOP_LEVEL_KEYS]
    bundle: dict[str, Any] = {}
    expected = {"areas": Area, "districts": District, "people": Person}
    for key, cls in expected.items():
        bundle[key] = [_record(problems, f"{source}: {key}[{i}]", d, cls) for i, d in enumerate(raw.get(key, []))]
    bundle["inspection"] = _record(problems, f"{source}: inspection", raw.get("inspection"), Inspection)
    bundle["records"] = []
    for kind, documents in (raw.get("records") or {}).items():
        if kind not in INSPECTION_RECORD_KINDS:
            problems.append(Problem(f"{source}: records.{kind}", f"not a kind of inspection record{did_you_mean(kind, INSPECTION_RECORD_KINDS)}"))
            continue
        for i, document in enumerate(documents):
            bundle["records"].append(_record(problems, f"{source}: records.{kind}[{i}]", document, KINDS[kind]))
    if problems:
        raise InvalidInput(problems)
    inspection = bundle["inspection"]
    strays = [r for r in bundle["records"] if getattr(r, "inspection_id", inspection.id) != inspection.id]
    if strays:
        raise InvalidInput(Problem(f"{source}: records", f"{len(strays)} records belong to another inspection"))
    return bundle


def _record(problems: list[Problem], where: str, document: Any, cls: type):
    if not isinstance(document, dict):
        problems.append(Problem(where, "missing, or not a JSON object"))
        return None
    try:
        record = from_document({**document, KIND_KEY: cls.KIND})
    except InvalidInput as error:
        problems.extend(Problem(f"{where}.{p.field}" if p.field else where, p.message) for p in error.problems)
        return None
    except Exception as error:  # noqa: BLE001 - any malformed document is the file's fault, reported by place
        problems.append(Problem(where, str(error) or type(error).__name__))
        return None
    return record


def export_text(bundle: dict) -> str:
    return json.dumps(bundle, indent=1, ensure_ascii=False, sort_keys=True) + "\n"



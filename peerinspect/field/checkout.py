"""Taking an inspection into the field: a sealed copy for one member of the team, and home's record of it.

The copy is a small workspace of its own, made through the store like any other: the inspection, the
district, its area and the people its records name, the workspace settings, the framework file if the
workspace has its own, and only the records its holder may see (domain/field_contents.py). Home records the
copy (FieldCopy) in the same save that reads what goes into it, so the base the copy carries is exactly what
home held then.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import attrs
from attrs import frozen

from ..domain.authority import Person
from ..domain.dossier import Dossier
from ..domain.errors import InvalidInput, Problem, Refused
from ..domain.field_contents import field_contents
from ..domain.field_copies import FieldCopy, digest_of, expires_on, fingerprint
from ..domain.framework import Framework
from ..domain.ids import new_id
from ..domain.inspection import Inspection
from ..domain.permissions import Act
from ..engine.access import require
from ..engine.core import Engine
from ..framework import read_catalogue
from ..store.transaction import Transaction
from ..store.workspace import Workspace, dossier_of
from .contents import CopyContents, CopyLabel, folder_files, remove_folder, write_copy
from .sealing import SealingKey, new_passphrase_problems

# The fields of a record that name a person: whoever they name travels with the copy, so names show.
PERSON_FIELDS = ("author_id", "raised_by", "owner_id", "made_by", "signed_off_by")


@frozen
class Issue:
    """One writing of a copy: what goes into the file, and home's record of it."""

    record: FieldCopy
    contents: CopyContents


def check_out(engine: Engine, *, as_person: str, inspection: str, output: Path, passphrase: str) -> FieldCopy:
    """Write a sealed field copy of the inspection for `as_person` to `output`, and record it at home."""
    output = Path(output)
    problems = new_passphrase_problems(passphrase) + _output_problems(output)
    if problems:
        raise InvalidInput(problems)
    person = engine.person(as_person)
    key = SealingKey(passphrase)
    written = False
    try:
        with engine.editing(inspection) as (tx, current, framework):
            require(engine, person, Act.CHECK_OUT_FIELD_COPY, current)
            issue = write_issue(engine, tx, current, framework, person, copy_id=new_id())
            tx.attribute(at=engine.now(), actor_id=person.id, action="check out field copy")
            saved = tx.put(issue.record)
            write_copy(output, issue.contents, key)
            written = True
    except BaseException:
        if written:  # home did not record it, so the copy could never come home: it must not go out
            output.unlink(missing_ok=True)
        raise
    return saved


def write_issue(
    engine: Engine, tx: Transaction, inspection: Inspection, framework: Framework, person: Person, *, copy_id: str,
    record: FieldCopy | None = None,
) -> Issue:
    """A new issue of the copy `copy_id` for `person`, from the inspection as `tx` holds it now.

    `record` is home's record of the copy when it is written again (a refresh); it keeps its id and revision."""
    until = expires_on(inspection.fieldwork_end, framework.field_copy_days_after_fieldwork)
    if engine.today() > until:
        raise Refused(
            f"Fieldwork ended on {inspection.fieldwork_end}: a field copy would have expired on {until}, so none is written"
        )
    carried = field_contents(person, engine.district_of(inspection), dossier_of(tx))
    folder = Path(tempfile.mkdtemp(prefix="peerinspect-checkout-"))
    try:
        made_saves, base = _make_workspace(engine, folder / "workspace", carried, person)
        _carry_framework(engine, framework, folder / "workspace")
        files = folder_files(folder / "workspace")
    finally:
        remove_folder(folder)
    issue = new_id()
    now = engine.now()
    label = CopyLabel(
        copy_id=copy_id, issue=issue, inspection_id=inspection.id, inspection_title=inspection.title, holder_id=person.id,
        holder_name=person.name, written_at=now, expires_on=until, made_saves=made_saves, base=base,
    )
    fields = dict(checked_out_at=now, expires_on=until, issue=issue, base_digest=digest_of(base), merged_through=made_saves,
                  contributed={})
    home_record = attrs.evolve(record, **fields) if record is not None else FieldCopy(
        id=copy_id, inspection_id=inspection.id, holder_id=person.id, **fields
    )
    return Issue(record=home_record, contents=CopyContents(label=label, files=files))


def _make_workspace(engine: Engine, root: Path, carried: Dossier, person: Person) -> tuple[int, dict[str, str]]:
    """The copy's own workspace, made through the store; how many entries its trail starts with, and its base."""
    now = engine.now()
    inspection = carried.inspection
    district = engine.district_of(inspection)
    records = (*carried.evidence, *carried.findings, *carried.judgements, *carried.recommendations, *carried.concerns)
    named = {inspection.lead_id, person.id, *(m.person_id for m in inspection.team)}
    named |= {getattr(r, f) for r in records for f in PERSON_FIELDS if getattr(r, f, None)}
    named |= {c.plan.current_owner_id for c in carried.concerns if c.plan is not None}
    people = [p for p in engine.people() if p.id in named or p.district_id == district.id or p.area_id == district.area_id]
    areas = [a for a in engine.areas() if a.id == district.area_id or any(p.area_id == a.id for p in people)]
    workspace = Workspace.create(root, settings=attrs.evolve(engine.settings(), revision=0), at=now)
    with workspace.index() as tx:
        tx.attribute(at=now, actor_id=person.id, action="write field copy")
        tx.restore_all([*areas, district, *people])
    with workspace.inspection(inspection.id, new=True) as tx:
        tx.attribute(at=now, actor_id=person.id, action="write field copy")
        tx.restore_all([inspection, *records])
    base = {key: fingerprint(document) for key, document in workspace.stored_documents(inspection.id).items()}
    return len(workspace.audit_entries(inspection.id)), base


def _carry_framework(engine: Engine, framework: Framework, root: Path) -> None:
    """A framework the home workspace keeps in its own frameworks/ folder goes with the copy; shipped ones are everywhere."""
    own = engine.root / "frameworks"
    source = read_catalogue([own]).sources.get(framework.id)
    if source is not None and source.resolve().is_relative_to(own.resolve()):
        (root / "frameworks").mkdir(mode=0o700, exist_ok=True)
        (root / "frameworks" / source.name).write_bytes(source.read_bytes())


def copies_of(engine: Engine, *, as_person: str, inspection: str) -> list[tuple[FieldCopy, str]]:
    """The copies of an inspection written so far, each with its holder's name, the latest first."""
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    require(engine, person, Act.READ_INSPECTION, summary.inspection)
    names = {p.id: p.name for p in engine.people()}
    copies = sorted(engine.workspace.records(summary.id, FieldCopy), key=lambda c: c.checked_out_at, reverse=True)
    return [(c, names.get(c.holder_id, c.holder_id[:8])) for c in copies]


def _output_problems(output: Path) -> list[Problem]:
    if output.exists():
        return [Problem("--output", f"{output} already exists: name a new file, so no copy still in the field is overwritten")]
    if not output.parent.is_dir():
        return [Problem("--output", f"{output.parent} is not a folder")]
    return []

"""Bringing a field copy home: one atomic use case on the home workspace, safe to repeat, in any order.

Everything is checked before anything is written: the copy unseals with its passphrase, home recorded it
(and this issue of it), its base is the one home recorded, its own trail is unbroken and every save in it is
its holder's, and every record it changed is a valid record of this inspection. Then, in one transaction on
the inspection's file (one atomic write: a kill leaves home as it was before or as it is after):

- each save made in the field and not yet brought home is kept as a FieldSave, with its own audit entry
  under its author and the time it was saved in the field;
- the records are merged (domain/field_merge.py): added, taken, or kept side by side as conflicts;
- home's record of the copy notes what it has brought home, under one more entry for the merge itself.

A copy brought home again changes nothing, save for what was saved in it since.

A refresh brings the copy home, then writes it again from home as it now is, for another day in the field.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

import attrs
from attrs import frozen

from ..domain.audit import AuditEntry, chain_problems, changes_by_record, touches
from ..domain.dossier import INSPECTION_RECORD_CLASSES
from ..domain.errors import InvalidInput, NotFound, Problem, Refused
from ..domain.field_copies import Conflict, FieldCopy, FieldSave, digest_of, fingerprint, record_key
from ..domain.field_merge import FieldVersion, Home, Merge, ReturningCopy, merge_copy
from ..domain.inspection import Inspection
from ..domain.permissions import Act
from ..engine.access import require
from ..engine.core import Engine
from ..store.converter import KIND_KEY, from_new_document
from ..store.transaction import Transaction
from ..store.workspace import Workspace
from .checkout import write_issue
from .contents import CopyContents, lay_out, read_copy, remove_folder, write_copy

MERGED_KINDS = frozenset(cls.KIND for cls in INSPECTION_RECORD_CLASSES)


@frozen(kw_only=True)
class Returned:
    copy: FieldCopy
    saves: int = 0  # saves made in the field brought home now
    added: int = 0
    taken: int = 0
    conflicts: tuple[Conflict, ...] = ()
    already_home: int = 0

    @property
    def changed_anything(self) -> bool:
        return bool(self.saves or self.added or self.taken or self.conflicts)


@frozen(kw_only=True)
class InTheField:
    """What the copy holds, read from its own workspace."""

    records: dict[str, FieldVersion]
    saves: tuple[AuditEntry, ...]  # its trail's entries after it was written: the saves made in the field
    inspection: dict


def return_copy(engine: Engine, *, as_person: str, path: Path, passphrase: str) -> Returned:
    """Merge the field copy at `path` into the home workspace."""
    person = engine.person(as_person)
    contents, _ = read_copy(path, passphrase)
    return _bring_home(engine, person, contents, Path(path))


def refresh_copy(engine: Engine, *, as_person: str, path: Path, passphrase: str) -> tuple[Returned, FieldCopy]:
    """Bring the copy home, then write it again from home as it now is: field saves first, so none is lost."""
    person = engine.person(as_person)
    contents, key = read_copy(path, passphrase)
    holder = engine.person(contents.label.holder_id)
    # Whether the copy may go out again is asked first, so a refused refresh changes nothing at all.
    require(engine, holder, Act.CHECK_OUT_FIELD_COPY, _held_at_home(engine, contents.label, Path(path)).inspection)
    returned = _bring_home(engine, person, contents, Path(path))
    with engine.editing(contents.label.inspection_id) as (tx, current, framework):
        record = tx.get(FieldCopy, contents.label.copy_id)
        require(engine, person, Act.RETURN_FIELD_COPY, current, author_id=record.holder_id)
        require(engine, holder, Act.CHECK_OUT_FIELD_COPY, current)
        issue = write_issue(engine, tx, current, framework, holder, copy_id=record.id, record=record)
        tx.attribute(at=engine.now(), actor_id=person.id, action="refresh field copy")
        saved = tx.put(issue.record)
        # Home now holds everything the old issue held, so replacing the file loses nothing; a kill before
        # this write leaves the old issue, which comes home again without merging anything twice.
        write_copy(Path(path), issue.contents, key)
    return returned, saved


def _bring_home(engine: Engine, person, contents: CopyContents, path: Path) -> Returned:
    label = contents.label
    _held_at_home(engine, label, path)
    field = _read_field_workspace(contents, path)
    with engine.editing(label.inspection_id) as (tx, current, framework):
        record = _home_record(tx, contents, path)
        require(engine, person, Act.RETURN_FIELD_COPY, current, author_id=record.holder_id)
        _check_the_copy(field, record, label, path)
        saves = [s for s in field.saves if s.seq > record.merged_through]
        home = _home_now(engine, tx, record)
        merge = merge_copy(
            ReturningCopy(copy_id=record.id, base=label.base, contributed=record.contributed, records=field.records), home
        )
        added, saved = _checked_records(merge, home, current, path)
        if not saves and not merge.changes_records and dict(merge.contributed) == record.contributed:
            return Returned(copy=record, already_home=merge.already_home)
        for save in saves:
            tx.attribute(at=save.at, actor_id=save.actor_id, action=f"in the field: {save.action}")
            tx.put(FieldSave(id=FieldSave.id_for(label.issue, save.seq), inspection_id=current.id, copy_id=record.id,
                             issue=label.issue, seq=save.seq, at=save.at, actor_id=save.actor_id, action=save.action,
                             changes=save.changes))
            tx.close_entry()
        tx.attribute(at=engine.now(), actor_id=person.id, action="return field copy")
        for new in added:
            tx.restore(new)
        for changed in saved:
            tx.put(changed)
        for conflict in merge.conflicts:
            tx.put(conflict)
        merged_through = max([record.merged_through, *(s.seq for s in saves)])
        copy = tx.put(attrs.evolve(record, merged_through=merged_through, contributed=dict(merge.contributed)))
    return Returned(copy=copy, saves=len(saves), added=len(added), taken=len(saved) - len(merge.conflicts),
                    conflicts=merge.conflicts, already_home=merge.already_home)


def _read_field_workspace(contents: CopyContents, path: Path) -> InTheField:
    label = contents.label
    folder = Path(tempfile.mkdtemp(prefix="peerinspect-return-"))
    try:
        lay_out(contents.files, folder)
        workspace = Workspace.open(folder, heal=False)
        documents = workspace.stored_documents(label.inspection_id)
        trail = workspace.audit_entries(label.inspection_id)
    except NotFound as error:
        raise InvalidInput(Problem(str(path), f"does not hold its inspection ({error})")) from None
    finally:
        remove_folder(folder)
    problems = chain_problems(trail)
    if problems:
        raise InvalidInput(Problem(str(path), f"its own audit trail was changed after it was written ({problems[0]}); nothing was merged"))
    saves = tuple(e for e in trail if e.seq > label.made_saves)
    last_save: dict[str, tuple[str, datetime]] = {}
    for entry in saves:
        for key in changes_by_record(entry):
            last_save[key] = (entry.actor_id, entry.at)
    records = {}
    inspection = {}
    for key, document in documents.items():
        kind = document.get(KIND_KEY)
        if kind == Inspection.KIND:
            inspection = document
        elif kind in MERGED_KINDS:
            author, at = last_save.get(key, (label.holder_id, label.written_at))
            records[key] = FieldVersion(document=document, author_id=author, saved_at=at)
    return InTheField(records=records, saves=saves, inspection=inspection)


def _home_record(tx: Transaction, contents: CopyContents, path: Path) -> FieldCopy:
    label = contents.label
    record = tx.get(FieldCopy, label.copy_id)
    if record is None:
        raise _not_from_here(label, path)
    if record.issue != label.issue:
        raise Refused(f"{path} is an older issue of {label.holder_name}'s field copy: it was refreshed on "
                      f"{record.checked_out_at:%Y-%m-%d %H:%M} and its saves up to then are home already. "
                      "Bring home the refreshed file. Nothing was changed.")
    return record


def _held_at_home(engine: Engine, label, path: Path):
    """The home workspace's summary of the copy's inspection; a copy of an inspection it does not hold is refused."""
    summary = engine.workspace.summary(label.inspection_id)
    if summary is None:
        raise _not_from_here(label, path)
    return summary


def _not_from_here(label, path: Path) -> Refused:
    return Refused(f"{path} was not checked out from this workspace (copy {label.copy_id[:8]} of "
                   f"{label.inspection_title}): bring it home to the workspace it came from. Nothing was changed.")


def _check_the_copy(field: InTheField, record: FieldCopy, label, path: Path) -> None:
    where = str(path)
    if digest_of(label.base) != record.base_digest:
        raise InvalidInput(Problem(where, "its record of what it started from is not the one home kept; nothing was merged"))
    if field.inspection and fingerprint(field.inspection) != label.base.get(f"{Inspection.KIND}:{label.inspection_id}"):
        raise InvalidInput(Problem(where, "the inspection itself was changed in the copy, which only home may do; nothing was merged"))
    strangers = sorted({s.actor_id for s in field.saves if s.actor_id != record.holder_id})
    if strangers:
        raise InvalidInput(Problem(where, f"holds saves by someone other than {label.holder_name}, whose copy it is; nothing was merged"))


def _home_now(engine: Engine, tx: Transaction, record: FieldCopy) -> Home:
    inspection_id = record.inspection_id
    documents = {k: d for k, d in engine.workspace.stored_documents(inspection_id).items() if d.get(KIND_KEY) in MERGED_KINDS}
    trail: list[AuditEntry] = []

    def last_saved(key: str) -> tuple[str, datetime]:
        if not trail:
            trail.extend(tx.audit_entries())
        record_id = key.partition(":")[2]
        entry = next((e for e in reversed(trail) if touches(e, record_id)), None)
        return (entry.actor_id, entry.at) if entry is not None else ("", record.checked_out_at)

    copies = tx.all(FieldCopy)
    return Home(
        documents=documents, conflicts=tuple(tx.all(Conflict)), inspection_id=inspection_id, last_saved=last_saved,
        contributed={c.id: c.contributed for c in copies if c.id != record.id},
    )


def _checked_records(merge: Merge, home: Home, inspection: Inspection, path: Path) -> tuple[list, list]:
    """The records the merge adds and saves, each checked as any record from outside is: every limit applies."""
    problems: list[Problem] = []

    def record_of(document: dict, revision: int | None):
        where = f"{path}: {document.get(KIND_KEY)} {document.get('id', '?')}"
        try:
            built = from_new_document(document if revision is None else {**document, "revision": revision})
        except InvalidInput as error:
            problems.extend(Problem(f"{where}.{p.field}" if p.field else where, p.message) for p in error.problems)
            return None
        if getattr(built, "inspection_id", inspection.id) != inspection.id:
            problems.append(Problem(where, "belongs to another inspection"))
        return built

    added = [record_of(d, None) for d in merge.added]
    saved = [record_of(d, home.documents[record_key(d[KIND_KEY], d["id"])]["revision"]) for d in merge.saved]
    if problems:
        raise InvalidInput(problems)
    return added, saved

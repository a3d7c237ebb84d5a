"""The audit trail: an append-only chain of changes, each entry holding the hash of the one before."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

import orjson
from attrs import frozen
from .records import Record

GENESIS = "0" * 64
# Fields a record keeps but the trail never repeats (a password's hash, a signing key): the trail says only that
# they changed. Named here, not imported, so that the trail needs nothing of the records it describes.
SECRET_FIELDS = frozenset({"password_hash", "token_key"})
SECRET_SHOWN = "(changed; never recorded)"


@frozen(kw_only=True)
class AuditEntry(Record):
    KIND = "audit"  # names its table and is stored in each document: never rename
    seq: int
    at: datetime
    actor_id: str
    action: str
    record_kind: str
    record_id: str
    changes: dict  # field -> [before, after]; a new record has before None
    prev_hash: str
    hash: str


def _digest(seq: int, at: datetime, actor_id: str, action: str, record_kind: str, record_id: str, changes: dict, prev_hash: str) -> str:
    body = json.dumps(
        [seq, at.isoformat(), actor_id, action, record_kind, record_id, changes, prev_hash],
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


def next_entry(previous: AuditEntry | None, *, at: datetime, actor_id: str, action: str, record_kind: str, record_id: str, changes: dict) -> AuditEntry:
    seq = previous.seq + 1 if previous else 1
    prev_hash = previous.hash if previous else GENESIS
    changes = as_stored_json(changes)  # the hash covers exactly what is stored
    return AuditEntry(
        seq=seq, at=at, actor_id=actor_id, action=action, record_kind=record_kind, record_id=record_id,
        changes=changes, prev_hash=prev_hash,
        hash=_digest(seq, at, actor_id, action, record_kind, record_id, changes, prev_hash),
    )


# Anything JSON cannot hold becomes its text, as the standard json's default=str made it (datetimes included).
_AS_TEXT = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_NON_STR_KEYS


def as_stored_json(changes: dict) -> dict:
    """The changes as they read back from the file: orjson, since an entry adding a whole inspection is large."""
    return orjson.loads(orjson.dumps(changes, default=str, option=_AS_TEXT))


def chain_problems(entries: list[AuditEntry] | tuple[AuditEntry, ...]) -> list[str]:
    """Every break in the chain: an edited, removed, inserted or reordered entry."""
    problems = []
    prev_hash, expected_seq = GENESIS, 1
    for entry in entries:
        if entry.seq != expected_seq:
            problems.append(f"entry {entry.seq}: expected entry {expected_seq} here (an entry was removed or reordered)")
        if entry.prev_hash != prev_hash:
            problems.append(f"entry {entry.seq}: does not follow the entry before it")
        digest = _digest(entry.seq, entry.at, entry.actor_id, entry.action, entry.record_kind, entry.record_id, entry.changes, entry.prev_hash)
        if digest != entry.hash:
            problems.append(f"entry {entry.seq}: its content was changed after it was written")
        prev_hash, expected_seq = entry.hash, entry.seq + 1
    return problems


def diff(before: dict | None, after: dict | None) -> dict:
    """What changed between two unstructured records, field by field."""
    skip = {"revision"}
    if not before and after:
        # A new record, the common case when a whole inspection is added at once: every field that has a value.
        return {key: [None, _shown(key, after[key])] for key in sorted(after) if key not in skip and after[key] is not None}
    before, after = before or {}, after or {}
    return {
        key: [_shown(key, before.get(key)), _shown(key, after.get(key))]
        for key in sorted(set(before) | set(after))
        if key not in skip and before.get(key) != after.get(key)
    }


def _shown(key: str, value):
    return SECRET_SHOWN if key in SECRET_FIELDS and value is not None else value


def unaccounted_records(entries: list[AuditEntry] | tuple[AuditEntry, ...], documents: dict[str, dict]) -> list[str]:
    """Records whose stored content is not what the trail says it became: a change with no entry, or entries cut off.

    Replaying every entry's changes must give each record's stored fields exactly, so
    removing the last entries is caught as surely as removing one from the middle.
    `documents` maps "kind:id" to the stored document.
    """
    replayed: dict[str, dict] = {}
    for entry in entries:
        for key, changes in changes_by_record(entry).items():
            if changes == {"deleted": [True, None]}:
                replayed.pop(key, None)
                continue
            state = replayed.setdefault(key, {})
            for field, (_, after) in changes.items():
                state[field] = after
    problems = []
    for key, document in sorted(documents.items()):
        state = replayed.get(key)
        if state is None:
            problems.append(f"{key}: no entry records how it came to be")
            continue
        differing = sorted(
            f for f in set(document) | set(state)
            if f != "revision" and document.get(f) != state.get(f) and not (f in SECRET_FIELDS and f in state)
        )
        if differing:
            problems.append(f"{key}: {', '.join(differing)} changed with no entry to say so")
    problems += [f"{key}: the trail records it, but it is missing" for key in sorted(set(replayed) - set(documents))]
    return problems


def changes_by_record(entry: AuditEntry) -> dict[str, dict]:
    # One record's changes are stored as {field: [before, after]}; several records' as {"kind:id": {...}}.
    if entry.changes and all(isinstance(v, dict) for v in entry.changes.values()):
        return entry.changes
    return {f"{entry.record_kind}:{entry.record_id}": entry.changes}


def changes_to(entry: AuditEntry, record_id: str) -> dict:
    """What an entry changed in one record, field by field; empty if it did not touch that record."""
    return next((v for k, v in changes_by_record(entry).items() if k.endswith(f":{record_id}")), {})


def touches(entry: AuditEntry, record_id: str) -> bool:
    """Whether an entry changed this record, alone or with others."""
    return entry.record_id == record_id or any(key.endswith(f":{record_id}") for key in changes_by_record(entry))

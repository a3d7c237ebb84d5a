"""Field copies: an inspection taken onto a laptop with no network, and what home keeps to take it back.

A copy carries what its holder may see of one inspection (field_contents.py), with the fingerprint each
record had when the copy was written: its base. Home keeps one `FieldCopy` per copy: whose it is, when it
expires, how many of its saves were merged, and what it contributed to each record. Each field save merged
is kept as a `FieldSave`, with its author and the time it was saved in the field.

Records keep their own ids wherever they are made. Ids are random UUIDs (ids.py), so records made on
different laptops never collide, and a record made in the field is the same record once it is home.

A record changed in two places becomes a `Conflict`: every version is kept side by side, none is dropped,
until its author or the lead keeps one of them or writes a merged text (the CouchDB model: conflicts
surfaced, never silently resolved).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime, timedelta

import orjson
from attrs import field, frozen

from .ids import new_id
from .records import Record


def record_key(kind: str, record_id: str) -> str:
    """How a record is named across workspaces: its kind and its id."""
    return f"{kind}:{record_id}"


def fingerprint(document: Mapping) -> str:
    """What a record says, as a digest: equal for equal content wherever it is stored.

    The revision counts saves in one workspace, so it is left out; so are empty values, because a record
    written before a field existed and the same record written after say the same.
    """
    said = {k: v for k, v in document.items() if k != "revision" and v not in (None, "", [], {})}
    # orjson: a whole inspection is fingerprinted at every checkout and return, and the standard json is slower.
    return hashlib.sha256(orjson.dumps(said, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def digest_of(base: Mapping[str, str]) -> str:
    """One digest of a copy's whole base, kept at home so a copy whose base was altered is refused."""
    text = json.dumps(sorted(base.items()), separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def expires_on(fieldwork_end: date, days_after_fieldwork: int) -> date:
    """The last day a field copy opens: the framework's number of days after the last day of fieldwork."""
    return fieldwork_end + timedelta(days=days_after_fieldwork)


@frozen(kw_only=True)
class Contribution:
    """What one copy brought home for one record: the content (as a fingerprint), who saved it and when."""

    fingerprint: str
    author_id: str
    saved_at: datetime


@frozen(kw_only=True)
class FieldCopy(Record):
    KIND = "field_copy"  # names its table and is stored in each document: never rename
    inspection_id: str
    holder_id: str
    checked_out_at: datetime
    expires_on: date
    issue: str  # each writing of the copy (checkout, refresh) is a new issue, with its own trail of saves
    base_digest: str
    merged_through: int = 0  # the last save of this issue already merged home
    contributed: dict[str, Contribution] = field(factory=dict)  # record key -> what this copy brought home
    id: str = field(factory=new_id)
    revision: int = 0


@frozen(kw_only=True)
class FieldSave(Record):
    """One save made in the field, as the copy's own trail recorded it: brought home with the copy."""

    KIND = "field_save"  # names its table and is stored in each document: never rename
    inspection_id: str
    copy_id: str
    issue: str
    seq: int
    at: datetime
    actor_id: str
    action: str
    changes: dict
    id: str
    revision: int = 0

    @staticmethod
    def id_for(issue: str, seq: int) -> str:
        # The same save returned twice has the same id: it is merged once.
        return f"{issue}{seq:08d}"


@frozen(kw_only=True)
class ConflictVersion:
    """One version of a record in conflict, as it was saved (its revision left out)."""

    fingerprint: str
    document: dict
    from_home: bool = False  # saved at home, not brought from a field copy
    saved_by: str = ""  # for home's own version: who saved it, and when
    saved_at: datetime | None = None

    @property
    def author_id(self) -> str:
        return self.document.get("author_id") or self.document.get("raised_by") or ""


@frozen(kw_only=True)
class Resolution:
    by: str
    at: datetime
    kept: str = ""  # the fingerprint of the version kept; empty when a merged text was written


@frozen(kw_only=True)
class Conflict(Record):
    KIND = "conflict"  # names its table and is stored in each document: never rename
    inspection_id: str
    record_kind: str
    record_id: str
    number: int  # the first, second… conflict on this record
    versions: tuple[ConflictVersion, ...]
    resolution: Resolution | None = None
    id: str
    revision: int = 0

    @staticmethod
    def id_for(key: str, number: int) -> str:
        # Derived, not random: whichever copy comes home first, the same conflict has the same id.
        return hashlib.sha256(f"conflict:{key}:{number}".encode()).hexdigest()[:32]

    @property
    def key(self) -> str:
        return record_key(self.record_kind, self.record_id)

    @property
    def is_open(self) -> bool:
        return self.resolution is None

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(v.fingerprint for v in self.versions)

    @property
    def author_ids(self) -> frozenset[str]:
        """Who wrote the record in any of its versions: each of them may settle it."""
        return frozenset(v.author_id for v in self.versions if v.author_id)

    @property
    def differing_fields(self) -> tuple[str, ...]:
        """The fields its versions do not agree on."""
        names = sorted({name for v in self.versions for name in v.document})
        return tuple(n for n in names if len({_canonical(v.document.get(n)) for v in self.versions}) > 1)

    def version(self, fingerprint_or_prefix: str) -> ConflictVersion | None:
        """A version named by its fingerprint, or a prefix of at least 4 characters that names one."""
        wanted = fingerprint_or_prefix.strip().lower()
        found = [v for v in self.versions if v.fingerprint == wanted or (len(wanted) >= 4 and v.fingerprint.startswith(wanted))]
        return found[0] if len(found) == 1 else None

    def shown(self, home_fingerprint: str) -> ConflictVersion:
        """The version the record shows until the conflict is settled.

        Home's own version stays if the record holds it; otherwise a fixed rule picks one, so every order in
        which copies come home shows the same."""
        held = next((v for v in self.versions if v.from_home and v.fingerprint == home_fingerprint), None)
        return held or min(self.versions, key=lambda v: v.fingerprint)

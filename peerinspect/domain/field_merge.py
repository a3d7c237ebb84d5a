"""The three-way merge of a field copy into home: base at checkout, home now, the copy now.

Records are compared as stored documents, by fingerprint (field_copies.fingerprint), one record at a time:

- a record made in the field is added as it is;
- a record the copy changed and home did not (since the copy's base) takes the copy's version;
- a record both changed becomes a conflict holding every version, home's and each copy's, side by side;
- a change home already holds (made the same way in two places, or merged before) changes nothing.

Returning copies in any order gives the same records, field for field, revisions included. Two rules make it so:
a conflict holds versions by content, so it grows the same whichever copy arrives first; and the record is
saved once each time a new version arrives, whether or not what it shows changes, so its revision counts
versions, not arrivals. Until settled, the record shows home's own version if there is one, else the version
a fixed rule picks (Conflict.shown).

A copy brought home more than once (worked on again before a refresh) is compared with what it contributed
last time, not with its base, so its later saves are merged and its earlier ones are not merged twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime

from attrs import frozen

from .field_copies import Conflict, ConflictVersion, Contribution, fingerprint


@frozen(kw_only=True)
class FieldVersion:
    """A record as the returning copy holds it, with who last saved it in the field and when."""

    document: dict
    author_id: str
    saved_at: datetime


@frozen(kw_only=True)
class ReturningCopy:
    copy_id: str
    base: Mapping[str, str]  # record key -> fingerprint when the copy was written
    contributed: Mapping[str, Contribution]  # what this copy brought home before, if it came home already
    records: Mapping[str, FieldVersion]  # record key -> the record as the copy holds it now


@frozen(kw_only=True)
class Home:
    documents: Mapping[str, dict]  # record key -> the record as home holds it now
    conflicts: tuple[Conflict, ...]  # every conflict of the inspection, open or settled
    contributed: Mapping[str, Mapping[str, Contribution]]  # copy id -> what each copy brought home before
    last_saved: Callable[[str], tuple[str, datetime]]  # record key -> who last saved it at home, and when
    inspection_id: str


@frozen(kw_only=True)
class Merge:
    added: tuple[dict, ...] = ()  # records made in the field, exactly as the copy holds them
    saved: tuple[dict, ...] = ()  # what each changed record now says (without revision): taken, or shown in conflict
    conflicts: tuple[Conflict, ...] = ()  # raised or grown by this copy
    contributed: Mapping[str, Contribution] = {}  # what the returning copy has brought home, this time included
    already_home: int = 0  # changes home held already

    @property
    def changes_records(self) -> bool:
        return bool(self.added or self.saved or self.conflicts)


def merge_copy(copy: ReturningCopy, home: Home) -> Merge:
    """What bringing this copy home adds, saves and puts in conflict; home itself is not touched."""
    open_conflicts = {c.key: c for c in home.conflicts if c.is_open}
    numbered = Counter(c.key for c in home.conflicts)
    added: list[dict] = []
    saved: list[dict] = []
    conflicts: list[Conflict] = []
    contributed = dict(copy.contributed)
    already = 0
    for key in sorted(copy.records):
        version = copy.records[key]
        new = fingerprint(version.document)
        before = copy.contributed[key].fingerprint if key in copy.contributed else copy.base.get(key)
        if new == before:
            continue
        contributed[key] = Contribution(fingerprint=new, author_id=version.author_id, saved_at=version.saved_at)
        held = home.documents.get(key)
        if held is None:
            added.append(version.document)
            continue
        held_print = fingerprint(held)
        conflict = open_conflicts.get(key)
        if conflict is None and held_print == new or conflict is not None and new in conflict.fingerprints:
            already += 1
        elif conflict is None and held_print == before:
            saved.append(_without_revision(version.document))
        else:
            kind, _, record_id = key.partition(":")
            conflict = conflict or Conflict(
                inspection_id=home.inspection_id, record_kind=kind, record_id=record_id, number=numbered[key] + 1,
                versions=(), id=Conflict.id_for(key, numbered[key] + 1),
            )
            grown = _grown(conflict, held, held_print, version.document, new, home, copy)
            conflicts.append(grown)
            saved.append(grown.shown(held_print).document)
    return Merge(added=tuple(added), saved=tuple(saved), conflicts=tuple(conflicts), contributed=contributed,
                 already_home=already)


def _grown(conflict: Conflict, held: dict, held_print: str, brought: dict, brought_print: str, home: Home,
           copy: ReturningCopy) -> Conflict:
    """The conflict with home's version (if it is not there yet) and the copy's version among its versions."""
    versions = {v.fingerprint: v for v in conflict.versions}
    if held_print not in versions:
        versions[held_print] = _home_version(conflict.key, held, held_print, home, copy)
    versions[brought_print] = ConflictVersion(fingerprint=brought_print, document=_without_revision(brought))
    return Conflict(
        inspection_id=conflict.inspection_id, record_kind=conflict.record_kind, record_id=conflict.record_id,
        number=conflict.number, versions=tuple(versions[f] for f in sorted(versions)), id=conflict.id,
        revision=conflict.revision,
    )


def _home_version(key: str, held: dict, held_print: str, home: Home, copy: ReturningCopy) -> ConflictVersion:
    """Home's version: brought by some copy before (then that copy's), or saved at home (then say by whom)."""
    contributions = [*home.contributed.values(), copy.contributed]
    brought = any(c.get(key) is not None and c[key].fingerprint == held_print for c in contributions)
    if brought:
        return ConflictVersion(fingerprint=held_print, document=_without_revision(held))
    saved_by, saved_at = home.last_saved(key)
    return ConflictVersion(fingerprint=held_print, document=_without_revision(held), from_home=True,
                           saved_by=saved_by, saved_at=saved_at)


def _without_revision(document: Mapping) -> dict:
    return {k: v for k, v in document.items() if k != "revision"}

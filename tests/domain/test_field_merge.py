"""The three-way merge of field copies, on plain documents: nothing lost, nothing twice, any order the same."""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from peerinspect.domain.field_copies import Conflict, fingerprint
from peerinspect.domain.field_merge import FieldVersion, Home, Merge, ReturningCopy, merge_copy

T0 = datetime(2026, 12, 14, 9, 0)
HOME_EDITOR = ("home-person", T0)


def doc(number: int, notes: str, revision: int = 1, author: str = "ivy") -> dict:
    return {"_kind": "conversation", "id": f"r{number}", "notes": notes, "author_id": author, "revision": revision}


def key_of(document: dict) -> str:
    return f"{document['_kind']}:{document['id']}"


@attrs.define
class Place:
    """A home workspace or a field copy, as plain documents; edits count revisions like the store does."""

    documents: dict[str, dict]
    saved: dict[str, FieldVersion] = attrs.field(factory=dict)

    def edit(self, key: str, notes: str, author: str, at: datetime) -> None:
        current = self.documents[key]
        self.documents[key] = {**current, "notes": notes, "revision": current["revision"] + 1}
        self.saved[key] = FieldVersion(document=self.documents[key], author_id=author, saved_at=at)

    def create(self, document: dict, author: str, at: datetime) -> None:
        self.documents[key_of(document)] = document
        self.saved[key_of(document)] = FieldVersion(document=document, author_id=author, saved_at=at)


@attrs.define
class HomeModel:
    documents: dict[str, dict]
    conflicts: dict[str, Conflict] = attrs.field(factory=dict)
    contributed: dict[str, dict] = attrs.field(factory=dict)

    def home(self) -> Home:
        return Home(documents=self.documents, conflicts=tuple(self.conflicts.values()), contributed=self.contributed,
                    last_saved=lambda key: HOME_EDITOR, inspection_id="i1")

    def bring_home(self, copy_id: str, base: dict[str, str], copy: Place) -> Merge:
        records = {k: copy.saved.get(k) or FieldVersion(document=d, author_id="", saved_at=T0) for k, d in copy.documents.items()}
        merge = merge_copy(ReturningCopy(copy_id=copy_id, base=base, contributed=self.contributed.get(copy_id, {}),
                                         records=records), self.home())
        for document in merge.added:
            self.documents[key_of(document)] = document
        for document in merge.saved:
            key = key_of(document)
            self.documents[key] = {**document, "revision": self.documents[key]["revision"] + 1}
        for conflict in merge.conflicts:
            self.conflicts[conflict.id] = attrs.evolve(conflict, revision=conflict.revision + 1)
        self.contributed[copy_id] = dict(merge.contributed)
        return merge


def base_of(documents: dict[str, dict]) -> dict[str, str]:
    return {k: fingerprint(d) for k, d in documents.items()}


def start(count: int = 3) -> dict[str, dict]:
    return {key_of(d): d for d in (doc(n, f"note {n}") for n in range(count))}


def gone_out() -> tuple[HomeModel, Place, dict[str, str]]:
    """Home, a copy just taken of it, and the copy's base."""
    home = HomeModel(start())
    copy = Place({k: dict(d) for k, d in home.documents.items()})
    return home, copy, base_of(copy.documents)


def test_a_record_changed_only_in_the_field_takes_the_field_version():
    home, copy, base = gone_out()
    copy.edit("conversation:r1", "seen in the field", "ivy", T0)
    merge = home.bring_home("A", base, copy)
    assert home.documents["conversation:r1"]["notes"] == "seen in the field"
    assert home.documents["conversation:r1"]["revision"] == 2
    assert not merge.conflicts and not merge.added


def test_a_record_made_in_the_field_is_added_with_its_own_id():
    home, copy, base = gone_out()
    copy.create(doc(9, "new in the field"), "ivy", T0)
    merge = home.bring_home("A", base, copy)
    assert merge.added == (doc(9, "new in the field"),)
    assert home.documents["conversation:r9"] == doc(9, "new in the field")


def test_a_record_changed_in_both_places_becomes_a_conflict_and_home_keeps_showing_its_own():
    home, copy, base = gone_out()
    home.documents["conversation:r1"] = doc(1, "changed at home", revision=2)
    copy.edit("conversation:r1", "changed in the field", "ivy", T0)
    merge = home.bring_home("A", base, copy)
    (conflict,) = merge.conflicts
    texts = {v.document["notes"]: v for v in conflict.versions}
    assert set(texts) == {"changed at home", "changed in the field"}
    assert texts["changed at home"].from_home and texts["changed at home"].saved_by == "home-person"
    assert not texts["changed in the field"].from_home
    assert home.documents["conversation:r1"]["notes"] == "changed at home"  # never overwritten


def test_the_same_change_made_in_two_places_is_no_conflict():
    home, copy, base = gone_out()
    home.documents["conversation:r1"] = doc(1, "same words", revision=2)
    copy.edit("conversation:r1", "same words", "ivy", T0)
    merge = home.bring_home("A", base, copy)
    assert not merge.conflicts and not merge.saved and merge.already_home == 1


def test_a_copy_brought_home_twice_changes_nothing_the_second_time():
    home, copy, base = gone_out()
    copy.edit("conversation:r1", "seen in the field", "ivy", T0)
    copy.create(doc(9, "new"), "ivy", T0)
    home.bring_home("A", base, copy)
    again = home.bring_home("A", base, copy)
    assert not again.changes_records


def test_saves_made_after_a_copy_came_home_are_merged_the_next_time_without_conflict():
    home, copy, base = gone_out()
    copy.edit("conversation:r1", "first visit", "ivy", T0)
    home.bring_home("A", base, copy)
    copy.edit("conversation:r1", "second visit", "ivy", T0 + timedelta(days=1))
    merge = home.bring_home("A", base, copy)
    assert not merge.conflicts
    assert home.documents["conversation:r1"]["notes"] == "second visit"


# The property: random edits in two copies and at home, brought home in both orders ----------------------
PLACES = ("home", "A", "B")
edits = st.lists(
    st.tuples(st.sampled_from(PLACES), st.integers(0, 5), st.sampled_from(["x", "y", "z", "w"])), max_size=25
)


def play(script: list[tuple[str, int, str]], order: tuple[str, ...]):
    """Two copies taken from one home, the script's edits made in each place, the copies brought home in `order`."""
    home = HomeModel(start(3))
    copies = {name: Place({k: dict(d) for k, d in home.documents.items()}) for name in ("A", "B")}
    base = base_of(home.documents)
    home_place = Place(home.documents)
    moment = T0
    for place, number, text in script:
        moment += timedelta(minutes=1)
        where = home_place if place == "home" else copies[place]
        key = f"conversation:r{number}"
        if number >= 3:  # records 3 and up are made where they are first written: each copy has its own
            key = f"conversation:r{number}{place}"
            if key not in where.documents:
                where.create({**doc(0, f"{text} by {place}"), "id": f"r{number}{place}"}, place, moment)
                continue
        where.edit(key, f"{text} by {place}" if place != "home" else text, place, moment)
    edited_at_home = {k: fingerprint(d) for k, d in home.documents.items() if fingerprint(d) != base.get(k)}
    for name in order:
        home.bring_home(name, base, copies[name])
    return home, copies, base, edited_at_home


@settings(max_examples=300, deadline=None)
@given(edits)
def test_any_edits_brought_home_in_either_order_give_the_same_records_and_lose_nothing(script):
    forwards, copies, base, edited_at_home = play(script, ("A", "B"))
    backwards, _, _, _ = play(script, ("B", "A"))
    assert forwards.documents == backwards.documents
    assert forwards.conflicts == backwards.conflicts

    open_versions = {c.key: c.fingerprints for c in forwards.conflicts.values() if c.is_open}

    def kept(key: str, print_: str) -> bool:
        held = forwards.documents.get(key)
        return held is not None and (fingerprint(held) == print_ or print_ in open_versions.get(key, ()))

    for copy in copies.values():
        for key, document in copy.documents.items():
            if fingerprint(document) != base.get(key):
                assert kept(key, fingerprint(document)), f"a field save of {key} was lost"
    for key, print_ in edited_at_home.items():
        assert kept(key, print_), f"a home save of {key} was lost"

    for name, copy in copies.items():
        again = forwards.bring_home(name, base, copy)
        assert not again.changes_records, "a copy brought home twice changed something the second time"

"""Field copies brought home through the engine: nothing lost, nothing twice, any order the same, conflicts listed."""

from __future__ import annotations

import shutil

import attrs
from datetime import datetime, timezone
from pathlib import Path

import pytest

from peerinspect.domain.errors import Refused
from peerinspect.domain.inspection import Stage
from peerinspect.domain.field_copies import Conflict, FieldCopy, FieldSave, fingerprint
from peerinspect.engine import history, queries, workflow
from peerinspect.engine.core import Engine
from peerinspect.field.checkout import check_out
from peerinspect.field.conflicts import conflicts_for, settle_conflict
from peerinspect.field.returning import refresh_copy, return_copy

from .conftest import PASSPHRASE, World


def field_time(text: str) -> datetime:
    """A moment on the tests' clock, as the trail keeps it (in UTC)."""
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def checked_out(world: World, who: str, path: Path) -> Path:
    check_out(world.engine, as_person=world.people[who], inspection=world.inspection, output=path, passphrase=PASSPHRASE)
    return path


def bring_home(engine: Engine, world: World, path: Path, who: str | None = None):
    holder = who or "lead"
    return return_copy(engine, as_person=world.people[holder], path=path, passphrase=PASSPHRASE)


def records_of(engine: Engine, inspection: str) -> dict[str, dict]:
    """Every record of the inspection's file as stored, audit entries aside."""
    return engine.workspace.stored_documents(inspection)


def files_of(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


@pytest.fixture
def two_copies_and_home(world: World, tmp_path):
    """Ivy's and Olly's copies and home, each edited after checkout, one record in all three."""
    shared = world.conversation(world.engine, "ivy", "Before anyone went out")
    olly_own = world.conversation(world.engine, "olly", "Olly's, before going out")
    ivy_copy = checked_out(world, "ivy", tmp_path / "ivy.copy")
    olly_copy = checked_out(world, "olly", tmp_path / "olly.copy")

    world.clock.on("2026-12-15", 10)
    ivy = world.open_copy(ivy_copy)
    ivy_new = world.conversation(ivy, "ivy", "Met the family at home")
    world.edit(ivy, "ivy", shared, notes="Rewritten in the field by Ivy")

    world.clock.on("2026-12-15", 11)
    olly = world.open_copy(olly_copy)
    olly_new = world.conversation(olly, "olly", "Spoke with the social worker", with_group="worker")
    world.edit(olly, "olly", olly_own, notes="Olly's, finished in the field")

    world.clock.on("2026-12-15", 12)
    home_new = world.conversation(world.engine, "lead", "Recorded at home meanwhile")
    world.edit(world.engine, "lead", shared, notes="Corrected at home by the lead")
    world.clock.on("2026-12-16", 17)
    return dict(shared=shared, olly_own=olly_own, ivy_new=ivy_new, olly_new=olly_new, home_new=home_new,
                ivy_copy=ivy_copy, olly_copy=olly_copy)


def test_two_copies_returned_in_either_order_give_the_same_records_and_keep_every_save(world, two_copies_and_home, tmp_path):
    made = two_copies_and_home
    first, second = tmp_path / "home-ivy-first", tmp_path / "home-olly-first"
    shutil.copytree(world.root, first)
    shutil.copytree(world.root, second)
    ivy_first = Engine.open(first, clock=world.clock)
    bring_home(ivy_first, world, made["ivy_copy"], "ivy")
    bring_home(ivy_first, world, made["olly_copy"], "olly")
    olly_first = Engine.open(second, clock=world.clock)
    bring_home(olly_first, world, made["olly_copy"], "olly")
    bring_home(olly_first, world, made["ivy_copy"], "ivy")

    held = records_of(ivy_first, world.inspection)
    assert held == records_of(olly_first, world.inspection)  # field for field, revisions included

    notes = {d["notes"] for d in held.values() if d.get("_kind") == "conversation"}
    assert {"Met the family at home", "Spoke with the social worker", "Olly's, finished in the field",
            "Recorded at home meanwhile"} <= notes
    # Changed at home and in Ivy's copy: both kept, home's still shown, neither overwritten.
    (conflict,) = [d for d in held.values() if d.get("_kind") == Conflict.KIND]
    assert {v["document"]["notes"] for v in conflict["versions"]} == {"Corrected at home by the lead", "Rewritten in the field by Ivy"}
    assert held[f"conversation:{made['shared']}"]["notes"] == "Corrected at home by the lead"
    # Every save made in the field is kept with its author and the time it was saved there.
    saves = sorted((d["at"], d["actor_id"], d["action"]) for d in held.values() if d.get("_kind") == FieldSave.KIND)
    assert [(datetime.fromisoformat(at), who) for at, who, _ in saves] == [
        (field_time("2026-12-15 10:30"), world.people["ivy"]), (field_time("2026-12-15 10:30"), world.people["ivy"]),
        (field_time("2026-12-15 11:30"), world.people["olly"]), (field_time("2026-12-15 11:30"), world.people["olly"]),
    ]
    for engine in (ivy_first, olly_first):
        assert history.audit_problems(engine, as_person=world.people["lead"], inspection=world.inspection) == []


def test_the_trail_records_each_field_save_under_its_author_and_field_time_and_the_merge_itself(world, two_copies_and_home):
    bring_home(world.engine, world, two_copies_and_home["ivy_copy"], "ivy")
    entries = history.audit_trail(world.engine, as_person=world.people["lead"], inspection=world.inspection)
    field_saves = [e for e in entries if e.action.startswith("in the field: ")]
    assert [(e.actor_id, e.at, e.action) for e in field_saves] == [
        (world.people["ivy"], field_time("2026-12-15 10:30"), "in the field: add Conversation"),
        (world.people["ivy"], field_time("2026-12-15 10:30"), "in the field: edit Conversation"),
    ]
    assert entries[-1].action == "return field copy" and entries[-1].actor_id == world.people["ivy"]
    assert entries[-1].at == field_time("2026-12-16 17:30")


def test_a_record_changed_in_two_places_is_listed_for_its_author_and_the_lead_and_settled(world, two_copies_and_home):
    made = two_copies_and_home
    returned = bring_home(world.engine, world, made["ivy_copy"], "ivy")
    assert len(returned.conflicts) == 1
    for who in ("ivy", "lead"):
        (view,) = conflicts_for(world.engine, as_person=world.people[who], inspection=world.inspection)
        assert view.may_settle
        shown = {v.version.document["notes"]: v for v in view.versions}
        assert shown["Corrected at home by the lead"].shown
        assert str(shown["Rewritten in the field by Ivy"].sources[0]).startswith("Ivy Inspector's field copy, saved 2026-12-15")
    assert conflicts_for(world.engine, as_person=world.people["olly"], inspection=world.inspection) == []

    field_version = next(v for v in view.versions if not v.shown).version
    settle_conflict(world.engine, as_person=world.people["ivy"], inspection=world.inspection,
                    conflict_id=view.conflict.id, keep=field_version.fingerprint[:8])
    held = records_of(world.engine, world.inspection)[f"conversation:{made['shared']}"]
    assert held["notes"] == "Rewritten in the field by Ivy"
    assert conflicts_for(world.engine, as_person=world.people["lead"], inspection=world.inspection) == []
    with pytest.raises(Refused, match="already settled"):
        settle_conflict(world.engine, as_person=world.people["lead"], inspection=world.inspection,
                        conflict_id=view.conflict.id, keep=field_version.fingerprint[:8])


def test_a_conflict_can_be_settled_with_a_merged_text(world, two_copies_and_home):
    made = two_copies_and_home
    bring_home(world.engine, world, made["ivy_copy"], "ivy")
    (view,) = conflicts_for(world.engine, as_person=world.people["lead"], inspection=world.inspection)
    settle_conflict(world.engine, as_person=world.people["lead"], inspection=world.inspection, conflict_id=view.conflict.id,
                    fields={"notes": "Corrected at home, with what Ivy saw"})
    assert records_of(world.engine, world.inspection)[f"conversation:{made['shared']}"]["notes"] == "Corrected at home, with what Ivy saw"


def test_returning_the_same_copy_twice_changes_nothing(world, two_copies_and_home):
    bring_home(world.engine, world, two_copies_and_home["ivy_copy"], "ivy")
    before = files_of(world.root)
    again = bring_home(world.engine, world, two_copies_and_home["ivy_copy"], "ivy")
    assert not again.changed_anything
    assert files_of(world.root) == before


def test_saves_made_after_a_copy_came_home_come_home_next_time(world, tmp_path):
    path = checked_out(world, "ivy", tmp_path / "ivy.copy")
    field = world.open_copy(path)
    first = world.conversation(field, "ivy", "Day one")
    bring_home(world.engine, world, path, "ivy")
    world.clock.on("2026-12-15", 15)
    world.edit(field, "ivy", first, notes="Day one, and what followed on day two")
    world.conversation(field, "ivy", "Day two")
    returned = bring_home(world.engine, world, path, "ivy")
    assert (returned.saves, returned.added, returned.taken, returned.conflicts) == (2, 1, 1, ())
    notes = {d.get("notes") for d in records_of(world.engine, world.inspection).values()}
    assert {"Day one, and what followed on day two", "Day two"} <= notes


def test_a_concern_raised_in_the_field_keeps_its_field_date_and_shows_at_home_once_back(world, tmp_path):
    path = checked_out(world, "ivy", tmp_path / "ivy.copy")
    field = world.open_copy(path)
    workflow.raise_concern(field, as_person=world.people["ivy"], inspection=world.inspection, description="Alone at night")
    world.clock.on("2026-12-17", 16)
    lead = world.engine.person(world.people["lead"])
    assert queries.overview(world.engine, lead).concerns == []
    bring_home(world.engine, world, path, "ivy")
    ((_, concern),) = queries.overview(world.engine, lead).concerns
    assert str(concern.raised_on) == "2026-12-14"
    due = [s for s in queries.deadline_statuses(world.engine) if s.deadline.rule_id == "immediate_plan"]
    assert [s.state.value for s in due] == ["overdue"]  # its clock ran from the day it was raised in the field


def test_a_refreshed_copy_goes_out_again_with_home_as_it_is_and_the_old_issue_is_refused(world, tmp_path):
    path = checked_out(world, "ivy", tmp_path / "ivy.copy")
    old = tmp_path / "ivy-old.copy"
    field = world.open_copy(path)
    world.conversation(field, "ivy", "Day one")
    shutil.copy(path, old)
    world.copies.pop().close()
    world.conversation(world.engine, "lead", "Added at home")
    returned, _ = refresh_copy(world.engine, as_person=world.people["ivy"], path=path, passphrase=PASSPHRASE)
    assert returned.added == 1
    field = world.open_copy(path)
    carried = {e.notes for e in field.workspace.dossier(world.inspection).conversations}
    assert carried == {"Day one", "Added at home"}
    world.conversation(field, "ivy", "Day two")
    assert bring_home(world.engine, world, path, "ivy").added == 1
    with pytest.raises(Refused, match="older issue"):
        bring_home(world.engine, world, old, "ivy")


def test_only_its_holder_or_the_lead_brings_a_copy_home(world, tmp_path):
    path = checked_out(world, "ivy", tmp_path / "ivy.copy")
    with pytest.raises(Refused, match="bring home only the field copies checked out for them"):
        bring_home(world.engine, world, path, "olly")


def test_a_copy_from_another_workspace_is_refused(world, tmp_path):
    from .conftest import build_world

    elsewhere = build_world(tmp_path / "elsewhere")
    path = checked_out(elsewhere, "ivy", tmp_path / "ivy.copy")
    with pytest.raises(Refused, match="was not checked out from this workspace"):
        bring_home(world.engine, world, path, "lead")


def test_home_keeps_what_each_copy_holds_of_its_base(world, tmp_path):
    checked_out(world, "ivy", tmp_path / "ivy.copy")
    (copy,) = world.engine.workspace.records(world.inspection, FieldCopy)
    assert copy.holder_id == world.people["ivy"] and str(copy.expires_on) == "2026-12-31"
    base = {k: fingerprint(d) for k, d in records_of(world.engine, world.inspection).items() if d["_kind"] == "inspection"}
    assert base  # the copy's base digest covers the inspection as home held it


def test_a_refresh_refused_once_the_report_is_issued_changes_nothing(world, tmp_path):
    path = checked_out(world, "ivy", tmp_path / "ivy.copy")
    field = world.open_copy(path)
    world.conversation(field, "ivy", "Day one")
    world.copies.pop().close()
    with world.engine.editing(world.inspection) as (tx, current, _):  # issued, as far as the rules can tell
        tx.attribute(at=world.clock(), actor_id=world.people["lead"], action="issue report")
        tx.put(attrs.evolve(current, stage=Stage.REPORT_ISSUED))
    before, copy_before = files_of(world.root), path.read_bytes()
    with pytest.raises(Refused, match="no copy goes into the field"):
        refresh_copy(world.engine, as_person=world.people["ivy"], path=path, passphrase=PASSPHRASE)
    assert files_of(world.root) == before and path.read_bytes() == copy_before
    assert bring_home(world.engine, world, path, "ivy").added == 1  # it still comes home


def test_in_a_field_copy_nothing_that_would_not_come_home_can_be_changed(world, tmp_path):
    from peerinspect.engine import authority

    field = world.open_copy(checked_out(world, "lead", tmp_path / "lead.copy"))
    with pytest.raises(Refused, match="This is a field copy"):
        authority.add_person(field, "Newcomer", "inspector", as_person=world.people["lead"])
    with pytest.raises(Refused, match="This is a field copy"):
        workflow.advance(field, as_person=world.people["lead"], inspection=world.inspection, event="give_feedback")

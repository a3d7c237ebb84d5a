"""The property, end to end through the engine and the store: random edits at home and in two field copies, the
copies brought home in both orders, give the same records field for field and lose no save."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerinspect.domain.field_copies import Conflict, fingerprint
from peerinspect.engine.core import Engine
from peerinspect.field.checkout import check_out
from peerinspect.field.returning import return_copy

from .conftest import PASSPHRASE, THEME, World

PLACES = ("home", "ivy", "theme_lead")  # at home the lead edits; each copy's holder edits in it
EDITORS = {"home": "lead", "ivy": "ivy", "theme_lead": "theme_lead"}
edits = st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from([0, 1, 2, "new"]), st.sampled_from("abc")),
                 min_size=1, max_size=12)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=edits)
def test_any_edits_in_two_copies_and_at_home_come_home_the_same_in_either_order(world: World, tmp_path_factory, script):
    scratch = tmp_path_factory.mktemp("example")
    home = scratch / "home"
    shutil.copytree(world.root, home, ignore=shutil.ignore_patterns("*.lock"))
    engine = Engine.open(home, clock=world.clock)
    records = [world.conversation(engine, "ivy", f"record {n}", theme_id=THEME) for n in range(3)]
    places = {"home": engine}
    copies = {}
    for holder in ("ivy", "theme_lead"):
        copies[holder] = scratch / f"{holder}.copy"
        check_out(engine, as_person=world.people[holder], inspection=world.inspection, output=copies[holder], passphrase=PASSPHRASE)
        places[holder] = world.open_copy(copies[holder])
    base = {key: fingerprint(document) for key, document in _records(engine, world.inspection).items()}

    for step, (place, target, word) in enumerate(script):
        where, who = places[place], EDITORS[place]
        if target == "new":
            world.conversation(where, who, f"{word} made by {place} ({step})", theme_id=THEME)
        else:
            world.edit(where, who, records[target], notes=f"{word} by {place}")
    saved_in = {place: _records(engine_, world.inspection) for place, engine_ in places.items()}
    for opened in world.copies:
        opened.close()
    world.copies.clear()

    outcomes = []
    for order in (("ivy", "theme_lead"), ("theme_lead", "ivy")):
        ordered_home = scratch / "-".join(order)
        shutil.copytree(home, ordered_home, ignore=shutil.ignore_patterns("*.lock"))
        ordered = Engine.open(ordered_home, clock=world.clock)
        for holder in order:
            return_copy(ordered, as_person=world.people[holder], path=copies[holder], passphrase=PASSPHRASE)
        outcomes.append(ordered.workspace.stored_documents(world.inspection))
    assert outcomes[0] == outcomes[1]  # the same records, field for field, revisions included

    held = outcomes[0]
    open_versions = {f"{c['record_kind']}:{c['record_id']}": {v["fingerprint"] for v in c["versions"]}
                     for c in held.values() if c.get("_kind") == Conflict.KIND and c.get("resolution") is None}
    for place, documents in saved_in.items():
        for key, document in documents.items():
            if fingerprint(document) == base.get(key):
                continue
            kept = key in held and (fingerprint(held[key]) == fingerprint(document) or fingerprint(document) in open_versions.get(key, ()))
            assert kept, f"a save of {key} made {'at home' if place == 'home' else 'in a field copy'} was lost"


def _records(engine: Engine, inspection: str) -> dict[str, dict]:
    return {k: d for k, d in engine.workspace.stored_documents(inspection).items() if d.get("_kind") == "conversation"}

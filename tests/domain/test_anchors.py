"""The anchor links, as pure rules: what a trail must still hold, and what a kept digest pins."""

from datetime import date, datetime

import attrs
import pytest

from peerinspect.domain.anchors import (
    anchor_of,
    digest_problems,
    extends,
    head_problems,
    link_problems,
    next_link,
    parse_digest,
)
from peerinspect.domain.audit import next_entry
from peerinspect.domain.errors import InvalidInput

AT = datetime(2026, 3, 9, 10, 0)


def trail(n: int, action: str = "save") -> list:
    entries, previous = [], None
    for seq in range(1, n + 1):
        previous = next_entry(previous, at=AT, actor_id="p1", action=f"{action} {seq}", record_kind="inspection",
                              record_id="i1", changes={"title": [None, f"t{seq}"]})
        entries.append(previous)
    return entries


def anchored(entries: list, at_counts: list[int], subject: str = "i1") -> list:
    links, previous = [], None
    for count in at_counts:
        previous = next_link(previous, subject=subject, head=entries[count - 1])
        links.append(previous)
    return links


def test_a_trail_that_holds_every_recorded_head_has_no_problem():
    entries = trail(4)
    assert head_problems("i1", anchored(entries, [1, 3, 4]), entries) == []


@pytest.mark.parametrize(("stored", "said"), [
    pytest.param(lambda e: [], "the trail holds none", id="emptied"),
    pytest.param(lambda e: e[:3], "the trail holds 3 (the last entries were removed)", id="cut short"),
    pytest.param(lambda e: trail(4, "forged"), "entry 1 is not the one anchored in link 1", id="rewritten"),
    pytest.param(lambda e: [*e, *trail(5)[4:]], "entries 5 to 5 were added without the index recording them", id="grown behind its back"),
])
def test_a_trail_that_lost_or_changed_a_recorded_head_is_named(stored, said):
    entries = trail(4)
    problems = head_problems("i1", anchored(entries, [1, 3, 4]), stored(entries))
    assert len(problems) == 1 and said in problems[0]


def test_a_trail_never_anchored_is_named_and_an_empty_one_is_not():
    assert "never recorded in the index" in head_problems("i1", [], trail(2))[0]
    assert head_problems("i1", [], []) == []


def test_every_change_to_a_link_breaks_the_chain_of_links():
    links = anchored(trail(3), [1, 2, 3])
    assert link_problems(links) == []
    assert link_problems([links[0], links[2]])[0].startswith("anchor link 3: expected link 2")
    edited = [links[0], attrs.evolve(links[1], count=1), links[2]]
    assert link_problems(edited) == ["anchor link 2: its content was changed after it was written"]


def test_a_digest_pins_its_link_and_every_link_before_it():
    links = anchored(trail(3), [1, 2, 3])
    anchor = anchor_of(links[:2], date(2026, 3, 9))
    assert (anchor.link, anchor.inspections, len(anchor.digest)) == (2, 1, 16)
    assert digest_problems(links, anchor.digest) == []
    rebuilt = anchored(trail(3, "forged"), [1, 2, 3])
    assert "no link in the index has this digest" in digest_problems(rebuilt, anchor.digest)[0]


def test_a_digest_is_read_back_as_written_on_paper():
    digest = "0123456789abcdef"
    assert parse_digest("0123-4567-89AB-CDEF") == digest
    assert parse_digest(" 0123 4567 89ab cdef ") == digest
    for typo in ["0123-4567-89ab", "0123-4567-89ab-cdeg", ""]:
        with pytest.raises(InvalidInput, match="anchor: .* is not an anchor digest"):
            parse_digest(typo)


def test_no_anchor_can_be_taken_before_anything_was_recorded():
    with pytest.raises(InvalidInput, match="nothing to anchor"):
        anchor_of([], date(2026, 3, 9))


def test_only_a_trail_that_grew_intact_from_its_last_head_may_be_caught_up():
    entries = trail(4)
    links = anchored(entries, [2])
    assert extends(links, entries)
    assert extends([], entries)
    assert not extends(links, entries[:2])
    assert not extends(links, trail(4, "forged"))
    assert not extends(links, [entries[0], entries[1], attrs.evolve(entries[2], action="forged"), entries[3]])

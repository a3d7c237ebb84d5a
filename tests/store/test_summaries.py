"""The index's summaries: compact, converted once and reused while unchanged, and readable in the shape older versions wrote."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import attrs
import orjson
import pytest

from peerinspect.domain.cycle import plan_cycle
from peerinspect.domain.permissions import Act, parties
from peerinspect.engine import authority, history, queries
from peerinspect.engine.core import Engine
from peerinspect.sample import CLOSED_TITLE, MAIN_TITLE, build_demo, demo_clock
from peerinspect.store.summaries import SETTLED_KEY, is_current
from peerinspect.store.workspace import Workspace

from ..by_hand import folded_index
from ..conversions import conversions  # noqa: F401 - a fixture
from .conftest import WHEN

# A demo workspace written by peerinspect before summaries were compact (commit cf274e0, `build_demo`):
# each summary holds every action whole, progress notes and all, and no settled day.
BEFORE_COMPACT = Path(__file__).parents[1] / "fixtures" / "workspace-before-compact-summaries"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("demo") / "workspace"
    build_demo(root)
    return root


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Engine:
    shutil.copytree(demo_template, tmp_path / "demo")
    return Engine.open(tmp_path / "demo", clock=demo_clock())


def index_summaries(root: Path) -> dict:
    """The summaries as stored, read as a session reads them: the index with its journal."""
    return Workspace(root).index_tables()["summary"]


def index_bytes(root: Path) -> tuple[bytes, bytes]:
    journal = root / "workspace.journal"
    return (root / "workspace.json").read_bytes(), journal.read_bytes() if journal.exists() else b""


def test_a_summary_keeps_of_each_action_only_what_its_deadline_needs(demo):
    [document] = [d for d in index_summaries(demo.root).values() if d["inspection"]["title"] == MAIN_TITLE]
    assert document["actions"] and all("notes" not in action for action in document["actions"])
    assert document[SETTLED_KEY] is None
    [closed] = [d for d in index_summaries(demo.root).values() if d["inspection"]["title"] == CLOSED_TITLE]
    assert closed[SETTLED_KEY] == "2025-11-03"  # the day it closed, after every action was verified


def test_summaries_are_converted_once_and_reused_until_their_document_changes(demo, conversions):
    first = demo.summaries()
    assert demo.summaries() == first and demo.workspace.inspections() == [s.inspection for s in first]
    assert set(conversions.values()) == {1}
    conversions.clear()

    other = Workspace.open(demo.root)  # another session, as another process would be
    main = other.summary(demo.summary(MAIN_TITLE).id)
    with other.inspection(main.id) as tx:
        tx.attribute(at=WHEN, actor_id=main.inspection.lead_id, action="rename")
        tx.put(attrs.evolve(main.inspection, title="Harrowmere, renamed elsewhere"))
    conversions.clear()

    assert demo.summary(main.id).inspection.title == "Harrowmere, renamed elsewhere"
    assert [s.inspection.title for s in demo.summaries()] == [
        "Harrowmere, renamed elsewhere" if s.id == main.id else s.inspection.title for s in first
    ]
    assert dict(conversions) == {("whole", main.id): 1}


def test_views_of_open_work_pass_over_a_settled_inspection_without_converting_it(demo, conversions):
    [(closed_id, closed)] = [(i, d) for i, d in index_summaries(demo.root).items() if d["inspection"]["stage"] == "closed"]
    open_ids = [s.id for s in demo.workspace.summaries_open_on(demo.today())]
    assert closed_id not in open_ids and len(open_ids) == 3
    assert queries.deadline_statuses(demo)  # the open ones' deadlines, read
    assert ("whole", closed_id) not in conversions
    # On a day before it settled its deadlines are read again: a view of the past is as it was.
    day_before = date.fromisoformat(closed[SETTLED_KEY]) - timedelta(days=1)
    assert closed_id in [s.id for s in demo.workspace.summaries_open_on(day_before)]


def test_a_dashboard_lists_what_its_person_may_read_and_reads_no_other_inspection_whole(demo, conversions):
    newcomer = authority.add_person(demo, "Nia Newcomer", "inspector", as_person=demo.summary(MAIN_TITLE).inspection.lead_id)
    districts = {d.id: d for d in demo.districts()}
    everyone = demo.workspace.inspections()
    for person in demo.people():
        fresh = Engine.open(demo.root, clock=demo_clock())
        conversions.clear()
        listed = queries.overview(fresh, person).inspections
        readable = [
            i.id for i in everyone
            if not i.is_cancelled and demo.decide(person, Act.READ_INSPECTION, i, districts[i.district_id]) is None
        ]
        assert sorted(i.id for i in listed) == sorted(readable), person.name
        read_whole = {inspection_id for kind, inspection_id in conversions if kind == "Inspection"}
        assert read_whole <= {i.id for i in everyone if parties(person, i, districts[i.district_id])}, person.name
        if person.id == newcomer.id:
            assert not listed and not read_whole


def test_the_cycle_plan_read_from_the_index_is_the_plan_of_the_whole_inspections(demo):
    def plain(coverage):
        return [(c.district.id, [i.fieldwork_start for i in c.held], [i.fieldwork_start for i in c.planned],
                 len(c.themed), c.short_by, c.suggested_dates) for c in coverage]

    whole = plan_cycle(demo.districts(), demo.workspace.inspections(), demo.workspace.settings(), demo.today())
    assert any(c.held for c in whole) and any(c.suggested_dates for c in whole)
    assert plain(queries.cycle_plan(demo)) == plain(whole)


def test_a_save_in_this_session_is_seen_at_once(demo):
    main = demo.summary(MAIN_TITLE)
    demo.summaries()
    with demo.workspace.inspection(main.id) as tx:
        tx.attribute(at=WHEN, actor_id=main.inspection.lead_id, action="rename")
        tx.put(attrs.evolve(main.inspection, title="Harrowmere, renamed here"))
    assert demo.summary(main.id).inspection.title == "Harrowmere, renamed here"
    assert "Harrowmere, renamed here" in [i.title for i in demo.workspace.inspections()]


def test_a_wrong_settled_day_in_the_index_is_found_and_mended_on_opening(demo):
    closed = demo.summary(CLOSED_TITLE)
    index = orjson.loads(folded_index(demo.root).read_bytes())
    index["summary"][closed.id][SETTLED_KEY] = "2025-01-01"  # would hide nothing, but is not what the file says
    demo.workspace.index_path.write_bytes(orjson.dumps(index))
    reopened = Workspace.open(demo.root)
    assert any("the day it settled (index: 2025-01-01, file: 2025-11-03)" in note for note in reopened.repairs)
    assert index_summaries(demo.root)[closed.id][SETTLED_KEY] == "2025-11-03"


# a workspace written before summaries were compact ------------------------------------------------
@pytest.fixture
def before_compact(tmp_path: Path) -> Path:
    root = tmp_path / "before"
    shutil.copytree(BEFORE_COMPACT, root)
    for path in [root, root / "inspections", *root.rglob("*.json")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    return root


def test_the_fixture_was_written_before_summaries_were_compact():
    assert not any(is_current(d) for d in index_summaries(BEFORE_COMPACT).values())
    assert any(a.get("notes") for d in index_summaries(BEFORE_COMPACT).values() for a in d["actions"])


def test_a_workspace_from_before_compact_summaries_opens_upgraded_and_reads_as_a_new_one(before_compact, demo):
    opened = Engine.open(before_compact, clock=demo_clock())
    assert opened.repairs == []
    assert all(is_current(d) for d in index_summaries(before_compact).values())
    assert opened.summaries() == demo.summaries()
    assert queries.deadline_statuses(opened, include_met=True) == queries.deadline_statuses(demo, include_met=True)
    for person in demo.people():
        assert queries.overview(opened, person) == queries.overview(demo, person)
    assert opened.workspace.index_problems() == []
    director = next(p for p in opened.people() if p.role.value == "area_director")
    assert history.verify_workspace(opened, as_person=director.id).problems == ()

    upgraded = index_bytes(before_compact)
    assert Engine.open(before_compact, clock=demo_clock()).repairs == []
    assert index_bytes(before_compact) == upgraded  # upgraded once, then left alone


def test_a_workspace_from_before_compact_summaries_reads_unchanged_when_opened_without_mending(before_compact, demo):
    index = index_bytes(before_compact)
    workspace = Workspace.open(before_compact, heal=False)
    assert workspace.summaries() == demo.summaries()
    # Without its settled day an old summary is read whole, never passed over: open work is never missed.
    assert workspace.summaries_open_on(demo.today()) == workspace.summaries()
    assert index_bytes(before_compact) == index


def test_a_summary_without_a_stamp_is_known_by_its_bytes(demo):
    def edit_index(change) -> None:
        index = orjson.loads(folded_index(demo.root).read_bytes())
        change(index)
        demo.workspace.index_path.write_bytes(orjson.dumps(index))

    edit_index(lambda index: index.pop("stamp"))
    workspace = Workspace.open(demo.root, heal=False)
    main = workspace.summary(demo.summary(MAIN_TITLE).id)
    edit_index(lambda index: index["summary"][main.id]["inspection"].update(title="Harrowmere, edited"))
    assert workspace.summary(main.id).inspection.title == "Harrowmere, edited"

"""Opening an inspection again builds only the records that changed since, and always gives what the files hold."""

from datetime import date

import attrs
import pytest

from peerinspect.domain.evidence import Observation
from peerinspect.domain.vocabulary import ObservationSetting
from peerinspect.store import converter, journal
from peerinspect.store.workspace import Workspace

from .conftest import WHEN
from .test_durability import start_saver


def save(workspace: Workspace, record: Observation) -> Observation:
    with workspace.inspection(record.inspection_id) as tx:
        tx.attribute(at=WHEN, actor_id="a", action="save observation")
        return tx.put(record)


def observation(inspection_id: str, practitioner: str) -> Observation:
    return Observation(inspection_id=inspection_id, author_id="a", recorded_on=date(2026, 3, 9),
                       setting=ObservationSetting.HOME_VISIT, practitioner=practitioner, grade="good", notes="seen")


@pytest.fixture
def built(monkeypatch) -> list[str]:
    """The kind of every record built from a stored document from now on, in order."""
    kinds: list[str] = []
    real = converter.structure

    def counted(data, cls):
        kinds.append(cls.KIND)
        return real(data, cls)

    monkeypatch.setattr(converter, "structure", counted)
    return kinds


@pytest.fixture
def opened(workspace, planned) -> Workspace:
    """A session that has opened the inspection once, with three observations in it."""
    for n in range(3):
        save(workspace, observation(planned.id, f"P{n}"))
    session = Workspace.open(workspace.root)
    session.dossier(planned.id)
    return session


def fresh_dossier(workspace: Workspace, inspection_id: str):
    return Workspace.open(workspace.root).dossier(inspection_id)


def notes_of(observations, record_id: str) -> str:
    return next(o.notes for o in observations if o.id == record_id)


def test_opening_again_after_no_change_builds_nothing(opened, planned, built):
    first = opened.dossier(planned.id)
    again = opened.dossier(planned.id)
    assert built == []
    assert again == first == fresh_dossier(opened, planned.id)


def test_after_another_session_s_save_only_its_record_is_built(opened, workspace, planned, built):
    added = save(workspace, observation(planned.id, "theirs"))
    built.clear()
    dossier = opened.dossier(planned.id)
    assert built == ["observation"]
    assert added in dossier.observations and len(dossier.observations) == 4


def test_after_another_session_changes_a_record_it_is_built_again_with_the_change(opened, workspace, planned, built):
    theirs = workspace.dossier(planned.id).observations[1]
    save(workspace, attrs.evolve(theirs, notes="changed by them"))
    built.clear()
    assert notes_of(opened.dossier(planned.id).observations, theirs.id) == "changed by them"
    assert built == ["observation"]


def test_after_this_session_s_own_saves_only_their_records_are_built(opened, planned, built):
    mine = opened.dossier(planned.id).observations[0]
    save(opened, attrs.evolve(mine, notes="changed in place"))
    added = save(opened, observation(planned.id, "mine"))
    built.clear()
    dossier = opened.dossier(planned.id)
    assert notes_of(dossier.observations, mine.id) == "changed in place" and added in dossier.observations
    assert built == ["observation", "observation"]
    assert dossier == fresh_dossier(opened, planned.id)


def test_a_save_that_fails_leaves_nothing_of_it_in_what_is_read(opened, planned):
    mine = opened.dossier(planned.id).observations[0]
    with pytest.raises(RuntimeError):
        with opened.inspection(planned.id) as tx:
            tx.attribute(at=WHEN, actor_id="a", action="edit")
            tx.put(attrs.evolve(mine, notes="never saved"))
            assert notes_of(tx.all(Observation), mine.id) == "never saved"  # read back within its own transaction
            raise RuntimeError("the use case failed after its change")
    assert notes_of(opened.dossier(planned.id).observations, mine.id) == "seen"
    assert opened.dossier(planned.id) == fresh_dossier(opened, planned.id)


def test_a_file_another_process_folded_is_read_afresh_but_only_what_differs_is_built(opened, planned, built):
    start_saver(opened.root, planned.id, 2, "folding", 1).communicate(timeout=60)
    built.clear()
    dossier = opened.dossier(planned.id)
    assert journal.journal_path(opened.inspection_path(planned.id)).stat().st_size == 0, "no fold happened"
    assert built == ["observation", "observation"]
    assert dossier == fresh_dossier(opened, planned.id)

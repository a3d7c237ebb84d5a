"""A home workspace with an inspection in fieldwork, and the people who take copies of it into the field."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import attrs
import pytest

from peerinspect.engine import authority, evidence, planning, workflow
from peerinspect.engine.core import Engine
from peerinspect.field.opened import OpenedCopy, open_copy

PASSPHRASE = "correct horse battery staple"
THEME = "help-and-protection"


@attrs.define
class Clock:
    """One clock for home and every laptop: tests move it as the days of fieldwork go by."""

    now: datetime = datetime(2026, 12, 10, 9, 30)

    def __call__(self) -> datetime:
        return self.now

    def on(self, day: str, hour: int = 9, minute: int = 30) -> None:
        self.now = datetime.combine(date.fromisoformat(day), time(hour, minute))


@attrs.define
class World:
    root: Path
    clock: Clock
    engine: Engine
    inspection: str
    people: dict[str, str]  # short name -> person id
    copies: list[OpenedCopy] = attrs.field(factory=list)

    def reopen(self) -> Engine:
        self.engine = Engine.open(self.root, clock=self.clock)
        return self.engine

    def open_copy(self, path: Path, passphrase: str = PASSPHRASE) -> Engine:
        opened = open_copy(path, passphrase, open_engine=lambda root, **kw: Engine.open(root, clock=self.clock, **kw))
        self.copies.append(opened)
        return opened.engine

    def conversation(self, engine: Engine, who: str, notes: str, **fields) -> str:
        return evidence.add_evidence(
            engine, as_person=self.people[who], inspection=self.inspection, kind="conversation",
            fields={"with_group": "child_or_young_person", "notes": notes, **fields},
        ).evidence.id

    def file_review(self, engine: Engine, who: str, case: str, **fields) -> str:
        return evidence.add_evidence(
            engine, as_person=self.people[who], inspection=self.inspection, kind="file_review",
            fields={"case_reference": case, "team": "Assessment", "age_band": "4_to_10", "legal_status": "child_in_need",
                    "difference_made": "Steady progress", **fields},
        ).evidence.id

    def edit(self, engine: Engine, who: str, evidence_id: str, **changes):
        dossier = evidence.dossier_for(engine, as_person=self.people[who], inspection=self.inspection)
        current = dossier.find_evidence(evidence_id)
        return evidence.edit_evidence(engine, as_person=self.people[who], inspection=self.inspection,
                                      evidence_id=evidence_id, changes=changes, revision=current.revision).evidence


def build_world(root: Path) -> World:
    clock = Clock()
    engine = Engine.open(root, clock=clock, create=True)
    authority.add_district(engine, "Basingstoke", "North", ("Assessment",))
    lead = authority.add_person(engine, "Alex Director", "area director").id
    people = {"lead": lead}
    for key, name, role, extra in [
        ("theme_lead", "Sam Help", "senior manager", {}), ("ivy", "Ivy Inspector", "inspector", {}),
        ("olly", "Olly Inspector", "inspector", {}), ("casey", "Casey Ambassador", "care ambassador", {}),
        ("dana", "Dana District", "district manager", {"district_ref": "Basingstoke"}),
    ]:
        people[key] = authority.add_person(engine, name, role, as_person=lead, **extra).id
    planned = planning.plan_inspection(
        engine, as_person=lead, district="Basingstoke", framework_id=None, fieldwork_start="2026-12-14",
        fieldwork_end="2026-12-17", lead=lead, theme_leads={THEME: people["theme_lead"]},
        team=[(people["ivy"], "inspector"), (people["olly"], "inspector"), (people["casey"], "care ambassador")],
    )
    workflow.advance(engine, as_person=lead, inspection=planned.id, event="notify", on="2026-12-10")
    clock.on("2026-12-14", 8)
    workflow.advance(engine, as_person=lead, inspection=planned.id, event="start_fieldwork", on="2026-12-14")
    return World(root=root, clock=clock, engine=engine, inspection=planned.id, people=people)


@pytest.fixture
def world(tmp_path) -> World:
    built = build_world(tmp_path / "home")
    yield built
    for opened in built.copies:
        opened.close()


@pytest.fixture(autouse=True)
def _quick_passphrases(monkeypatch):
    """Copies sealed in tests cost scrypt its least, so the suite stays quick; the cost travels in each file."""
    from peerinspect.field import sealing

    monkeypatch.setattr(sealing, "SCRYPT_COST", min(sealing.COSTS_READ))

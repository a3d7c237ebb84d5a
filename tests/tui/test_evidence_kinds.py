"""Fieldwork offers every kind of evidence the domain declares: a tab each, in the domain's order, with its form."""

from __future__ import annotations

import attrs
from textual.widgets import TabbedContent

from peerinspect.domain.evidence import EVIDENCE_CLASSES
from peerinspect.domain.findings import EmergingFinding
from peerinspect.tui.screens.evidence_form import EvidenceForm
from peerinspect.tui.screens.fieldwork import FieldworkScreen

from .conftest import app_for, journey, open_inspection, settle


@journey
async def test_each_kind_of_evidence_has_its_tab_its_list_and_its_form(engine):
    async with app_for(engine, "Sam Senior").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        await pilot.press("f")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, FieldworkScreen)
        panes = [pane.id for pane in screen.query_one(TabbedContent).query("TabPane")]
        assert panes == [f"tab-{cls.KIND}" for cls in (*EVIDENCE_CLASSES, EmergingFinding)]
        opened, graded = [], []
        for cls in EVIDENCE_CLASSES:
            assert screen.active_kind == cls.KIND
            graded.append(bool(screen.query(f"#list-{cls.KIND} .filter-grade")))
            await pilot.press("n")
            await settle(pilot)
            if isinstance(pilot.app.screen, EvidenceForm):
                opened.append(pilot.app.screen.spec.kind)
                await pilot.press("escape")
                await settle(pilot)
            await pilot.press("right_square_bracket")
            await settle(pilot)
    assert opened == [cls.KIND for cls in EVIDENCE_CLASSES]
    # Lists filter by grade exactly where the records carry grades.
    assert graded == [bool({"grade", "grades"} & set(attrs.fields_dict(cls))) for cls in EVIDENCE_CLASSES]

"""Every piece of text the app paints reaches WCAG AA contrast (4.5:1), in the dark theme and the light one."""

from __future__ import annotations

from .conftest import app_for, journey, open_inspection, settle
from .painted import below_aa


@journey
async def test_probe(engine):
    async with app_for(engine, "Ada Director").run_test(size=(120, 40)) as pilot:
        await open_inspection(pilot, "Eastleigh")
        for theme in ("textual-dark", "textual-light"):
            pilot.app.theme = theme
            await settle(pilot)
            print(theme)
            print("\n".join(sorted(set(below_aa(pilot.app)))))
    assert False

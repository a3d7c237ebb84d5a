"""Twenty seeded random walks of 200 keys each from the dashboard, as an impatient person types: no crash."""

from __future__ import annotations

import asyncio
import random

import pytest

from .conftest import app_for, settle
from .keys import PRINTABLE, KeyLog, footer_keys
from .test_key_sweep import PEOPLE
from .world import trial_copy

WALKS, STEPS = 20, 200
CHECK_EVERY = 25
MOVES = ("escape", "enter", "tab", "shift+tab", "up", "down", "ctrl+s", "y", "n", "right_square_bracket", "space")


def next_key(rng: random.Random, screen) -> str:
    roll = rng.random()
    if roll < 0.4:
        offered = [key for key in footer_keys(screen) if key != "ctrl+o"] or ["escape"]
        return rng.choice(offered)
    if roll < 0.8:
        return rng.choice(MOVES)
    return rng.choice(PRINTABLE)


@pytest.mark.sweep
@pytest.mark.parametrize("seed", range(WALKS))
def test_a_random_walk_never_crashes_the_app(tmp_path_factory, tmp_path, seed):
    rng = random.Random(seed)
    person = PEOPLE[seed % len(PEOPLE)]
    engine = trial_copy(tmp_path_factory, tmp_path, action_plan_submitted=seed % 2 == 1)

    async def walk() -> KeyLog:
        async with app_for(engine, person).run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            log = KeyLog(pilot.app)
            for step in range(1, STEPS + 1):
                await log.tap(next_key(rng, pilot.app.screen))
                if step % CHECK_EVERY == 0:
                    await pilot.pause()
                    log.check()
            await settle(pilot)
            log.check()
            return log

    log = asyncio.run(walk())
    assert len(log.keys) == STEPS

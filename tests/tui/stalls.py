"""How long the app's event loop goes without answering, in the CPU time it spends meanwhile.

A task wakes every few milliseconds and notes how much CPU time the event loop's thread used since it last
woke. asyncio runs it after whatever else was ready, as it would run the handler of a key pressed then, so
the longest such stretch is the longest a person would wait for the app to answer.

CPU time rather than elapsed time, because these machines have two cores shared by several test runs: the
elapsed time of the same work doubles or triples with the load, while its CPU time moves far less. Even
that grows on a crowded machine, so tests set a stall beside a yardstick measured the same way in the same
run (see test_never_blocks.py). The elapsed time is kept too, with the load average, to say how the
machine was when a test fails. What the loop's thread waits for while a loading thread holds the
interpreter is not counted: that is the loading's cost, not the screen's.

Python's garbage collector stops the loop as well, and in a test process it walks every object pytest
holds. The app freezes what it holds when it starts (PeerInspectApp.run), so a collection walks only what
the screens made since; `frozen_like_the_app` does the same for the test process while it measures.
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
from contextlib import contextmanager

TICK = 0.005  # seconds between wake-ups


class StallDetector:
    def __init__(self) -> None:
        self.longest_cpu = 0.0
        self.longest_elapsed = 0.0
        self._task: asyncio.Task | None = None

    async def __aenter__(self) -> StallDetector:
        self._task = asyncio.create_task(self._watch())
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc_info) -> None:
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            cpu, elapsed = time.thread_time(), loop.time()
            await asyncio.sleep(TICK)
            self.longest_cpu = max(self.longest_cpu, time.thread_time() - cpu)
            self.longest_elapsed = max(self.longest_elapsed, loop.time() - elapsed - TICK)

    def describe(self) -> str:
        load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
        return (f"{self.longest_cpu * 1000:.0f} ms of CPU time in one go "
                f"({self.longest_elapsed * 1000:.0f} ms elapsed; load average {load})")


@contextmanager
def frozen_like_the_app():
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()

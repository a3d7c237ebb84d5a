"""The clocks the sample is built by and the demo runs on: never the real date, so both are the same every time.

Apart from the sample, so that the demo can open its workspace without importing what built it.
"""

from __future__ import annotations

from datetime import date, datetime, time

DEMO_TODAY = date(2026, 11, 26)


class FixedClock:
    """The clock the sample is built by: it reads what it was last set to, never the real time."""

    def __init__(self, day: date, hour: int = 9):
        self.at = datetime.combine(day, time(hour))

    def __call__(self) -> datetime:
        return self.at

    def set(self, day: date, hour: int = 9, minute: int = 0) -> date:
        self.at = datetime.combine(day, time(hour, minute))
        return day


def demo_clock(today: date = DEMO_TODAY) -> FixedClock:
    """A clock whose date is the demo's today, and whose time moves on as the demo runs."""
    started = datetime.now()

    class DemoClock(FixedClock):
        def __call__(self) -> datetime:
            return self.at + (datetime.now() - started)

    return DemoClock(today)

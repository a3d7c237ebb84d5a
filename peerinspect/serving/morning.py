"""Every working morning at the set time, the server emails everyone their reminder digest.

It runs the very use case `peerinspect reminders --send` runs, as the person the settings name, without a sign-in:
the server is trusted with the workspace already. Each run leaves one line in the server's log; a failure is logged
and the schedule goes on. The once-a-day record is what keeps a restarted server from sending anything twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

from ..domain.calendar import WorkingCalendar, default_calendar
from ..domain.errors import PeerInspectError
from ..domain.morning_send import next_send
from ..engine.core import Engine
from ..engine.reminder_mail import Outcome, PersonReminded, send_reminders

# The settings are read again this often while waiting, so a changed time or sender is followed without a restart.
RECHECK_SECONDS = 300.0

log = logging.getLogger("peerinspect.reminders")


async def send_every_morning(
    workspace: Path,
    *,
    clock: Callable[[], datetime] = datetime.now,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    calendar: WorkingCalendar | None = None,
) -> None:
    """Wait for each next moment to send and send then, until cancelled."""
    calendar = calendar or default_calendar()
    while True:
        moment = _next_moment(workspace, clock, calendar)
        wait = RECHECK_SECONDS if moment is None else (moment - clock()).total_seconds()
        if moment is None or wait > RECHECK_SECONDS:
            await sleep(RECHECK_SECONDS)
            continue
        await sleep(max(wait, 0.0))
        if clock() >= moment:
            await asyncio.to_thread(send_once, workspace, clock)


def _next_moment(workspace: Path, clock: Callable[[], datetime], calendar: WorkingCalendar) -> datetime | None:
    try:
        return next_send(Engine.open(workspace, clock=clock).settings().smtp, calendar, clock())
    except Exception as error:  # an unreadable workspace now may be readable at the next look
        log.warning("morning reminders: cannot read the settings (%s)", _described(error))
        return None


def send_once(workspace: Path, clock: Callable[[], datetime] = datetime.now) -> None:
    """Send today's digests as the set person, and log what became of them in one line."""
    try:
        engine = Engine.open(workspace, clock=clock)
        outcomes = send_reminders(engine, as_person=engine.settings().smtp.send_as)
    except Exception as error:
        log.warning("morning reminders: not sent: %s", _described(error))
        return
    log.info("morning reminders: %s", outcome_line(outcomes))


def outcome_line(outcomes: list[PersonReminded]) -> str:
    """What became of a run, in one line: whom it was sent to, how many had it already, whose failed and why."""
    sent = [o.person.name for o in outcomes if o.outcome in (Outcome.SENT, Outcome.UPDATE_SENT)]
    already = sum(o.outcome in (Outcome.ALREADY_SENT, Outcome.NOTHING_NEW) for o in outcomes)
    failed = [f"{o.person.name} ({o.reason})" if o.reason else o.person.name for o in outcomes if o.outcome.is_failure]
    no_address = [o.person.name for o in outcomes if o.outcome is Outcome.NO_ADDRESS]
    if not outcomes:
        return "nothing due for anyone"
    parts = [f"sent to {', '.join(sent)}" if sent else "none sent"]
    if already:
        parts.append(f"{already} already sent today")
    if no_address:
        parts.append(f"no address for {', '.join(no_address)}")
    if failed:
        parts.append(f"failed: {', '.join(failed)}")
    return "; ".join(parts)


def _described(error: Exception) -> str:
    # The error's own words only: a traceback's frames could show the settings' or the environment's values.
    return str(error) if isinstance(error, PeerInspectError) else f"{type(error).__name__}: {error}"

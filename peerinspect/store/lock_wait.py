"""Waiting for another session's lock on a workspace file: polled, so the wait can be watched and stopped.

A caller that wants to know it is waiting (a screen that says so and offers to stop) wraps its call in
`watched_wait`; everyone else waits quietly, as before, until the timeout.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from ..domain.errors import Refused, StoppedWaiting
from ..owner_only import FILE_MODE

POLL_SECONDS = 0.05


class _Watch(threading.local):
    on_wait: Callable[[], None] | None = None
    stop: threading.Event | None = None


_watch = _Watch()


@contextmanager
def watched_wait(on_wait: Callable[[], None], stop: threading.Event) -> Iterator[None]:
    """Within this block, on this thread: `on_wait` is called once when a lock is found held, and setting
    `stop` abandons the wait with StoppedWaiting."""
    before = _watch.on_wait, _watch.stop
    _watch.on_wait, _watch.stop = on_wait, stop
    try:
        yield
    finally:
        _watch.on_wait, _watch.stop = before


def file_lock(path: Path, timeout: float = -1):
    """The lock taken around every read-modify-write of `path`, in a file beside it that only its owner can open."""
    from filelock import FileLock  # slow to import, and a command that only reads never locks

    return FileLock(f"{path}.lock", timeout=timeout, mode=FILE_MODE)


@contextmanager
def holding(
    guard: threading.RLock,
    path: Path,
    timeout: float,
    busy: str,
    refusal: Callable[[OSError], Exception | None] = lambda error: None,
) -> Iterator[None]:
    """This process's guard and the file's lock together.

    While the file lock is held elsewhere the guard is let go, so this process's other threads (a screen
    reading what it shows) are not held up behind the wait. An OSError taking the lock is raised as what
    `refusal` makes of it (a disk that will not take the lock file), or as it is.
    """
    from filelock import Timeout  # slow to import, and a command that only reads never locks

    lock = file_lock(path)
    deadline = time.monotonic() + timeout
    told = False
    while True:
        guard.acquire()
        try:
            lock.acquire(timeout=0)
            break
        except Timeout:
            guard.release()
        except OSError as error:
            guard.release()
            refused = refusal(error)
            if refused is None:
                raise
            raise refused from None
        except BaseException:
            guard.release()
            raise
        if _watch.on_wait is not None and not told:
            told = True
            _watch.on_wait()
        if _watch.stop is not None and _watch.stop.is_set():
            raise StoppedWaiting("Not saved: you stopped waiting for another session to finish saving.")
        if time.monotonic() >= deadline:
            raise Refused(busy)
        if _watch.stop is not None:
            _watch.stop.wait(POLL_SECONDS)
        else:
            time.sleep(POLL_SECONDS)
    try:
        yield
    finally:
        lock.release()
        guard.release()

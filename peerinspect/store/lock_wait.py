"""Waiting for another session's lock on a workspace file: polled, so the wait can be watched and stopped.

A caller that wants to know it is waiting (a screen that says so and offers to stop) wraps its call in
`watched_wait`; everyone else waits quietly, as before, until the timeout.
"""

from __future__ import annotations

import fcntl
import os
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


class FileLock:
    """The lock taken around every read-modify-write of a file: an exclusive flock on a file beside it, which only
    its owner can open, held until released or until the process ends (a killed process holds nothing).

    flock itself, as filelock's FileLock takes it too, so the two exclude each other; taken directly it costs a few
    microseconds of CPU, where that library's registries and fork tracking cost about 150, twice in every save.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(f"{path}.lock")
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """Take the lock if no one holds it; False if someone does. An OSError is the disk refusing the lock file."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the only descriptor that holds it lets the lock go


def file_lock(path: Path) -> FileLock:
    """The lock taken around every read-modify-write of `path`."""
    return FileLock(path)


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
    lock = file_lock(path)
    deadline = time.monotonic() + timeout
    told = False
    while True:
        guard.acquire()
        try:
            if lock.try_acquire():
                break
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

"""Files and folders only their owner can read or change, whatever the umask: everything peerinspect writes.

A mode given to open() or mkdir() is only an upper bound that the umask narrows, and an existing file keeps
the mode it had; so each file is set to its mode once opened, and each folder once made.
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
# Only on request, and only for what carries no case reference: others may read it, only its owner may change it.
SHAREABLE_FILE_MODE = 0o644


def write_file(path: Path | str, payload: bytes, mode: int = FILE_MODE, *, exclusive: bool = False) -> None:
    """Write `payload` to `path`, which is left with exactly `mode` however it was found; with `exclusive`, a file
    already there is left alone and FileExistsError raised, however late it appeared."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(path, flags, mode)
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), mode)
        handle.write(payload)


def replace_file(path: Path, payload: bytes, temporary: Path | None = None) -> None:
    """Replace `path` with `payload`, owner-only, so that a crash leaves either the old or the new content.

    The payload is written to `temporary` (by default a hidden file beside `path`), fsynced, and renamed over
    `path` in one step; the folder is fsynced too, since the rename is durable only once its entry is on disk.
    """
    path = Path(path)
    tmp = temporary or path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)  # the umask may have narrowed it; the rename keeps what it has
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)


def fsync_directory(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(folder: Path) -> None:
    """Every file and folder under `folder`, and its own entry, on disk: once, for a build that skipped each write's."""
    for here, _, files in os.walk(folder, topdown=False):
        for name in files:
            fd = os.open(os.path.join(here, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        fsync_directory(Path(here))
    fsync_directory(Path(folder).parent)


def make_folder(path: Path) -> None:
    """`path` and any folder missing above it, each made for its owner alone; folders that exist are left as they are."""
    path = Path(path)
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue  # made meanwhile by another process
        os.chmod(folder, FOLDER_MODE)

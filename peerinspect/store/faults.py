"""What the disk can refuse, and files that cannot be read, as errors a person can act on."""

from __future__ import annotations

import errno
from pathlib import Path

from ..domain.errors import NotSaved, PeerInspectError

# Errors that mean "this disk will not take the write", as opposed to a fault in the program.
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "you may not write there",
    errno.EPERM: "you may not write there",
}


def disk_reason(error: OSError) -> str | None:
    """Why the disk refused, in words, or None when the error is not a refusal by the disk."""
    return _REASONS.get(error.errno)


class DiskRefused(NotSaved):
    """The disk would not take a write: full, read-only or not permitted. Nothing in the file changed."""

    def __init__(self, path: Path, reason: str, message: str | None = None):
        self.path = Path(path)
        self.reason = reason
        super().__init__(message or f"Could not write {self.path}: {reason}. Nothing was changed.")


class PartlySaved(NotSaved):
    """A save reached its inspection file but not the workspace index; the next open brings the index up to date."""

    def __init__(self, message: str, reason: str):
        self.reason = reason
        super().__init__(message)


class UnreadableFile(PeerInspectError):
    """A workspace file that is empty or is not the JSON peerinspect wrote."""

    def __init__(self, path: Path, detail: str, advice: str = ""):
        self.path = Path(path)
        self.detail = detail
        super().__init__(f"{self.path} cannot be read: {detail}. Nothing was changed." + (f" {advice}" if advice else ""))

"""Working in a field copy: unsealed into a private folder for as long as it is open, sealed back after every save.

The copy's workspace is laid out in a folder only its owner can enter (in the login session's runtime folder,
which lives in memory where the system has one), and opened like any workspace, with the same engine and the
same rules, so the TUI and the CLI work on it unchanged. Only the copy's holder acts in it, and only as a
field copy allows (permissions.FIELD_ACTS).

Every save is sealed back into the copy file (written to a temporary file, fsynced, renamed) before the use
case returns: a save the person saw acknowledged survives the laptop dying a moment later. The folder is
removed when the copy is closed; one left behind by a session that was killed is removed the next time a
copy is opened.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.errors import NotSaved, Refused
from ..engine.core import Engine
from ..store.faults import DiskRefused
from ..store.workspace import Workspace
from .contents import CopyContents, CopyLabel, folder_files, lay_out, read_copy, remove_folder, write_copy
from .sealing import SealingKey

FOLDER_PREFIX = "peerinspect-field-"


class SealedWorkspace(Workspace):
    """A field copy's workspace: each change is sealed back into the copy file before the save returns."""

    seal_back: Callable[[], None] | None = None

    @contextmanager
    def inspection(self, inspection_id: str, *, new: bool = False):
        with self._sealed_after(super().inspection(inspection_id, new=new)) as tx:
            yield tx

    @contextmanager
    def index(self):
        with self._sealed_after(super().index()) as tx:
            yield tx

    @contextmanager
    def _sealed_after(self, transaction):
        tx = None
        try:
            with transaction as tx:
                yield tx
        finally:
            if tx is not None and tx.written is not None and self.seal_back is not None:
                self.seal_back()


class OpenedCopy:
    """A field copy open for work: its engine, what it says about itself, and the file every save goes back to."""

    def __init__(self, path: Path, contents: CopyContents, key: SealingKey, folder: Path, engine: Engine):
        self.path, self.label, self.folder, self.engine = Path(path), contents.label, folder, engine
        self._key = key
        self._sealing = threading.Lock()

    def seal(self) -> None:
        # Under one lock, so two saves finishing together cannot write an older state over a newer one.
        with self._sealing:
            contents = CopyContents(label=self.label, files=folder_files(self.folder))
            try:
                write_copy(self.path, contents, self._key)
            except DiskRefused as error:
                raise NotSaved(
                    f"Could not write the field copy {self.path}: {error.reason}. This save is held in the open copy "
                    "only: keep it open, make room, and save again; every save so far goes into the copy then."
                ) from error

    def close(self) -> None:
        remove_folder(self.folder)


def open_copy(path: Path, passphrase: str, *, open_engine: Callable[..., Engine] = Engine.open) -> OpenedCopy:
    """The copy at `path` unsealed and open; refused, with nothing left behind, if it has expired.

    `open_engine` opens the engine on the unsealed folder (Engine.open, or one on another clock in tests)."""
    contents, key = read_copy(path, passphrase)
    remove_abandoned_folders()
    folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-", dir=private_parent()))
    try:
        lay_out(contents.files, folder)
        engine = open_engine(folder, workspace_class=SealedWorkspace)
        _refuse_expired(contents.label, engine, path)
    except BaseException:
        remove_folder(folder)
        raise
    engine.field_holder = contents.label.holder_id
    opened = OpenedCopy(path, contents, key, folder, engine)
    engine.workspace.seal_back = opened.seal
    return opened


@contextmanager
def opened_copy(path: Path, passphrase: str, **kwargs) -> Iterator[OpenedCopy]:
    opened = open_copy(path, passphrase, **kwargs)
    try:
        yield opened
    finally:
        opened.close()


def _refuse_expired(label: CopyLabel, engine: Engine, path: Path) -> None:
    if engine.today() > label.expires_on:
        raise Refused(
            f"This field copy of {label.inspection_title} expired on {label.expires_on}, and no longer opens. "
            f"Bring it home: on the home workspace run 'peerinspect field return {path} --as PERSON'; "
            "nothing saved in it is lost."
        )


def private_parent() -> str:
    """Where unsealed copies are laid out: the login session's own runtime folder if there is one, else the temp folder."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return runtime if runtime and os.path.isdir(runtime) else tempfile.gettempdir()


def remove_abandoned_folders() -> None:
    """Remove unsealed copies left by sessions that were killed: the copy file has every save they acknowledged."""
    for folder in Path(private_parent()).glob(f"{FOLDER_PREFIX}*-*"):
        pid = folder.name[len(FOLDER_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and folder.is_dir() and folder.stat().st_uid == os.getuid() and not _alive(int(pid)):
            remove_folder(folder)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

"""What a field copy holds once unsealed: a label saying what it is, and a small workspace of its own.

    {"format": "peerinspect-field-copy", "format_version": 1,
     "label": {copy id, issue, inspection, holder, when it was made and expires, its base},
     "files": {"workspace.json": {"text": ...}, "inspections/<id>.json": {"text": ...}, ...}}

The workspace travels as its files, whatever the store writes in them, so the copy is a workspace like
any other and the store can change how it keeps its files without the copy changing with it. Lock files
and the temporaries of unfinished writes stay behind.
"""

from __future__ import annotations

import base64
import os
import shutil
from datetime import date, datetime
from pathlib import Path, PurePosixPath

import orjson
from attrs import frozen

from ..domain.errors import InvalidInput, Problem
from ..store.converter import converter, structure
from ..owner_only import FILE_MODE, FOLDER_MODE
from ..store.durable import target_of_temporary, write_atomically
from .sealing import SealingKey, unseal

FORMAT = "peerinspect-field-copy"
FORMAT_VERSION = 1


@frozen(kw_only=True)
class CopyLabel:
    """What a field copy says about itself, readable only with its passphrase."""

    copy_id: str
    issue: str
    inspection_id: str
    inspection_title: str
    holder_id: str
    holder_name: str
    written_at: datetime
    expires_on: date
    made_saves: int  # entries its own trail held when it was written: every later entry is a save made in the field
    base: dict[str, str]  # record key -> fingerprint when it was written


@frozen(kw_only=True)
class CopyContents:
    label: CopyLabel
    files: dict[str, bytes]  # path inside the copy's workspace folder -> content


def encoded(contents: CopyContents) -> bytes:
    files = {}
    for path, content in sorted(contents.files.items()):
        try:
            files[path] = {"text": content.decode("utf-8")}
        except UnicodeDecodeError:
            files[path] = {"base64": base64.b64encode(content).decode("ascii")}
    return orjson.dumps({"format": FORMAT, "format_version": FORMAT_VERSION,
                         "label": converter.unstructure(contents.label), "files": files})


def decoded(plaintext: bytes, source: Path) -> CopyContents:
    where = str(source)
    try:
        raw = orjson.loads(plaintext)
    except orjson.JSONDecodeError:
        raw = None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise InvalidInput(Problem(where, "does not hold a peerinspect field copy"))
    if not isinstance(raw.get("format_version"), int) or raw["format_version"] > FORMAT_VERSION:
        raise InvalidInput(Problem(where, "was written by a newer peerinspect: upgrade to open it"))
    label = structure(raw.get("label"), CopyLabel)
    files: dict[str, bytes] = {}
    for path, content in (raw.get("files") or {}).items():
        files[_inside(path, where)] = _content(content, path, where)
    return CopyContents(label=label, files=files)


def _inside(path: str, where: str) -> str:
    parts = PurePosixPath(path).parts
    if not parts or PurePosixPath(path).is_absolute() or ".." in parts:
        raise InvalidInput(Problem(where, f"names a file outside its own folder ({path!r})"))
    return path


def _content(content: object, path: str, where: str) -> bytes:
    if isinstance(content, dict) and isinstance(content.get("text"), str):
        return content["text"].encode("utf-8")
    if isinstance(content, dict) and isinstance(content.get("base64"), str):
        return base64.b64decode(content["base64"])
    raise InvalidInput(Problem(where, f"holds {path!r} in a form peerinspect does not write"))


# the sealed file ------------------------------------------------------------------------------------------
def read_copy(path: Path, passphrase: str) -> tuple[CopyContents, SealingKey]:
    """The copy at `path`, and the key that sealed it; a missing, damaged or foreign file is refused by name."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(Problem(str(path), f"cannot be read: {error.strerror or error}")) from None
    plaintext, key = unseal(data, passphrase, path)
    return decoded(plaintext, path), key


def write_copy(path: Path, contents: CopyContents, key: SealingKey) -> None:
    """Seal and write the copy so that a crash leaves the old copy or the new one, readable by its owner only."""
    write_atomically(Path(path), key.seal(encoded(contents)))


# the copy's workspace folder ------------------------------------------------------------------------------
def folder_files(root: Path) -> dict[str, bytes]:
    """Every file of a workspace folder that belongs in a copy of it."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.endswith(".lock") and target_of_temporary(path) is None:
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def lay_out(files: dict[str, bytes], root: Path) -> None:
    """Write a copy's files into an empty private folder, every folder and file readable by its owner only."""
    for relative, content in files.items():
        target = root.joinpath(*PurePosixPath(relative).parts)
        for folder in reversed(target.relative_to(root).parents[:-1]):
            (root / folder).mkdir(mode=FOLDER_MODE, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)


def remove_folder(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)

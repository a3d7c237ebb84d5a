"""Where a signed-in command line keeps its token: the user's config folder, one file per workspace, owner-only."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..owner_only import FOLDER_MODE, make_folder, write_file

FOLDER = "sign-in"


def token_path(workspace_root: Path) -> Path:
    from platformdirs import user_config_path  # honours XDG_CONFIG_HOME

    name = hashlib.sha256(str(Path(workspace_root).resolve()).encode()).hexdigest()[:32]
    return user_config_path("peerinspect") / FOLDER / f"{name}.token"


def kept_token(workspace_root: Path) -> str | None:
    try:
        return token_path(workspace_root).read_text(encoding="ascii").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def keep_token(workspace_root: Path, token: str) -> Path:
    path = token_path(workspace_root)
    make_folder(path.parent)
    os.chmod(path.parent, FOLDER_MODE)
    # Written beside it and moved into place, so a reader never finds half a token.
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    write_file(partial, token.encode("ascii"))
    os.replace(partial, path)
    return path


def forget_token(workspace_root: Path) -> bool:
    try:
        token_path(workspace_root).unlink()
        return True
    except FileNotFoundError:
        return False

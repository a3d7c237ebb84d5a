"""What every subcommand needs: the workspace location, the engine on it, and the way results are printed."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.errors import InvalidInput, Problem, Refused
from ..domain.limits import check_date, displayable
from ..engine.core import Engine
from ..owner_only import FILE_MODE, write_file
from ..store.converter import converter

ENVIRONMENT_VARIABLE = "PEERINSPECT_WORKSPACE"


def workspace_root(args) -> Path:
    """--workspace, else $PEERINSPECT_WORKSPACE, else the per-user data folder."""
    if getattr(args, "workspace", None):
        return Path(args.workspace).expanduser()
    if os.environ.get(ENVIRONMENT_VARIABLE):
        return Path(os.environ[ENVIRONMENT_VARIABLE]).expanduser()
    from platformdirs import user_data_path  # only needed when no folder was named

    return user_data_path("peerinspect") / "workspace"


def engine(args) -> Engine:
    """The engine on the command's workspace, opened once per command however often it is asked for.

    A workspace that is a file is a field copy: it is unsealed for as long as the command runs (close_workspace)."""
    cached = getattr(args, "_engine", None)
    if cached is not None:
        return cached
    root = workspace_root(args)
    opened = field_copy(args).engine if root.is_file() else Engine.open(root)
    args._engine = opened
    for repair in opened.repairs:
        print(f"peerinspect: warning: {repair}", file=sys.stderr)
    for problem in opened.framework_problems:
        print(displayable(f"peerinspect: warning: {problem}"), file=sys.stderr)
    exposed = opened.exposed_paths()
    if exposed:
        print(
            f"peerinspect: warning: {len(exposed)} workspace files or folders can be read by other users "
            f"(e.g. {exposed[0]}); run: chmod -R go-rwx {opened.root}",
            file=sys.stderr,
        )
    if not getattr(args, "signs_in_itself", False):
        act_as_signed_in(args, opened)
    return opened


def act_as_signed_in(args, opened: Engine) -> None:
    """Where sign-in is required, the command acts as whoever signed in (peerinspect login), and as nobody else."""
    from ..engine import accounts

    if not accounts.required(opened):
        return
    from ..signin.token_file import keep_token, kept_token

    person, renewed = accounts.person_of_token(opened, kept_token(opened.root))
    named = getattr(args, "as_person", None)
    if named and opened.person(named).id != person.id:
        raise Refused(f"You are signed in as {person.name}, and this workspace requires sign-in: --as may name only "
                      "you. To act as someone else, they sign in with peerinspect login.")
    args.as_person = person.id
    keep_token(opened.root, renewed)  # the idle time counts from this command


def signed_in_person(args) -> None:
    """Fill in who is acting from the sign-in, where the workspace requires one and --as was not given."""
    engine(args)


def field_copy(args):
    """The field copy named by --workspace FILE, unsealed with its passphrase until the command ends."""
    cached = getattr(args, "_field_copy", None)
    if cached is None:
        from ..field.opened import open_copy
        from .field_commands import passphrase

        cached = args._field_copy = open_copy(workspace_root(args), passphrase(), open_engine=Engine.open)
    return cached


def close_workspace(args) -> None:
    """Take away the unsealed folder of a field copy the command ran on; the copy file holds every save."""
    opened = getattr(args, "_field_copy", None)
    if opened is not None:
        opened.close()
        args._field_copy = None


def as_date(text: str | None, field: str = "date") -> date | None:
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(Problem(field, f"{text!r} is not a date: write it as YYYY-MM-DD")) from None
    return check_date(field, day)


def pairs(items: list[str] | None, field: str) -> list[tuple[str, str]]:
    """KEY=VALUE options, in order; a missing '=' names the option."""
    found = []
    for item in items or ():
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidInput(Problem(field, f"{item!r} should be written KEY=VALUE"))
        found.append((key.strip(), value.strip()))
    return found


def report_made(args, made: Any, sentence: str, *, record_id: str | None = None) -> None:
    """What a creating verb prints: JSON with --json, the bare id with --id-only (for `ID=$(...)`), else a sentence."""
    if getattr(args, "json", False):
        emit_json(made)
    elif getattr(args, "id_only", False):
        print(record_id or made.id)
    else:
        show(sentence)


def emit_json(value: Any) -> None:
    print(json.dumps(converter.unstructure(value), indent=2, ensure_ascii=False, default=str))


def write_output(payload: str | bytes, output: str | None, mode: int = FILE_MODE) -> None:
    """To stdout, or to the --output file: its owner's alone unless `mode` says otherwise."""
    if output is None:
        if isinstance(payload, bytes):
            sys.stdout.buffer.write(payload)
        else:
            sys.stdout.write(payload)
        return
    write_file(output, payload if isinstance(payload, bytes) else payload.encode(), mode)
    print(f"Wrote {output}", file=sys.stderr)


def show(text: object = "") -> None:
    """Print text for a person to read, without anything in it that could steer their terminal."""
    print(displayable(text, multiline=True))


def table(rows: list[list[str]], header: list[str]) -> str:
    """Rows in aligned columns; each cell one line of displayable text."""
    cells = [[displayable(c) for c in r] for r in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(cells[0]), line(["-" * w for w in widths]), *(line(r) for r in cells[1:])])

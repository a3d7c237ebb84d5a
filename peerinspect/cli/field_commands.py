"""`peerinspect field …`: take an inspection into the field, work in the copy there, bring it home.

The passphrase is asked for at the terminal (twice when a copy is first written), or read from
PEERINSPECT_FIELD_PASSPHRASE for scripts. A copy is worked on like a workspace: `peerinspect field open FILE`
opens the terminal UI on it, and `peerinspect --workspace FILE COMMAND …` runs any command on it.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..domain.errors import InvalidInput, Problem
from .context import emit_json, engine, report_made, show, table

PASSPHRASE_VARIABLE = "PEERINSPECT_FIELD_PASSPHRASE"


def passphrase(*, new: bool = False) -> str:
    """The copy's passphrase: from the environment, else asked at the terminal (twice for a new copy)."""
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise InvalidInput(Problem("passphrase", f"set {PASSPHRASE_VARIABLE}, or run in a terminal to be asked for it"))
    typed = getpass.getpass("Passphrase for the field copy: ")
    if new and getpass.getpass("The same passphrase again: ") != typed:
        raise InvalidInput(Problem("passphrase", "the two passphrases differ; nothing was written"))
    return typed


def checkout(args) -> int:
    from ..field.checkout import check_out

    opened = engine(args)
    copy = check_out(opened, as_person=args.as_person, inspection=args.inspection, output=Path(args.output),
                     passphrase=passphrase(new=True))
    holder = opened.person(copy.holder_id)
    report_made(args, copy, f"Wrote {args.output}: {holder.name}'s field copy, which opens until {copy.expires_on}. "
                            f"Open it with: peerinspect field open {args.output}")
    return 0


def open_copy(args) -> int:
    from .tui_commands import open_tui

    args.workspace = args.file
    if sys.stdout.isatty():
        return open_tui(args)
    label = field_copy_of(args).label
    show(f"{args.file}: {label.holder_name}'s field copy of {label.inspection_title}, written {label.written_at:%Y-%m-%d %H:%M}; "
         f"it opens until {label.expires_on}. Run commands on it with: peerinspect --workspace {args.file} COMMAND")
    return 0


def return_copy(args) -> int:
    from ..field.returning import return_copy as bring_home

    returned = bring_home(engine(args), as_person=args.as_person, path=Path(args.file), passphrase=passphrase())
    if args.json:
        emit_json(returned)
    else:
        show(_returned_sentence(returned))
    return 0


def refresh(args) -> int:
    from ..field.returning import refresh_copy

    returned, copy = refresh_copy(engine(args), as_person=args.as_person, path=Path(args.file), passphrase=passphrase())
    if args.json:
        emit_json({"returned": returned, "copy": copy})
    else:
        show(_returned_sentence(returned))
        show(f"Wrote {args.file} again from the home workspace as it is now; it opens until {copy.expires_on}.")
    return 0


def _returned_sentence(returned) -> str:
    if not returned.changed_anything:
        return "Nothing new: everything saved in this copy is home already."
    said = (f"Brought home {returned.saves} save(s) made in the field: {returned.added} record(s) added, "
            f"{returned.taken} changed.")
    if returned.conflicts:
        said += (f" {len(returned.conflicts)} record(s) were also changed at home or in another copy: both versions "
                 "are kept. See them with 'peerinspect field conflicts INSPECTION'.")
    return said


def conflicts(args) -> int:
    from ..field.conflicts import conflicts_for

    found = conflicts_for(engine(args), as_person=args.as_person, inspection=args.inspection, settled=args.all)
    if args.json:
        emit_json(found)
        return 0
    if not found:
        show("No conflicts for you to settle.")
        return 0
    for view in found:
        conflict = view.conflict
        state = "open" if conflict.is_open else "settled"
        show(f"conflict {conflict.id[:8]} ({state}): {view.what}, differing in {', '.join(conflict.differing_fields) or 'nothing'}")
        for version in view.versions:
            mark = "  *" if version.shown else "   "
            sources = "; ".join(str(s) for s in version.sources) or "another copy"
            show(f"{mark} version {version.version.fingerprint[:8]} from {sources}")
            for name in conflict.differing_fields:
                show(f"        {name}: {version.version.document.get(name)!s}")
    show("* what the record shows until the conflict is settled. Settle with: "
         "peerinspect field resolve INSPECTION CONFLICT --keep VERSION (or --set FIELD=TEXT)")
    return 0


def resolve(args) -> int:
    from ..field.conflicts import settle_conflict
    from .context import pairs

    fields = dict(pairs(args.set, "set")) or None
    settled = settle_conflict(engine(args), as_person=args.as_person, inspection=args.inspection,
                              conflict_id=args.conflict, keep=args.keep, fields=fields)
    if args.json:
        emit_json(settled)
    else:
        show(f"Settled conflict {settled.id[:8]}: the record now says what was "
             + ("kept." if settled.resolution.kept else "written."))
    return 0


def copies(args) -> int:
    from ..field.checkout import copies_of

    found = copies_of(engine(args), as_person=args.as_person, inspection=args.inspection)
    if args.json:
        emit_json(found)
        return 0
    rows = [[c.id[:8], name, f"{c.checked_out_at:%Y-%m-%d %H:%M}", str(c.expires_on), str(len(c.contributed))]
            for c, name in found]
    show(table(rows, ["copy", "holder", "written", "opens until", "records brought home"]))
    return 0


def field_copy_of(args):
    """The field copy the command runs on (--workspace FILE), unsealed for as long as the command runs."""
    from .context import field_copy

    return field_copy(args)

"""The audit verbs that reach past one inspection: a digest to keep, and verifying every trail in the workspace."""

from __future__ import annotations

from ..domain.anchors import parse_digest
from ..domain.errors import InvalidInput, Problem
from ..engine import history
from .context import emit_json, engine, show

ANCHOR_VERB = "anchor"


def wants_workspace_verb(args) -> bool:
    """Whether `audit` was asked for the whole workspace (a digest, or verify with no inspection) rather than one trail."""
    if args.anchor is not None:
        parse_digest(args.anchor)  # a mistyped digest is refused before anything is read or printed
    if args.inspection == ANCHOR_VERB or (args.inspection is None and args.verify):
        return True
    if args.inspection is None:
        raise InvalidInput(Problem(
            "inspection", "name an inspection, or write 'audit anchor' for a digest, or 'audit --verify' to check every trail"
        ))
    if getattr(args, "id_only", False):
        raise InvalidInput(Problem("--id-only", "only 'audit anchor' makes something with an id: its digest"))
    if args.anchor is not None and not args.verify:
        raise InvalidInput(Problem("--anchor", "a digest is checked by --verify: add --verify"))
    return False


def run_workspace_verb(args) -> int:
    if args.inspection == ANCHOR_VERB:
        return _print_anchor(args)
    return _verify_workspace(args)


def _print_anchor(args) -> int:
    if args.verify or args.anchor is not None:
        raise InvalidInput(Problem("anchor", "'audit anchor' takes a new digest; to check one, run 'audit --verify --anchor DIGEST'"))
    anchor = history.take_anchor(engine(args), as_person=args.as_person)
    if args.json:
        emit_json(anchor)
        return 0
    if args.id_only:
        show(anchor.readable_digest)
        return 0
    show(f"Anchor digest: {anchor.readable_digest}")
    show(f"Taken {anchor.taken_on.isoformat()} at link {anchor.link}, covering {anchor.inspections} inspections "
          "and the workspace's own trail.")
    show("Keep it away from this workspace (on paper, or in an email to someone else). Later, to prove nothing")
    show(f"recorded up to now has been changed: peerinspect audit --verify --anchor {anchor.readable_digest}")
    return 0


def _verify_workspace(args) -> int:
    check = history.verify_workspace(engine(args), as_person=args.as_person, anchor=args.anchor)
    if args.json:
        emit_json(check)
        return 2 if check.problems or check.unrecorded else 0
    for problem in check.problems + check.unrecorded:
        show(f"audit trail broken: {problem}")
    if check.problems or check.unrecorded:
        return 2
    show(f"audit trail intact: the workspace's own trail and {check.inspections} inspections, "
          f"each still holding every head its {check.links} anchor links recorded")
    if check.anchored_at is not None:
        show(f"anchor found at link {check.anchored_at.seq} of {check.links}: nothing recorded up to it has changed since")
    return 0

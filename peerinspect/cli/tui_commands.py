"""Opening the terminal UI: on the workspace, or on a fresh demo workspace."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .context import engine, show


def open_tui(args) -> int:
    from ..tui.app import make_app

    if not sys.stdout.isatty():
        print("peerinspect: the terminal UI needs a terminal; see 'peerinspect --help' for the commands", file=sys.stderr)
        return 2
    opened = engine(args)
    # A field copy opens as the person it was checked out for.
    make_app(opened, as_person=getattr(args, "as_person", None) or opened.field_holder).run()
    return 0


def demo(args) -> int:
    from ..sample import build_demo
    from ..tui.app import make_app

    root = Path(tempfile.mkdtemp(prefix="peerinspect-demo-")) / "workspace"
    demo_engine = build_demo(root)
    if getattr(args, "as_person", None):
        demo_engine.person(args.as_person)  # a name the sample does not hold is refused, not ignored
    if not sys.stdout.isatty():
        show(f"Demo workspace at {root}:")
        for summary in demo_engine.summaries():
            show(f"  {summary.id[:8]}  {summary.inspection.title}  ({summary.inspection.stage.label})")
        return 0
    make_app(demo_engine, as_person=getattr(args, "as_person", None)).run()
    show(f"The demo workspace is kept at {root} (add --workspace {root} to open it again)")
    return 0

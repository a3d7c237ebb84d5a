"""Opening the terminal UI: on the workspace, or on a fresh demo workspace."""

from __future__ import annotations

import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .context import engine, show, workspace_root


def open_tui(args) -> int:
    if not sys.stdout.isatty():
        print("peerinspect: the terminal UI needs a terminal; see 'peerinspect --help' for the commands", file=sys.stderr)
        return 2
    opened = engine(args)
    # A field copy opens as the person it was checked out for.
    _app_factory()(opened, as_person=getattr(args, "as_person", None) or opened.field_holder).run()
    return 0


def where(args) -> int:
    from ..tui.settings import settings_path  # the file's place alone: nothing of the terminal UI is loaded

    show(f"workspace: {workspace_root(args)}")
    show(f"terminal UI settings: {settings_path()}")
    return 0


def demo(args) -> int:
    root = Path(tempfile.mkdtemp(prefix="peerinspect-demo-")) / "workspace"
    terminal = sys.stdout.isatty()
    with ThreadPoolExecutor(max_workers=1) as pool:
        # Building the demo waits mostly for its files to reach the disk: the terminal UI is imported meanwhile.
        building = pool.submit(_build_demo, root)
        make_app = _app_factory() if terminal else None
        demo_engine = building.result()
    if getattr(args, "as_person", None):
        demo_engine.person(args.as_person)  # a name the sample does not hold is refused, not ignored
    if make_app is None:
        show(f"Demo workspace at {root}:")
        for summary in demo_engine.summaries():
            show(f"  {summary.id[:8]}  {summary.inspection.title}  ({summary.inspection.stage.label})")
        return 0
    make_app(demo_engine, as_person=getattr(args, "as_person", None)).run()
    show(f"The demo workspace is kept at {root} (add --workspace {root} to open it again)")
    return 0


def _build_demo(root: Path):
    from ..sample import build_demo

    return build_demo(root)


def _app_factory():
    from ..tui.app import make_app

    return make_app

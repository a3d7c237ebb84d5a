"""Opening the terminal UI: on the workspace, or on a fresh demo workspace.

Nothing of the engine or the terminal UI is imported before a command here needs it: the demo loads the
engine, then builds its workspace in a second process while this one loads the terminal UI.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path


def open_tui(args) -> int:
    from .context import engine

    if not sys.stdout.isatty():
        print("peerinspect: the terminal UI needs a terminal; see 'peerinspect --help' for the commands", file=sys.stderr)
        return 2
    opened = engine(args)
    # A field copy opens as the person it was checked out for.
    _app_factory()(opened, as_person=getattr(args, "as_person", None) or opened.field_holder).run()
    return 0


def where(args) -> int:
    from ..tui.settings import settings_path  # the file's place alone: nothing of the terminal UI is loaded
    from .context import show, workspace_root

    show(f"workspace: {workspace_root(args)}")
    show(f"terminal UI settings: {settings_path()}")
    return 0


def demo(args) -> int:
    root = Path(tempfile.mkdtemp(prefix="peerinspect-demo-")) / "workspace"
    as_person = getattr(args, "as_person", None)
    if not sys.stdout.isatty():
        return _list_demo(root, as_person)
    # Building the demo and loading the terminal UI take about as long as each other: a second process builds
    # while this one loads, each on a processor of its own where there are two.
    from ..clocks import demo_clock
    from ..engine.core import Engine  # both processes need it: loaded once, before they part

    builder = _forked(_build_demo_at_once, root)
    make_app = _app_factory()
    if builder is not None and _succeeded(builder):
        demo_engine = Engine.open(root, clock=demo_clock())
    else:  # no second process here, or it failed: build here, which says why if it cannot
        shutil.rmtree(root.parent, ignore_errors=True)  # what a failed build left
        root = Path(tempfile.mkdtemp(prefix="peerinspect-demo-")) / "workspace"
        demo_engine = _build_demo(root)
    if as_person:
        demo_engine.person(as_person)  # a name the sample does not hold is refused, not ignored
    make_app(demo_engine, as_person=as_person).run()
    from .context import show

    show(f"The demo workspace is kept at {root} (add --workspace {root} to open it again)")
    return 0


def _list_demo(root: Path, as_person: str | None) -> int:
    from .context import show

    demo_engine = _build_demo(root)
    if as_person:
        demo_engine.person(as_person)
    show(f"Demo workspace at {root}:")
    for summary in demo_engine.summaries():
        show(f"  {summary.id[:8]}  {summary.inspection.title}  ({summary.inspection.stage.label})")
    return 0


def _build_demo(root: Path):
    from ..sample import build_demo

    return build_demo(root)


def _build_demo_at_once(root: Path) -> None:
    from ..sample import build_demo_on_disk_at_end

    build_demo_on_disk_at_end(root)


def _forked(work, *args) -> int | None:
    """The id of a child process doing `work(*args)` and nothing else; None where it cannot be done safely.

    A child has only the thread that forked it: a lock another thread held then stays held in the child for
    good, so this forks only while the process has one thread (nothing before the terminal UI starts any).
    The child's output would land on the terminal the UI is about to take: it prints nothing, and a failure
    shows only in its exit code, after which the work is done again here, where its error is reported.
    """
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        work(*args)
        code = 0
    finally:
        os._exit(code)  # the child leaves at once: no cleanup of the parent's, no traceback on its terminal


def _succeeded(pid: int) -> bool:
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def _app_factory():
    from ..tui.app import make_app

    return make_app

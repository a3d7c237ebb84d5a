"""Try the app on a fresh sample workspace in a temporary folder: python -m peerinspect.tui.demo_main [PERSON]."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .app import make_app


def demo_engine(root: Path):
    try:
        from ..sample import build_demo
    except ImportError:
        from .trial import build_trial

        return build_trial(root)
    return build_demo(root)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory(prefix="peerinspect-demo-") as folder:
        engine = demo_engine(Path(folder) / "workspace")
        make_app(engine, as_person=argv[0] if argv else None).run()


if __name__ == "__main__":
    main()

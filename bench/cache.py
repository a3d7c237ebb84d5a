"""Counties built once per version of the code that writes them, kept under /tmp for the runs that follow."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from filelock import FileLock

from county import MARKER, ROOT, CountySpec

CACHE = Path("/tmp/peerinspect-bench")
# What decides the bytes of a county: the code that writes them, the frameworks, and the builder.
MADE_BY = ("peerinspect/domain", "peerinspect/engine", "peerinspect/store", "peerinspect/framework.py",
           "peerinspect/sample.py", "frameworks", "bench/county.py")


def code_version() -> str:
    digest = hashlib.sha256()
    for entry in MADE_BY:
        path = ROOT / entry
        for file in sorted(path.rglob("*") if path.is_dir() else [path]):
            if file.suffix in (".py", ".toml"):
                digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:16]


def cached_county(spec: CountySpec, workers: int, say=print) -> tuple[Path, dict]:
    """The county's workspace, built by a process of its own the first time this version of the code asks for it.

    Two runs asking at once (two checkouts, or the suite and a person) build it once: the second waits.
    """
    folder = CACHE / code_version() / spec.folder_name()
    folder.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(folder.with_name(folder.name + ".lock")):
        if not (folder / MARKER).is_file():
            for leftover in (folder, folder.with_name(folder.name + ".building")):  # of a build that was cut off
                shutil.rmtree(leftover, ignore_errors=True)
            say(f"Building a county of {spec.inspections} inspections and {spec.records:,} records in {folder} "
                f"(once for this version of the code; {workers} process{'es' if workers > 1 else ''})", flush=True)
            subprocess.run([sys.executable, str(ROOT / "bench" / "county.py"), "--into", str(folder), *spec.arguments(),
                            "--workers", str(workers)], check=True)
    return folder, json.loads((folder / MARKER).read_text())

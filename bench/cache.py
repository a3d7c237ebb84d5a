"""Counties built once per version of what they hold, kept under /tmp for the runs that follow.

A county is data. What makes one county differ from another is what builds it: the builder (bench/county.py), the
sample it draws its people, notes and findings from (peerinspect/sample.py), the frameworks its inspections follow,
and the form the store writes documents in (its schema version). The rest of the code does not change what a county
holds, so a change to it reuses the county built before: the current code opens that county as it opens anyone's
workspace, folding in and mending what it has not seen (`Workspace.open`), once, before the first run uses it.
A change that older code cannot read must raise the schema version, as it must for people's workspaces; that gives
a county of its own.
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from filelock import FileLock

from county import MARKER, ROOT, CountySpec
from peerinspect.store.converter import SCHEMA_VERSION
from peerinspect.store.workspace import Workspace

CACHE = Path("/tmp/peerinspect-bench")
BUILT_FROM = ("bench/county.py", "peerinspect/sample.py", "peerinspect/clocks.py", "frameworks")


def data_version() -> str:
    """What decides the records of a county: the builder, the sample, the frameworks, and the store's schema. Each
    file is read for what it does, so a comment or a docstring changed in it builds no county again."""
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\0".encode())
    for entry in BUILT_FROM:
        path = ROOT / entry
        for file in sorted(path.rglob("*") if path.is_dir() else [path]):
            if file.suffix in MEANING:
                digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + MEANING[file.suffix](file.read_bytes()))
    return digest.hexdigest()[:16]


def _code_meaning(source: bytes) -> bytes:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]  # the docstring
    return ast.dump(tree).encode()


def _framework_meaning(source: bytes) -> bytes:
    return json.dumps(tomllib.loads(source.decode()), sort_keys=True, default=str).encode()


MEANING = {".py": _code_meaning, ".toml": _framework_meaning}


def cached_county(spec: CountySpec, workers: int, say=print) -> tuple[Path, dict]:
    """The county's workspace, built by a process of its own the first time this version of its data is asked for,
    and opened once by the current code.

    Two runs asking at once (two checkouts, or the suite and a person) build it once: the second waits.
    """
    folder = CACHE / data_version() / spec.folder_name()
    folder.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(folder.with_name(folder.name + ".lock")):
        if not (folder / MARKER).is_file():
            for leftover in (folder, folder.with_name(folder.name + ".building")):  # of a build that was cut off
                shutil.rmtree(leftover, ignore_errors=True)
            say(f"Building a county of {spec.inspections} inspections and {spec.records:,} records in {folder} "
                f"(once for this version of its data; {workers} process{'es' if workers > 1 else ''})", flush=True)
            subprocess.run([sys.executable, str(ROOT / "bench" / "county.py"), "--into", str(folder), *spec.arguments(),
                            "--workers", str(workers)], check=True)
        # Built by an older version, it is brought up to this one's index now, untimed, as a person's workspace is
        # on its first opening; copies made for a run then start from it.
        Workspace.open(folder)
    return folder, json.loads((folder / MARKER).read_text())

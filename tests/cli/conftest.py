import json
from pathlib import Path

import pytest

from peerinspect.cli import main


class Cli:
    """Runs peerinspect in-process on one workspace, as a script would."""

    def __init__(self, root: Path, capsys):
        self.root = root
        self.capsys = capsys

    def __call__(self, *args: str, expect: int = 0) -> str:
        self.capsys.readouterr()
        code = main(["--workspace", str(self.root), *args])
        out, err = self.capsys.readouterr()
        assert code == expect, f"peerinspect {' '.join(args)} exited {code}: {err}"
        self.err = err
        return out

    def json(self, *args: str):
        return json.loads(self(*args, "--json"))

    def snapshot(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.root)): p.read_bytes() for p in sorted(self.root.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


@pytest.fixture
def cli(tmp_path, capsys) -> Cli:
    run = Cli(tmp_path / "ws", capsys)
    run("init", "--authority", "Test County")
    run("district", "add", "Basingstoke", "--area", "North", "--team", "Assessment")
    run("district", "add", "Andover", "--area", "North")
    run("person", "add", "Alex Director", "--role", "area director")
    lead = "--as", "Alex Director"
    for name, role, extra in [
        ("Sam Help", "senior manager", ()), ("Sue Care", "senior manager", ()), ("Sol Lead", "senior manager", ()),
        ("Ivy Inspector", "inspector", ()), ("Casey Ambassador", "care ambassador", ()),
        ("Dana District", "district manager", ("--district", "Basingstoke")),
        ("Avery Area", "area manager", ("--area", "North")),
    ]:
        run("person", "add", name, "--role", role, *extra, *lead)
    return run

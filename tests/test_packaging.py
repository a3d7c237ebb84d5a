"""The dependency floors pyproject.toml declares are the versions .ci/run installs and tests."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def declared_floors() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    floors = {}
    for requirement in requirements:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^]]*\])?>=([0-9][0-9.]*)", requirement.replace(" ", ""))
        assert match, f"{requirement!r} has no plain floor (NAME>=VERSION) for .ci/run to prove"
        floors[match[1].lower()] = match[2]
    return floors


def pinned_floors() -> dict[str, str]:
    pins = {}
    for line in (ROOT / ".ci" / "floors.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[name.strip().lower()] = version.strip()
    return pins


def test_every_declared_floor_is_pinned_for_the_floor_run_and_nothing_else_is():
    assert pinned_floors() == declared_floors()


def test_ci_runs_the_readme_command_word_for_word_before_the_floor_run():
    blocks = re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text(), flags=re.S)
    readme_command = next(line for block in blocks for line in block.splitlines() if "pytest" in line)
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    commands = [line for line in ci if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert commands[0] == readme_command
    assert any("floors.txt" in line for line in commands[1:])

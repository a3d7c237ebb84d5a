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


def ci_commands() -> list[str]:
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    return [line for line in ci if line.strip() and not line.startswith(("#", "set ", "cd ", "export "))]


def readme_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text(), flags=re.S)
    return [line for block in blocks for line in block.splitlines()]


def test_ci_runs_the_readme_command_word_for_word_before_the_floor_run():
    readme_command = next(line for line in readme_commands() if "pytest" in line)
    commands = ci_commands()
    first_python = next(i for i, line in enumerate(commands) if "python" in line or "pip" in line)
    assert commands[first_python] == readme_command
    assert any("floors.txt" in line for line in commands[first_python + 1:])


def test_ci_installs_only_the_debian_packages_the_readme_names_before_the_tests():
    """Whatever .ci/run does before the README's command is installing programs the README tells a reader to install."""
    readme_install = next(line for line in readme_commands() if "apt-get install" in line)
    wanted = set(readme_install.split("apt-get install -y", 1)[1].split())
    commands = ci_commands()
    setup = commands[: next(i for i, line in enumerate(commands) if "python" in line or "pip" in line)]
    assert setup, ".ci/run installs the Debian packages the printed report's tests need"
    for line in setup:
        assert "apt-get update" in line and "apt-get install -y" in line, line
        installed = line.split("apt-get install -y", 1)[1].split(";")[0].split()
        assert set(installed) == wanted, line
    assert {"chromium", "poppler-utils"} <= wanted

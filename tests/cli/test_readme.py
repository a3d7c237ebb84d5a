"""The README's "Using it" block, run as written on a fresh workspace: what it shows a new user works.

The block is read out of README.md and run line by line through the command line's own entry point, in
this process (a new interpreter per line would cost the suite a minute). The few shell forms it uses are
understood here: comments, continued lines, `export NAME=VALUE`, `NAME=$(peerinspect ...)`, "$NAME" and ~/.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import openpyxl

from peerinspect.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"
CAPTURE = re.compile(r"^(?P<name>[A-Z_]+)=\$\((?P<command>.*)\)$")


def scripting_block(text: str) -> list[str]:
    """The commands of the fenced block that follows "Every use case is also a subcommand", one per line."""
    after = text[text.index("Every use case is also a subcommand"):]
    body = after.split("```sh\n", 1)[1].split("```", 1)[0]
    joined = re.sub(r"\\\n\s*", " ", body)
    return [line for line in joined.splitlines() if shlex.split(line, comments=True)]


def test_the_readme_scripting_block_runs_as_written(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home)
    variables: dict[str, str] = {}

    def run(line: str) -> str:
        expanded = re.sub(r"\$\{?([A-Z_]+)\}?", lambda m: variables[m.group(1)], line)
        words = [str(home) + w[1:] if w.startswith("~/") else w for w in shlex.split(expanded, comments=True)]
        assert words[0] == "peerinspect", f"the README block runs peerinspect only, not: {line}"
        capsys.readouterr()
        code = main(words[1:])
        out, err = capsys.readouterr()
        assert code == 0, f"{line}\nexited {code}: {err}"
        return out

    lines = scripting_block(README.read_text(encoding="utf-8"))
    assert len(lines) > 20
    for line in lines:
        words = shlex.split(line, comments=True)
        captured = CAPTURE.match(line.split(" #")[0].strip())
        if words[0] == "export":
            name, _, value = words[1].partition("=")
            monkeypatch.setenv(name, str(home) + value[1:] if value.startswith("~/") else value)
        elif captured:
            variables[captured["name"]] = run(captured["command"]).strip()
            assert variables[captured["name"]] and "\n" not in variables[captured["name"]], line
        else:
            run(line)
    assert (home / "report.html").exists()
    sheet = openpyxl.load_workbook(home / "actions.xlsx").active
    covers = [sheet.cell(row=r, column=1).value for r in (1, 3)]
    assert covers[0].startswith("Action plan: ") and covers[1].startswith("As at ")
    assert variables["INSPECTION"] in run("peerinspect inspection list --json")

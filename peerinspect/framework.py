"""Reads framework files (TOML) into domain Frameworks, reporting every problem with its file and line.

A problem renders in full with ``str(problem)``: ``frameworks/x.toml:42: themes[2].criteria[0].id:
duplicate criterion id "hp-1" ...``; ``messages(error)`` gives the rendered list for an error.
The file format is described in frameworks/README.md.
"""

from __future__ import annotations

import re
import site
import sys
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from attrs import frozen

from .domain.errors import InvalidInput, Problem, unknown_key
from .domain.framework import Criterion, DeadlineAnchor, DeadlineRule, Framework, Grade, SampleTargets, Theme
from .domain.framework import RESUBMISSION
from .domain.impact import SourceKind
from .domain.limits import LONGEST_DEADLINE_DAYS
from .domain.vocabulary import KEY_QUESTION, DurationUnit, InspectionKind

# The engine computes these three deadlines, so every framework must say how long each one is.
REQUIRED_DEADLINES: Mapping[str, tuple[str, str]] = {
    "report": (DeadlineAnchor.FIELDWORK_END, "the written report, due after the last day of fieldwork"),
    "action_plan": (DeadlineAnchor.REPORT_ISSUED, "the district's action plan, due after the report is issued"),
    "immediate_plan": (
        DeadlineAnchor.CONCERN_RAISED,
        "the immediate safeguarding action plan, due after a concern is raised",
    ),
}

# Rules a framework may give; without one the domain's default applies.
OPTIONAL_DEADLINES: Mapping[str, tuple[str, str]] = {
    RESUBMISSION: (DeadlineAnchor.PLAN_RETURNED, "a returned action plan, due again after it is returned"),
}

SHARE_FOLDER = Path("share") / "peerinspect" / "frameworks"


@frozen
class FrameworkProblem(Problem):
    """A problem in a framework file: the file, the line when it can be found, the field path and what is wrong."""

    file: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.file and self.line else self.file
        return ": ".join(part for part in (where, self.field, self.message) if part)


class FrameworkInvalid(InvalidInput):
    """A framework file that cannot be used; carries every problem found in it."""


def messages(error: InvalidInput) -> list[str]:
    """The full human message of each problem, one per line of output."""
    return [str(problem) for problem in error.problems]


def load_framework(path: Path) -> Framework:
    """Read and check one framework file; raise FrameworkInvalid listing every problem in it."""
    shown = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except OSError as error:
        raise FrameworkInvalid([FrameworkProblem("", f"cannot be read: {error.strerror or error}", file=shown)]) from None
    except UnicodeDecodeError:
        raise FrameworkInvalid([FrameworkProblem("", "is not UTF-8 text; save it as UTF-8", file=shown)]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FrameworkInvalid([_syntax_problem(error, shown, text)]) from None
    reader = _Reader(shown, text)
    framework = reader.framework(data)
    if framework is None:
        raise FrameworkInvalid(sorted(reader.problems, key=lambda p: (p.line is None, p.line or 0)))
    return framework


def check_file(path: Path) -> list[str]:
    """The messages for a framework file, empty when it is valid."""
    try:
        load_framework(path)
    except FrameworkInvalid as error:
        return messages(error)
    return []


def _syntax_problem(error: tomllib.TOMLDecodeError, shown: str, text: str) -> FrameworkProblem:
    message = str(error)
    line: int | None = None
    at = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if at:
        line = int(at[1])
        message = f"{message[: at.start()]} (column {at[2]})"
    elif message.endswith("(at end of document)"):
        line = max(1, text.count("\n") + (0 if text.endswith("\n") else 1))
        message = message.removesuffix(" (at end of document)") + " (at the end of the file)"
    return FrameworkProblem("", f"not valid TOML: {message}", file=shown, line=line)


# --- where things are in the text -------------------------------------------------------------

_KEY_PART = r"""[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'"""
_DOTTED = rf"(?:{_KEY_PART})(?:\s*\.\s*(?:{_KEY_PART}))*"
_HEADER = re.compile(rf"\s*(\[\[?)\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(rf"\s*({_DOTTED})\s*=")
_PART = re.compile(_KEY_PART)


def _parts(dotted: str) -> list[str]:
    return [part.strip("\"'") for part in _PART.findall(dotted)]


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rfind("[")]
    return path[: max(path.rfind("."), 0)]


class _Lines:
    """The line of each table header and key, by field path ("themes[1].criteria[0].id").

    tomllib keeps no positions, so this scans the (already valid) text: it follows table
    headers, counts array-of-tables entries, and skips the inside of multi-line strings and
    arrays so that text there is never mistaken for a key.
    """

    def __init__(self, text: str):
        self._at: dict[str, int] = {}
        self._count: dict[str, int] = {}
        self._table = ""
        self._depth = 0
        self._open: str | None = None
        self._array: str | None = None  # the array value whose inline-table entries are being counted
        self._entries = 0
        for number, line in enumerate(text.splitlines(), start=1):
            if self._open or self._depth:
                self._consume(line, number)
                continue
            if header := _HEADER.match(line):
                self._enter(_parts(header[2]), header[1] == "[[", number)
            elif key := _KEY.match(line):
                path = ".".join(filter(None, [self._table, *_parts(key[1])]))
                self._at.setdefault(path, number)
                value = line[key.end() :]
                if value.lstrip().startswith("["):
                    self._array, self._entries = path, 0
                self._consume(value, number)

    def of(self, path: str) -> int | None:
        """The line of a field, or of the nearest table that holds it; None when neither is found."""
        while path:
            if path in self._at:
                return self._at[path]
            path = _parent(path)
        return None

    def _enter(self, parts: list[str], is_array: bool, number: int) -> None:
        path = ""
        for index, part in enumerate(parts):
            path = f"{path}.{part}" if path else part
            if is_array and index == len(parts) - 1:
                self._count[path] = self._count.get(path, -1) + 1
            if path in self._count:
                path = f"{path}[{self._count[path]}]"
        self._table = path
        self._at.setdefault(path, number)

    def _consume(self, text: str, number: int) -> None:
        """Track open multi-line strings and brackets through one fragment of a line.

        Inline tables fit on one line, so an entry of an array of them is found exactly.
        """
        i = 0
        while i < len(text):
            if self._open:
                end = text.find(self._open, i)
                if end < 0:
                    return
                i, self._open = end + 3, None
                continue
            char = text[i]
            if char == "#":
                return
            if text.startswith('"""', i) or text.startswith("'''", i):
                self._open = text[i : i + 3]
                i += 3
            elif char == '"':
                i += 1
                while i < len(text) and text[i] != '"':
                    i += 2 if text[i] == "\\" else 1
                i += 1
            elif char == "'":
                end = text.find("'", i + 1)
                i = (end if end >= 0 else len(text)) + 1
            else:
                if char == "{" and self._array and self._depth == 1:
                    self._at.setdefault(f"{self._array}[{self._entries}]", number)
                    self._entries += 1
                self._depth += (char in "[{") - (char in "]}")
                if char in "]}" and not self._depth:
                    self._array = None
                i += 1


# --- checking the parsed data ----------------------------------------------------------------

_TEXT, _ID, _COUNT, _DAYS, _TABLE, _TABLES, _TEXTS = "text", "id", "count", "days", "table", "tables", "texts"
_ID_PATTERN = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")

_TOP_KEYS = {
    "framework": (_TABLE, True),
    "grades": (_TABLES, True),
    "themes": (_TABLES, True),
    "deadlines": (_TABLES, True),
    "impact": (_TABLE, False),
    "practice": (_TABLE, False),
    "targets": (_TABLE, False),
}
_IMPACT_KEYS = {"minimum_source_kinds": (_COUNT, False), "recommendation_below": (_ID, False)}
_PRACTICE_KEYS = {"family_questions": (_TEXTS, False)}
_TARGET_KEYS = {"case_audits": (_COUNT, False), "observations": (_COUNT, False), "families": (_COUNT, False)}
_FRAMEWORK_KEYS = {
    "id": (_ID, True),
    "title": (_TEXT, True),
    "kind": (_TEXT, True),
    "version": (_TEXT, False),
    "key_question": (_TEXT, False),
    "focus": (_TEXT, False),
    "fieldwork_days_min": (_COUNT, True),
    "fieldwork_days_max": (_COUNT, True),
    "feedback_days_after_fieldwork": (_DAYS, False),
    "evidence_days_after_fieldwork": (_DAYS, False),
    "notice_working_days_max": (_COUNT, False),
    "field_copy_days_after_fieldwork": (_DAYS, False),
}
_GRADE_KEYS = {"key": (_ID, True), "label": (_TEXT, True), "rank": (_COUNT, True)}
_THEME_KEYS = {"id": (_ID, True), "title": (_TEXT, True), "summary": (_TEXT, False), "criteria": (_TABLES, True)}
_CRITERION_KEYS = {"id": (_ID, True), "text": (_TEXT, True)}
_DEADLINE_KEYS = {
    "id": (_ID, True),
    "title": (_TEXT, True),
    "after": (_TEXT, True),
    "amount": (_COUNT, True),
    "unit": (_TEXT, True),
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f'text ("{value}")'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a date or time ({value})"


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(f'"{v}"' for v in values)


class _Reader:
    """Checks one parsed file, collecting every problem before giving up."""

    def __init__(self, file: str, text: str):
        self.file = file
        self.lines = _Lines(text)
        self.problems: list[FrameworkProblem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(FrameworkProblem(path, message, file=self.file, line=self.lines.of(path)))

    def fields(self, table: dict[str, Any], path: str, schema: Mapping[str, tuple[str, bool]]) -> dict[str, Any]:
        """The well-formed values of a table; every unknown, missing or mistyped key becomes a problem."""
        good: dict[str, Any] = {}
        prefix = f"{path}." if path else ""
        for key, value in table.items():
            if key not in schema:
                self.problem(prefix + key, f'{unknown_key(key, schema)}; allowed keys: {", ".join(schema)}')
            elif (checked := self.value(value, prefix + key, *schema[key])) is not None:
                good[key] = checked
        for key, (kind, required) in schema.items():
            if required and key not in table:
                if kind == _TABLES:
                    self.problem(prefix + key, f"missing: add at least one [[{_header(prefix + key)}]] table")
                elif kind == _TABLE:
                    self.problem(prefix + key, f"missing: add a [{key}] table")
                else:
                    self.problem(prefix + key, f'missing required key "{key}"')
        return good

    def value(self, value: Any, path: str, kind: str, required: bool) -> Any:
        name = path.rsplit(".", 1)[-1]
        if kind in (_TEXT, _ID):
            if not isinstance(value, str):
                self.problem(path, f"must be text in quotes, not {_describe(value)}")
            elif required and not value.strip():
                self.problem(path, "must not be empty")
            elif kind == _ID and not _ID_PATTERN.fullmatch(value):
                self.problem(
                    path,
                    f'"{value}" is not a usable id: use lower-case letters and digits joined by hyphens '
                    'or underscores, such as "help-and-protection"',
                )
            else:
                return value
        elif kind == _COUNT:
            if isinstance(value, bool) or not isinstance(value, int):
                self.problem(path, f"must be a whole number, not {_describe(value)}")
            elif value < 1:
                self.problem(path, f"must be 1 or more, not {value}")
            else:
                return value
        elif kind == _TEXTS:
            if not isinstance(value, list):
                self.problem(path, f'must be a list of texts, written ["…", "…"], not {_describe(value)}')
                return None
            texts = []
            for index, entry in enumerate(value):
                if not isinstance(entry, str):
                    self.problem(f"{path}[{index}]", f"must be text in quotes, not {_describe(entry)}")
                elif not entry.strip():
                    self.problem(f"{path}[{index}]", "must not be empty")
                else:
                    texts.append(" ".join(entry.split()))
            return tuple(texts) if len(texts) == len(value) else None
        elif kind == _DAYS:
            if isinstance(value, bool) or not isinstance(value, int):
                self.problem(path, f"must be a whole number of days, not {_describe(value)}")
            elif value < 0:
                self.problem(path, f"must be 0 or more, not {value}")
            else:
                return value
        elif kind == _TABLE:
            if isinstance(value, dict):
                return value
            self.problem(path, f"must be a table, written [{name}], not {_describe(value)}")
        elif kind == _TABLES:
            if isinstance(value, list) and all(isinstance(item, dict) for item in value):
                return value
            self.problem(path, f"must be a list of tables, each written [[{_header(path)}]]")
        return None

    # Each part returns None when it has problems, so nothing is built from half-checked data.

    def framework(self, data: dict[str, Any]) -> Framework | None:
        top = self.fields(data, "", _TOP_KEYS)
        head = self.header(top.get("framework"))
        grades = self.grades(top.get("grades"))
        themes = self.themes(top.get("themes"))
        deadlines = self.deadlines(top.get("deadlines"))
        impact = self.impact(top.get("impact") or {}, grades)
        practice = self.fields(top.get("practice") or {}, "practice", _PRACTICE_KEYS)
        targets = self.fields(top.get("targets") or {}, "targets", _TARGET_KEYS)
        if self.problems or head is None:
            return None
        return Framework(
            **head, **impact, **practice, targets=SampleTargets(**targets), grades=grades, themes=themes, deadlines=deadlines,
        )

    def impact(self, table: dict[str, Any], grades: tuple[Grade, ...]) -> dict[str, Any]:
        impact = self.fields(table, "impact", _IMPACT_KEYS)
        minimum = impact.get("minimum_source_kinds")
        if minimum is not None and minimum > len(SourceKind):
            kinds = ", ".join(k.label for k in SourceKind)
            self.problem("impact.minimum_source_kinds", f"there are only {len(SourceKind)} kinds of source ({kinds}), not {minimum}")
        line = impact.get("recommendation_below")
        if line is not None and grades and line not in {g.key for g in grades}:
            self.problem(
                "impact.recommendation_below", f'"{line}" is not a grade of this framework; use {_quoted(g.key for g in grades)}'
            )
        return impact

    def header(self, table: dict[str, Any] | None) -> dict[str, Any] | None:
        if table is None:
            return None
        head = self.fields(table, "framework", _FRAMEWORK_KEYS)
        if "kind" in head:
            try:
                head["kind"] = InspectionKind.parse(head["kind"])
            except ValueError:
                self.problem(
                    "framework.kind", f'"{head["kind"]}" is not a kind of inspection; use {_quoted(InspectionKind)}'
                )
        low, high = head.get("fieldwork_days_min"), head.get("fieldwork_days_max")
        if low is not None and high is not None and low > high:
            self.problem(
                "framework.fieldwork_days_min",
                f"the shortest fieldwork ({low} days) is longer than the longest (fieldwork_days_max = {high})",
            )
        head.setdefault("key_question", KEY_QUESTION)
        return head

    def grades(self, tables: list[dict[str, Any]] | None) -> tuple[Grade, ...]:
        if tables is None:
            return ()
        if len(tables) < 2:
            self.problem("grades", "the scale needs at least two grades")
        grades: list[Grade] = []
        keys: dict[str, str] = {}
        ranks: dict[int, str] = {}
        for index, table in enumerate(tables):
            path = f"grades[{index}]"
            grade = self.fields(table, path, _GRADE_KEYS)
            if "key" in grade:
                self.unique(keys, grade["key"], f"{path}.key", "grade key")
            if "rank" in grade:
                self.unique(ranks, grade["rank"], f"{path}.rank", "rank")
            if len(grade) == len(_GRADE_KEYS):
                grades.append(Grade(**grade))
        return tuple(grades)

    def themes(self, tables: list[dict[str, Any]] | None) -> tuple[Theme, ...]:
        if tables is None:
            return ()
        if not tables:
            self.problem("themes", "the framework needs at least one theme, written [[themes]]")
        themes: list[Theme] = []
        theme_ids: dict[str, str] = {}
        criterion_ids: dict[str, str] = {}
        for index, table in enumerate(tables):
            path = f"themes[{index}]"
            theme = self.fields(table, path, _THEME_KEYS)
            if "id" in theme:
                self.unique(theme_ids, theme["id"], f"{path}.id", "theme id")
            criteria = self.criteria(theme.get("criteria"), path, criterion_ids)
            if {"id", "title", "criteria"} <= theme.keys():
                summary = theme.get("summary", "")
                themes.append(Theme(id=theme["id"], title=theme["title"], summary=summary, criteria=criteria))
        return tuple(themes)

    def criteria(self, tables: list[dict[str, Any]] | None, theme: str, seen: dict[str, str]) -> tuple[Criterion, ...]:
        if tables is None:
            return ()
        if not tables:
            self.problem(f"{theme}.criteria", "the theme needs at least one criterion, written [[themes.criteria]]")
        criteria: list[Criterion] = []
        for index, table in enumerate(tables):
            path = f"{theme}.criteria[{index}]"
            criterion = self.fields(table, path, _CRITERION_KEYS)
            if "id" in criterion:
                self.unique(seen, criterion["id"], f"{path}.id", "criterion id")
            if len(criterion) == len(_CRITERION_KEYS):
                criteria.append(Criterion(**criterion))
        return tuple(criteria)

    def deadlines(self, tables: list[dict[str, Any]] | None) -> tuple[DeadlineRule, ...]:
        if tables is None:
            return ()
        rules: list[DeadlineRule] = []
        ids: dict[str, str] = {}
        for index, table in enumerate(tables):
            path = f"deadlines[{index}]"
            rule = self.fields(table, path, _DEADLINE_KEYS)
            if "id" in rule:
                self.unique(ids, rule["id"], f"{path}.id", "deadline id")
            if rule.get("amount", 0) > LONGEST_DEADLINE_DAYS:
                self.problem(f"{path}.amount", f"must be at most {LONGEST_DEADLINE_DAYS} days, not {rule['amount']}")
                del rule["amount"]
            if "unit" in rule:
                try:
                    rule["unit"] = DurationUnit.parse(rule["unit"])
                except ValueError:
                    self.problem(f"{path}.unit", f'"{rule["unit"]}" is not a unit; use {_quoted(DurationUnit)}')
                    del rule["unit"]
            if "after" in rule:
                anchor = {**REQUIRED_DEADLINES, **OPTIONAL_DEADLINES}.get(rule.get("id", ""), ("", ""))[0]
                after = rule["after"]
                if after not in DeadlineAnchor.ALL:
                    events = _quoted(DeadlineAnchor.ALL)
                    self.problem(f"{path}.after", f'"{after}" is not an event a deadline can run from; use {events}')
                elif anchor and after != anchor:
                    self.problem(f"{path}.after", f'the "{rule["id"]}" deadline runs from "{anchor}", not "{after}"')
            if len(rule) == len(_DEADLINE_KEYS):
                rules.append(DeadlineRule(**rule))
        for rule_id, (anchor, what) in REQUIRED_DEADLINES.items():
            if rule_id not in ids:
                self.problem("deadlines", f'missing the "{rule_id}" deadline: {what} (after = "{anchor}")')
        return tuple(rules)

    def unique(self, seen: dict[Any, str], value: Any, path: str, what: str) -> None:
        shown = f'"{value}"' if isinstance(value, str) else str(value)
        if value in seen:
            self.problem(path, f"duplicate {what} {shown} (already used at {seen[value]})")
        else:
            seen[value] = path


def _header(path: str) -> str:
    """The TOML header that starts one entry of a list of tables: themes[0].criteria -> themes.criteria."""
    return re.sub(r"\[\d+\]", "", path)


# --- the catalogue of frameworks ---------------------------------------------------------------


@frozen
class Catalogue:
    """Every usable framework by id, the file each came from, and the problems in files that could not be used."""

    frameworks: Mapping[str, Framework]
    sources: Mapping[str, Path]
    problems: tuple[Problem, ...]


def framework_dirs() -> list[Path]:
    """The folders of shipped framework files, in the order they are read (a later folder overrides an earlier).

    An installed wheel puts them under <prefix>/share/peerinspect/frameworks; a source
    checkout keeps them in the repository's top-level frameworks/ folder.
    """
    candidates = [Path(site.getuserbase()) / SHARE_FOLDER, Path(sys.prefix) / SHARE_FOLDER]
    checkout = Path(__file__).resolve().parents[1]
    # A wheel installed in site-packages has no pyproject.toml beside it, so an unrelated
    # site-packages/frameworks folder is never mistaken for ours.
    if (checkout / "pyproject.toml").is_file():
        candidates.append(checkout / "frameworks")
    found: list[Path] = []
    for folder in candidates:
        if folder.is_dir() and all(folder.resolve() != f.resolve() for f in found):
            found.append(folder)
    return found


def read_catalogue(extra: Iterable[Path] = ()) -> Catalogue:
    """Every framework in the shipped folders, then in `extra` (folders or files), which override same-id ones.

    A broken file never stops the others from loading: its problems are collected instead.
    """
    frameworks: dict[str, Framework] = {}
    sources: dict[str, Path] = {}
    problems: list[Problem] = []
    for group in [*framework_dirs(), *extra]:
        group = Path(group)
        files = sorted(group.glob("*.toml")) if group.is_dir() else [group] if group.exists() else []
        in_group: dict[str, Path] = {}
        for file in files:
            try:
                framework = load_framework(file)
            except FrameworkInvalid as error:
                problems.extend(error.problems)
                continue
            if framework.id in in_group:
                text = file.read_text(encoding="utf-8")
                problems.append(
                    FrameworkProblem(
                        "framework.id",
                        f'framework id "{framework.id}" is also used by {in_group[framework.id].name} '
                        "in the same folder; give each framework its own id",
                        file=str(file),
                        line=_Lines(text).of("framework.id"),
                    )
                )
                continue
            in_group[framework.id] = file
            frameworks[framework.id] = framework
            sources[framework.id] = file
    return Catalogue(frameworks=frameworks, sources=sources, problems=tuple(problems))


def load_catalogue(extra: Iterable[Path] = ()) -> dict[str, Framework]:
    """Every framework by id; raise FrameworkInvalid naming each broken file if any cannot be used."""
    catalogue = read_catalogue(extra)
    if catalogue.problems:
        raise FrameworkInvalid(list(catalogue.problems))
    return dict(catalogue.frameworks)

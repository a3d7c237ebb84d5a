"""A form described as data, so one screen can build, fill, read and check every kind of evidence."""

from __future__ import annotations

from collections.abc import Callable

from attrs import frozen

from ...domain.errors import Problem
from ...domain.framework import Framework


@frozen(kw_only=True)
class FieldSpec:
    name: str  # the engine's field name; "grades.<criterion>" for an entry of a dict field
    label: str
    control: str = "input"  # input | text | select | check | multi | secret (typed unseen: a passphrase)
    options: tuple[tuple[str, str], ...] = ()  # (label, stored value)
    rule: tuple[type, str] | None = None  # the domain record and field whose own validator checks it as you type
    placeholder: str = ""
    section: str = ""  # fields sharing a section are folded together under that title
    open: bool = True  # whether the section starts open
    depends_on: str = ""  # shown only while that field's value is in shown_for
    shown_for: frozenset = frozenset()

    @property
    def form_only(self) -> bool:
        """A field that steers the form (a tick box that opens more) and is never sent to the engine."""
        return self.name.startswith("_")


@frozen(kw_only=True)
class FormSpec:
    kind: str  # the engine's evidence kind
    title: str
    fields: tuple[FieldSpec, ...]
    intro: str = ""
    # Problems only the form can see, like a tick box ticked with nothing written under it.
    check: Callable[[dict], list[Problem]] = lambda values: []


def theme_options(framework: Framework) -> tuple[tuple[str, str], ...]:
    return tuple((t.title, t.id) for t in framework.themes)


def grade_options(framework: Framework) -> tuple[tuple[str, str], ...]:
    return tuple((g.label, g.key) for g in framework.grades)


def label_options(enum) -> tuple[tuple[str, str], ...]:
    return tuple((member.label.capitalize(), member.value) for member in enum)


def difference_made(framework: Framework, label: str | None = None) -> FieldSpec:
    # Every piece of evidence answers the framework's key question.
    return FieldSpec(name="difference_made", label=label or framework.key_question, control="text")

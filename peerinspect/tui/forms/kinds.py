"""Each kind of evidence as fieldwork offers it: its tab, whether its list filters by grade, and its form.

Declared once, beside the forms, for every class the domain lists in EVIDENCE_CLASSES and in that order:
a new kind of evidence is its class, its form, and one line here.
"""

from __future__ import annotations

from collections.abc import Callable

from attrs import frozen

from ...domain.evidence import EVIDENCE_CLASSES, Conversation, FileReview, Observation, PerformanceIndicator
from ...domain.framework import Framework
from .conversation import conversation_form
from .file_review import file_review_form
from .indicator import indicator_form
from .observation import observation_form
from .spec import FormSpec

# The form for one inspection: its framework, the district's teams, and whether the person gets the short form
# (someone who records only their own conversations, a care ambassador, is asked only what they hold).
FormMaker = Callable[[Framework, tuple[str, ...], bool], FormSpec]


@frozen(kw_only=True)
class EvidenceTab:
    kind: str  # the evidence class's KIND
    title: str  # short, so that every tab fits at 80 columns
    graded: bool  # its records carry grades from the framework's scale
    form: FormMaker


_DECLARED: dict[type, tuple[str, bool, FormMaker]] = {
    FileReview: ("File reviews", True, lambda framework, teams, short: file_review_form(framework, teams)),
    Observation: ("Observations", True, lambda framework, teams, short: observation_form(framework)),
    Conversation: ("Conversations", False, lambda framework, teams, short: conversation_form(framework, short=short)),
    PerformanceIndicator: ("Performance", False, lambda framework, teams, short: indicator_form(framework)),
}


def _tab(cls: type) -> EvidenceTab:
    title, graded, form = _DECLARED[cls]  # a KeyError here: a kind of evidence with no tab or form declared above
    return EvidenceTab(kind=cls.KIND, title=title, graded=graded, form=form)


EVIDENCE_TABS: tuple[EvidenceTab, ...] = tuple(_tab(cls) for cls in EVIDENCE_CLASSES)
EVIDENCE_TAB: dict[str, EvidenceTab] = {tab.kind: tab for tab in EVIDENCE_TABS}

"""Personal data in free text: notes should never need a child's full name or date of birth."""

from __future__ import annotations

import re

from .errors import Problem

_DATE_OF_BIRTH = re.compile(
    r"\b(d\.?o\.?b\.?|date of birth|born on|born)\b|\b\d{1,2}[/.-]\d{1,2}[/.-](19|20)\d{2}\b",
    re.IGNORECASE,
)
# Two or three capitalised words in a row, the way a full name is written ("Jamie Lee Carter").
_FULL_NAME = re.compile(r"\b[A-Z][a-z]{1,20}(?:[-'][A-Z][a-z]+)?(?:\s+[A-Z][a-z]{1,20}(?:[-'][A-Z][a-z]+)?){1,2}\b")
# Capitalised phrases that are ordinary in inspection notes, not names.
_NOT_NAMES = {
    "child protection", "team manager", "social worker", "looked after", "care leaver", "area director",
    "district manager", "area manager", "senior manager", "family support", "early help", "independent reviewing",
    "so what", "what difference", "local authority", "mental health", "young person",
}
_SENTENCE_WORDS = {"The", "This", "A", "An", "He", "She", "They", "We", "I", "It", "Her", "His", "Their", "There", "When", "No", "Yes"}


def personal_data_warnings(fields: dict[str, str]) -> list[Problem]:
    """Warnings for free-text fields that look as if they hold a full name or a date of birth."""
    warnings = []
    for field, text in fields.items():
        if not isinstance(text, str) or not text:
            continue
        if _DATE_OF_BIRTH.search(text):
            warnings.append(Problem(field, "looks like it holds a date of birth: use the age band instead"))
        names = [m.group(0) for m in _FULL_NAME.finditer(text) if _looks_like_name(m.group(0))]
        if names:
            warnings.append(Problem(field, f"looks like it holds a full name ({names[0]!r}): use roles or initials"))
    return warnings


def _looks_like_name(phrase: str) -> bool:
    words = phrase.split()
    if words[0] in _SENTENCE_WORDS or phrase.lower() in _NOT_NAMES:
        return False
    return not any(" ".join(pair).lower() in _NOT_NAMES for pair in zip(words, words[1:]))

"""Personal data in free text: notes should never need a child's name, date of birth or contact details.

Each check looks for one kind of identifier and, when it finds one, says which and what to write instead.
The checks warn rather than refuse: the person can confirm that the text is fine (a team's office number,
say), and the warning names what was found so they can judge.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

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

# The postcode areas of the UK and the Crown dependencies: a postcode must start with one of these, which keeps
# ordinary words and references ("A12 3BC" is no postcode, "SO23 8UR" is) out of the warnings.
_POSTCODE_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY "
    "G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR "
    "NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA "
    "WC WD WF WN WR WS WV YO ZE"
).split()
# The lookahead lets a word that cannot start a postcode (most of them) fail before the areas are each tried at it:
# the search costs a tenth of what it did, and every save of evidence runs it on each of its texts.
_POSTCODE = re.compile(
    r"\b(?=[A-Z]{1,2}\d)(?:%s)\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2}\b" % "|".join(sorted(_POSTCODE_AREAS, key=len, reverse=True)),
    re.IGNORECASE,
)
# Ten digits, alone or as 3-3-4 with spaces or hyphens; the last is a check digit (see _nhs_number).
_TEN_DIGITS = re.compile(r"(?<![\d-])(\d{3})([ -]?)(\d{3})\2(\d{4})(?![\d-])")
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")


def personal_data_warnings(fields: dict[str, str], people: Iterable[str] = ()) -> list[Problem]:
    """Warnings for free-text fields that look as if they identify someone; `people` are names to look for too."""
    names = [name for name in people if name.strip()]
    checks = [_date_of_birth, _full_name_except(names), _named_person(names), *_CONTACT_CHECKS]
    warnings = []
    for field, text in fields.items():
        if not isinstance(text, str) or not text:
            continue
        for check in checks:
            advice = check(text)
            if advice:
                warnings.append(Problem(field, advice))
    return warnings


def _date_of_birth(text: str) -> str | None:
    return "looks like it holds a date of birth: use the age band instead" if _DATE_OF_BIRTH.search(text) else None


def _full_name_except(known: list[str]) -> Callable[[str], str | None]:
    """Any full name, except those of people in the workspace, which the check by name reports more plainly."""
    skip = {" ".join(name.lower().split()) for name in known}

    def check(text: str) -> str | None:
        names = [m.group(0) for m in _FULL_NAME.finditer(text) if _looks_like_name(m.group(0))]
        names = [name for name in names if " ".join(name.lower().split()) not in skip]
        return f"looks like it holds a full name ({names[0]!r}): use roles or initials" if names else None

    return check


def _phone_number(text: str) -> str | None:
    # libphonenumber knows which UK numbers can exist; a pattern of our own would flag every long reference.
    import phonenumbers

    for match in phonenumbers.PhoneNumberMatcher(text, "GB"):
        return f"looks like it holds a phone number ({match.raw_string!r}): leave contact details in the case record"
    return None


def _postcode(text: str) -> str | None:
    found = _POSTCODE.search(text)
    return f"looks like it holds a postcode ({found.group(0)!r}): name the district, not the address" if found else None


def _nhs_number(text: str) -> str | None:
    for match in _TEN_DIGITS.finditer(text):
        digits = match.group(1) + match.group(3) + match.group(4)
        if is_nhs_number(digits):
            return f"looks like it holds an NHS number ({match.group(0)!r}): use the case reference instead"
    return None


def is_nhs_number(digits: str) -> bool:
    """Ten digits whose last is the modulus 11 check digit of the first nine, as NHS numbers are issued."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    remainder = sum(int(d) * weight for d, weight in zip(digits, range(10, 1, -1))) % 11
    check = (11 - remainder) % 11
    return check != 10 and check == int(digits[9])


def _email(text: str) -> str | None:
    found = _EMAIL.search(text)
    return f"looks like it holds an email address ({found.group(0)!r}): leave contact details in the case record" if found else None


def _named_person(people: list[str]) -> Callable[[str], str | None]:
    patterns = [(name, re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", re.IGNORECASE))
                for name in people]

    def check(text: str) -> str | None:
        for name, pattern in patterns:
            if pattern.search(text):
                return f"names {name}, who is in this workspace: write their role instead"
        return None

    return check


def _looks_like_name(phrase: str) -> bool:
    words = phrase.split()
    if words[0] in _SENTENCE_WORDS or phrase.lower() in _NOT_NAMES:
        return False
    return not any(" ".join(pair).lower() in _NOT_NAMES for pair in zip(words, words[1:]))


_CONTACT_CHECKS: tuple[Callable[[str], str | None], ...] = (_phone_number, _postcode, _nhs_number, _email)

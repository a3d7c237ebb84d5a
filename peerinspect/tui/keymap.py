"""Which key strings a keymap may use: the keys and modifiers Textual reports when a key is pressed."""

from __future__ import annotations

from functools import cache

from textual.keys import REPLACED_KEYS, Keys, key_to_character

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
EXAMPLES = "ctrl+k, f2, escape, question_mark"


def key_problem(keys: str) -> str | None:
    """What is wrong with a keymap entry's keys ("ctrl+k" or "f2,ctrl+k"), or None when Textual can match them."""
    named = [key.strip() for key in keys.split(",")]
    if not all(named):
        return f"a key is missing (write keys like {EXAMPLES}, separated by commas)"
    for key in named:
        *modifiers, base = key.split("+")
        unknown = [modifier for modifier in modifiers if modifier not in MODIFIERS]
        if unknown:
            return f"{unknown[0]!r} in {key!r} is not a modifier ({', '.join(MODIFIERS)})"
        if not _names_a_key(base):
            return f"{key!r} is not a key (write keys like {EXAMPLES})"
    return None


def _names_a_key(name: str) -> bool:
    return len(name) == 1 or name in _key_names() or name in REPLACED_KEYS or key_to_character(name) is not None


@cache
def _key_names() -> frozenset[str]:
    return frozenset(key.value for key in Keys)

"""Passwords hashed with argon2id, and the list of common passwords nobody may choose.

The list is the 10,000 most common passwords of SecLists (Passwords/Common-Credentials/10k-most-common.txt, MIT
licence), shipped with the package: refused wherever they appear, case ignored.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2id with the library's recommended costs (RFC 9106, 64 MiB): a tenth of a second a check, by design.
RECOMMENDED = PasswordHasher()
_hasher = RECOMMENDED


def hashed(password: str) -> str:
    return _hasher.hash(password)


def matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether a hash was made with weaker costs than today's, to be made again at the next sign-in."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return False


def spend_a_verification(password: str) -> None:
    """Take the time checking a password takes, for a name with no sign-in: a refusal takes as long either way."""
    matches(_stand_in_hash(_hasher), password)


@cache
def _stand_in_hash(hasher: PasswordHasher) -> str:
    """Made with the costs it is checked at: a cheaper stand-in would make the refusal quicker."""
    return hasher.hash("a stand-in that no account holds")


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files(__package__).joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().casefold() for line in text.splitlines() if line.strip())

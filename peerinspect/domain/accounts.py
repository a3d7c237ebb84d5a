"""Sign-ins: a person's account, the key that signs their sessions, and the rules of passwords and lockouts.

Pure: the moment is always handed in (`now`), and so is what the rules compare a password with (the common
passwords, the names in the workspace). Hashing and tokens are the shell's (peerinspect/signin).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from attrs import evolve, field, frozen

from .errors import Problem
from .limits import within_limits
from .records import Record

MINIMUM_LENGTH = 12
# Far beyond any passphrase a person types; it keeps one sign-in from hashing megabytes.
MAXIMUM_LENGTH = 256
FAILURES_BEFORE_LOCK = 5
# One answer to every refused sign-in, so that it never tells whether the name is known or the account locked.
REFUSED = ("Not signed in: that name and password do not match, or the sign-in is locked for a while after too "
           "many failed attempts. Try again, or ask an area director to set a new password.")


@frozen(kw_only=True, field_transformer=within_limits)
class Account(Record):
    """One person's sign-in: stored under their person id, with only the argon2id hash of their password."""

    KIND = "account"  # names its table and is stored in each document: never rename
    id: str  # the person's id
    password_hash: str = field(repr=False)
    must_change: bool = True  # a password set by someone else is changed at the first sign-in
    password_set_at: datetime
    failures: int = 0  # failed attempts in a row since the last sign-in or lockout
    last_failure_at: datetime | None = None
    locked_until: datetime | None = None
    last_sign_in: datetime | None = None
    last_sign_out: datetime | None = None
    # Counts the times every session was ended at once (signing out everywhere, a new password): a session begun
    # under an earlier count is over.
    generation: int = 0
    revision: int = 0

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    @property
    def person_id(self) -> str:
        return self.id


@frozen(kw_only=True, field_transformer=within_limits)
class SignInKey(Record):
    """The workspace's own key that signs session tokens: a token from another workspace does not verify here."""

    KIND = "sign_in_key"  # names its table and is stored in each document: never rename
    token_key: str = field(repr=False)
    made_at: datetime
    id: str = "sign-in-key"
    revision: int = 0


@frozen(kw_only=True, field_transformer=within_limits)
class UnknownSignIns(Record):
    """Refused sign-ins under names nobody has: counted, so they reach the trail as known names' failures do."""

    KIND = "unknown_sign_in"  # names its table and is stored in each document: never rename
    failures: int = 0
    last_at: datetime | None = None
    id: str = "unknown"
    revision: int = 0


def new_account(person_id: str, password_hash: str, now: datetime, *, must_change: bool) -> Account:
    return Account(id=person_id, password_hash=password_hash, must_change=must_change, password_set_at=now)


def password_set(account: Account, password_hash: str, now: datetime, *, must_change: bool) -> Account:
    """A new password: the lock is lifted, failures forgotten, and every session begun before it ended."""
    return evolve(account, password_hash=password_hash, must_change=must_change, password_set_at=now, failures=0,
                  locked_until=None, generation=account.generation + 1)


def failed(account: Account, now: datetime, lockout: timedelta) -> Account:
    """One more failed attempt; the fifth in a row locks the sign-in for `lockout`."""
    if account.locked(now):
        return evolve(account, last_failure_at=now)
    failures = account.failures + 1
    if failures >= FAILURES_BEFORE_LOCK:
        return evolve(account, failures=0, last_failure_at=now, locked_until=now + lockout)
    return evolve(account, failures=failures, last_failure_at=now)


def signed_in(account: Account, now: datetime) -> Account:
    return evolve(account, failures=0, locked_until=None, last_sign_in=now)


def signed_out(account: Account, now: datetime, *, everywhere: bool) -> Account:
    if everywhere:
        return evolve(account, last_sign_out=now, generation=account.generation + 1)
    return evolve(account, last_sign_out=now)


def session_current(account: Account, generation: int, last_used: datetime, now: datetime, idle: timedelta) -> bool:
    """Whether a session begun under `generation` and last used at `last_used` still stands at `now`."""
    return generation == account.generation and last_used <= now < last_used + idle


def password_problems(password: str, *, common: frozenset[str], names: Iterable[str], field_name: str = "password") -> list[Problem]:
    """Why this password will not do: too short, too long, among the common ones, or a name anyone could guess."""
    if len(password) < MINIMUM_LENGTH:
        return [Problem(field_name, f"must be at least {MINIMUM_LENGTH} characters (it has {len(password)})")]
    if len(password) > MAXIMUM_LENGTH:
        return [Problem(field_name, f"must be at most {MAXIMUM_LENGTH} characters")]
    plain = _plain(password)
    stem = _stem(plain)
    if _common(stem, common):
        return [Problem(field_name, "is one of the most common passwords: choose one nobody would guess")]
    for name in names:
        said = _plain(name)
        if len(said) >= 3 and (said in plain or stem == said):
            return [Problem(field_name, "must not be built on your name or the workspace's names: choose another")]
    return []


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


_MARKS = re.compile(r"[\d\W_]*")


def _stem(plain: str) -> str:
    # "2024password!" is "password" with a year and a mark: as easy to guess.
    return re.sub(r"[\d\W_]+$", "", re.sub(r"^[\d\W_]+", "", plain)) or plain


def _common(stem: str, common: frozenset[str]) -> bool:
    """A common password, or one followed by nothing but digits and marks ("1234567890123", "qwertyuiop12")."""
    return any(stem[:end] in common and _MARKS.fullmatch(stem[end:]) for end in range(min(4, len(stem)), len(stem) + 1))

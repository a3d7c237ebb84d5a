"""Accounts and sign-in: setting and changing passwords, signing in and out, and the sessions a token carries.

Every front end (the terminal UI, the command line, a server) signs people in through these use cases. Each
sign-in, failure, lockout and sign-out leaves an entry in the workspace's own trail; the trail records that a
password changed, never the password or its hash. A refusal reads the same, and takes about as long, whether the
name is unknown, has no sign-in, is locked or the password is wrong.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from attrs import frozen

from ..domain import accounts as rules
from ..domain.accounts import Account, SignInKey, UnknownSignIns
from ..domain.authority import Person
from ..domain.errors import InvalidInput, NotFound, Problem, Refused
from ..domain.permissions import Act
from ..signin import passwords, tokens
from .access import SETUP_ACTOR, setup_actor
from .core import Engine

EXPIRED = "Your sign-in has ended or is not for this workspace: run peerinspect login"


@frozen
class SignedIn:
    """Who signed in, and when: what a front end keeps for as long as the session lasts."""

    person: Person
    began: datetime
    must_change: bool


@frozen
class SignInStatus:
    """What may be shown of someone's sign-in: never its hash."""

    has_password: bool
    must_change: bool
    locked_until: datetime | None
    last_sign_in: datetime | None


# reading --------------------------------------------------------------------------------------------------
def required(engine: Engine) -> bool:
    """Whether this workspace asks everyone to sign in; a field copy's passphrase already did."""
    return engine.field_holder is None and engine.settings().sign_in_required


def statuses(engine: Engine) -> dict[str, SignInStatus]:
    """Each person with a sign-in, by id."""
    now = engine.now()
    return {
        a.id: SignInStatus(True, a.must_change, a.locked_until if a.locked(now) else None, a.last_sign_in)
        for a in engine.workspace.index_records(Account)
    }


def idle_limit(engine: Engine) -> timedelta:
    return timedelta(minutes=engine.settings().idle_minutes)


def _account(engine: Engine, person_id: str) -> Account | None:
    return next((a for a in engine.workspace.index_records(Account) if a.id == person_id), None)


# passwords ------------------------------------------------------------------------------------------------
def set_password(engine: Engine, *, as_person: str | None, person: str, password: str) -> SignInStatus:
    """An area director gives someone a first password, or a new one when they are locked out or forgot it: they
    must change it when they next sign in."""
    actor_id = setup_actor(engine, as_person, Act.SET_PASSWORD)
    target = engine.person(person)
    if target.has_left(engine.today()):
        raise InvalidInput(Problem("person", f"{target.name} left on {target.left_on}: they no longer sign in"))
    _refuse_weak(engine, target, password)
    now = engine.now()
    made = passwords.hashed(password)
    with engine.workspace.index() as tx:
        current = tx.get(Account, target.id)
        account = (rules.new_account(target.id, made, now, must_change=True) if current is None
                   else rules.password_set(current, made, now, must_change=True))
        tx.attribute(at=now, actor_id=actor_id, action="set password")
        saved = tx.put(account)
        if not tx.all(SignInKey):
            tx.put(SignInKey(token_key=tokens.new_key(), made_at=now))
    return SignInStatus(True, saved.must_change, None, saved.last_sign_in)


def change_password(engine: Engine, *, person: str, current: str, new: str) -> SignedIn:
    """Someone changes their own password, giving the one they have: a wrong one counts as a failed sign-in."""
    signed = sign_in(engine, person, current, changing=True)
    if new == current:
        raise InvalidInput(Problem("new password", "must differ from the one it replaces"))
    _refuse_weak(engine, signed.person, new, "new password")
    now = engine.now()
    made = passwords.hashed(new)
    with engine.workspace.index() as tx:
        account = tx.get(Account, signed.person.id)
        tx.attribute(at=now, actor_id=signed.person.id, action="change password")
        tx.put(rules.password_set(account, made, now, must_change=False))
    return SignedIn(signed.person, now, False)


def password_problems(engine: Engine, person: Person, password: str, field: str = "password") -> list[Problem]:
    """What is wrong with this password for this person, said before anything is hashed or saved."""
    names = [person.name, *person.name.split(), engine.settings().authority,
             *(a.name for a in engine.areas()), *(d.name for d in engine.districts())]
    return rules.password_problems(password, common=passwords.common_passwords(), names=names, field_name=field)


def _refuse_weak(engine: Engine, person: Person, password: str, field: str = "password") -> None:
    problems = password_problems(engine, person, password, field)
    if problems:
        raise InvalidInput(problems)


# signing in and out ---------------------------------------------------------------------------------------
def sign_in(engine: Engine, name: str, password: str, *, changing: bool = False) -> SignedIn:
    """The person of this name, if the password is theirs and their sign-in is not locked; Refused otherwise, in
    words that do not tell which was wrong."""
    now = engine.now()
    person = _named(engine, name)
    account = _account(engine, person.id) if person is not None else None
    if account is None:
        passwords.spend_a_verification(password)
        _record_unknown(engine, now)
        raise Refused(rules.REFUSED)
    right = passwords.matches(account.password_hash, password)
    if not right or account.locked(now):
        _record_failure(engine, account, now)
        raise Refused(rules.REFUSED)
    refused = engine.decide(person, Act.SIGN_IN)
    if refused is not None:
        raise Refused(refused)
    if changing:
        return SignedIn(person, now, account.must_change)
    with engine.workspace.index() as tx:
        held = tx.get(Account, person.id)
        tx.attribute(at=now, actor_id=person.id, action="sign in")
        renewed = rules.signed_in(held, now)
        if passwords.needs_rehash(held.password_hash):
            renewed = rules.password_set(renewed, passwords.hashed(password), held.password_set_at,
                                         must_change=held.must_change)
        tx.put(renewed)
    return SignedIn(person, now, account.must_change)


def sign_out(engine: Engine, person_id: str, *, why: str = "sign out", everywhere: bool = False) -> None:
    """Record that a session ended (`why`: signed out, or left idle); `everywhere` ends every token issued before now."""
    now = engine.now()
    with engine.workspace.index() as tx:
        held = tx.get(Account, person_id)
        if held is None:
            return
        tx.attribute(at=now, actor_id=person_id, action=why)
        tx.put(rules.signed_out(held, now, everywhere=everywhere))


def _named(engine: Engine, name: str) -> Person | None:
    try:
        return engine.person(name) if name.strip() else None
    except NotFound:
        return None


def _record_failure(engine: Engine, account: Account, now: datetime) -> None:
    lockout = timedelta(minutes=engine.settings().lockout_minutes)
    with engine.workspace.index() as tx:
        held = tx.get(Account, account.id) or account
        after = rules.failed(held, now, lockout)
        locks = after.locked_until != held.locked_until
        tx.attribute(at=now, actor_id="", action="lock sign-in" if locks else "failed sign-in")
        tx.put(after)


def _record_unknown(engine: Engine, now: datetime) -> None:
    with engine.workspace.index() as tx:
        held = tx.get(UnknownSignIns, "unknown") or UnknownSignIns()
        tx.attribute(at=now, actor_id="", action="failed sign-in")
        tx.put(UnknownSignIns(failures=held.failures + 1, last_at=now, revision=held.revision))


# sessions carried by a token ------------------------------------------------------------------------------
def issue_token(engine: Engine, signed: SignedIn) -> str:
    """A token for this session, signed with the workspace's key: what the command line keeps between commands."""
    key = _key(engine)
    account = _account(engine, signed.person.id)
    if account is None:
        raise Refused(EXPIRED)
    return tokens.minted(key, tokens.Session(signed.person.id, account.generation, engine.now()))


def person_of_token(engine: Engine, token: str | None) -> tuple[Person, str]:
    """The person a token was issued to and the token renewed for this use; Refused if it has ended, is for another
    workspace, or belongs to someone who must still change their password."""
    key = _key(engine, make=False)
    session = tokens.read(key, token) if key and token else None
    account = _account(engine, session.person_id) if session is not None else None
    now = engine.now()
    if account is None or not rules.session_current(account, session.generation, session.last_used, now, idle_limit(engine)):
        raise Refused(EXPIRED)
    person = engine.people_by_id().get(account.id)
    if person is None or engine.decide(person, Act.SIGN_IN) is not None:
        raise Refused(EXPIRED)
    if account.must_change:
        raise Refused("Your password must be changed first: run peerinspect login")
    return person, tokens.minted(key, tokens.Session(person.id, session.generation, now))


def signed_out_by_token(engine: Engine, token: str | None) -> Person | None:
    """End the session a token carries, and every earlier one of that person: the person, or None if it had ended."""
    try:
        person, _ = person_of_token(engine, token)
    except Refused:
        return None
    sign_out(engine, person.id, everywhere=True)
    return person


def _key(engine: Engine, *, make: bool = True) -> str | None:
    found = engine.workspace.index_records(SignInKey)
    if found:
        return found[0].token_key
    if not make:
        return None
    with engine.workspace.index() as tx:
        if not tx.all(SignInKey):
            tx.attribute(at=engine.now(), actor_id="", action="make sign-in key")
            tx.put(SignInKey(token_key=tokens.new_key(), made_at=engine.now()))
        return tx.all(SignInKey)[0].token_key


# settings -------------------------------------------------------------------------------------------------
def requiring_problems(engine: Engine, actor_id: str) -> list[Problem]:
    """Why sign-in cannot be required yet: whoever turns it on must have a sign-in, or nobody could get back in."""
    if actor_id == SETUP_ACTOR or _account(engine, actor_id) is None:
        return [Problem("sign_in_required", "set your own password first (peerinspect account set YOUR NAME), "
                                            "so that you can sign in once sign-in is required")]
    return []

"""Accounts: an area director sets a first password, the person changes it, five failures lock the sign-in, and
every sign-in, failure, lockout and sign-out reaches the workspace's trail without the password or its hash."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from peerinspect.domain.accounts import REFUSED
from peerinspect.domain.audit import chain_problems, unaccounted_records
from peerinspect.domain.errors import InvalidInput, Refused
from peerinspect.domain.vocabulary import Role
from peerinspect.engine import accounts, authority
from peerinspect.engine.core import Engine

from .conftest import fingerprint

START = datetime(2026, 3, 10, 9, 30)
FIRST = "violet-harbour-lantern"
SECOND = "copper-meadow-falcon"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def passes(self, **elapsed) -> None:
        self.now += timedelta(**elapsed)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def engine(tmp_path, clock) -> Engine:
    engine = Engine.create(tmp_path / "workspace", clock=clock)
    authority.add_person(engine, "Alex Director", Role.AREA_DIRECTOR)
    authority.add_person(engine, "Ivy Inspector", Role.INSPECTOR, as_person="Alex Director")
    authority.add_person(engine, "Sam Senior", Role.SENIOR_MANAGER, as_person="Alex Director")
    return engine


@pytest.fixture
def ivy(engine) -> Engine:
    """Ivy has a first password, set by the director."""
    accounts.set_password(engine, as_person="Alex Director", person="Ivy Inspector", password=FIRST)
    return engine


def actions(engine: Engine) -> list[str]:
    return [e.action for e in engine.workspace.audit_entries()]


class TestSettingAPassword:
    def test_only_an_area_director_may_set_one(self, engine):
        with pytest.raises(Refused, match="only area directors may set people's passwords"):
            accounts.set_password(engine, as_person="Sam Senior", person="Ivy Inspector", password=FIRST)

    def test_the_first_password_must_be_changed_at_the_first_sign_in(self, ivy):
        signed = accounts.sign_in(ivy, "Ivy Inspector", FIRST)
        assert signed.must_change
        accounts.change_password(ivy, person="Ivy Inspector", current=FIRST, new=SECOND)
        assert not accounts.sign_in(ivy, "Ivy Inspector", SECOND).must_change
        with pytest.raises(Refused):
            accounts.sign_in(ivy, "Ivy Inspector", FIRST)
        assert actions(ivy)[-5:] == ["set password", "sign in", "change password", "sign in", "failed sign-in"]

    @pytest.mark.parametrize("password, said", [
        ("short-one", "at least 12 characters"),
        ("qwertyuiop12", "most common passwords"),
        ("Password1234!", "most common passwords"),
        ("IvyInspector2026", "your name or the workspace's names"),
        ("ivy inspector is here", "your name or the workspace's names"),
        ("hampshire-style authority", "your name or the workspace's names"),
    ])
    def test_a_weak_password_is_refused_by_field_and_changes_nothing(self, engine, password, said):
        before = fingerprint(engine.root)
        with pytest.raises(InvalidInput, match=said) as refused:
            accounts.set_password(engine, as_person="Alex Director", person="Ivy Inspector", password=password)
        assert refused.value.problems[0].field == "password"
        assert fingerprint(engine.root) == before

    def test_a_new_password_must_differ_and_be_strong_too(self, ivy):
        with pytest.raises(InvalidInput, match="new password: must differ"):
            accounts.change_password(ivy, person="Ivy Inspector", current=FIRST, new=FIRST)
        with pytest.raises(InvalidInput, match="new password: must be at least 12"):
            accounts.change_password(ivy, person="Ivy Inspector", current=FIRST, new="too-short")

    def test_someone_who_has_left_is_not_given_a_password(self, engine):
        authority.retire_person(engine, as_person="Alex Director", person="Ivy Inspector", on="2026-03-01")
        with pytest.raises(InvalidInput, match="person: Ivy Inspector left on 2026-03-01"):
            accounts.set_password(engine, as_person="Alex Director", person="Ivy Inspector", password=FIRST)


class TestRefusals:
    def test_a_refusal_reads_the_same_whatever_was_wrong(self, ivy):
        said = set()
        for name, password in [("Ivy Inspector", "not-her-password"), ("Nobody At All", FIRST),
                               ("Sam Senior", FIRST), ("", FIRST)]:
            with pytest.raises(Refused) as refused:
                accounts.sign_in(ivy, name, password)
            said.add(str(refused.value))
        assert said == {REFUSED}

    def test_an_unknown_name_takes_about_as_long_as_a_wrong_password(self, ivy, recommended_password_costs):
        def timed(name: str) -> float:
            started = time.perf_counter()
            with pytest.raises(Refused):
                accounts.sign_in(ivy, name, "not-the-password")
            return time.perf_counter() - started

        known = min(timed("Ivy Inspector") for _ in range(3))
        unknown = min(timed("Nobody At All") for _ in range(3))
        # Both check a password against an argon2id hash: without the stand-in, the unknown name is far quicker.
        assert unknown > known / 3

    def test_five_failures_lock_the_sign_in_for_the_set_time_even_with_the_right_password(self, ivy, clock):
        for _ in range(5):
            with pytest.raises(Refused):
                accounts.sign_in(ivy, "Ivy Inspector", "not-her-password")
        assert actions(ivy)[-5:] == ["failed sign-in"] * 4 + ["lock sign-in"]
        clock.passes(minutes=14)
        with pytest.raises(Refused, match="locked for a while"):
            accounts.sign_in(ivy, "Ivy Inspector", FIRST)
        clock.passes(minutes=2)
        assert accounts.sign_in(ivy, "Ivy Inspector", FIRST).person.name == "Ivy Inspector"

    def test_the_lockout_time_is_a_workspace_setting(self, ivy, clock):
        authority.update_settings(ivy, {"lockout_minutes": 60}, as_person="Alex Director")
        for _ in range(5):
            with pytest.raises(Refused):
                accounts.sign_in(ivy, "Ivy Inspector", "not-her-password")
        clock.passes(minutes=59)
        with pytest.raises(Refused):
            accounts.sign_in(ivy, "Ivy Inspector", FIRST)
        clock.passes(minutes=2)
        accounts.sign_in(ivy, "Ivy Inspector", FIRST)

    def test_a_wrong_current_password_counts_as_a_failed_sign_in(self, ivy):
        with pytest.raises(Refused):
            accounts.change_password(ivy, person="Ivy Inspector", current="not-her-password", new=SECOND)
        assert actions(ivy)[-1] == "failed sign-in"

    def test_a_director_setting_a_new_password_lifts_the_lock(self, ivy):
        for _ in range(5):
            with pytest.raises(Refused):
                accounts.sign_in(ivy, "Ivy Inspector", "not-her-password")
        accounts.set_password(ivy, as_person="Alex Director", person="Ivy Inspector", password=SECOND)
        assert accounts.sign_in(ivy, "Ivy Inspector", SECOND).must_change

    def test_someone_who_has_left_cannot_sign_in(self, ivy):
        authority.retire_person(ivy, as_person="Alex Director", person="Ivy Inspector", on="2026-03-01")
        with pytest.raises(Refused, match="left on 2026-03-01"):
            accounts.sign_in(ivy, "Ivy Inspector", FIRST)


class TestTheTrail:
    def test_sign_ins_failures_lockouts_and_sign_outs_are_recorded_without_the_password_or_its_hash(self, ivy, tmp_path):
        with pytest.raises(Refused):
            accounts.sign_in(ivy, "Nobody At All", FIRST)
        for _ in range(5):
            with pytest.raises(Refused):
                accounts.sign_in(ivy, "Sam Senior", FIRST)  # no sign-in: counted as an unknown name
        signed = accounts.sign_in(ivy, "Ivy Inspector", FIRST)
        accounts.change_password(ivy, person="Ivy Inspector", current=FIRST, new=SECOND)
        accounts.sign_out(ivy, signed.person.id)
        entries = ivy.workspace.audit_entries()
        assert [e.action for e in entries][-9:] == ["failed sign-in"] * 6 + ["sign in", "change password", "sign out"]
        trail = repr([e.changes for e in entries])
        assert FIRST not in trail and SECOND not in trail and "$argon2" not in trail
        # The trail still accounts for every record, and its chain is whole.
        assert chain_problems(entries) == []
        assert unaccounted_records(entries, ivy.workspace.stored_documents()) == []

    def test_the_hash_is_kept_only_in_the_workspace_index_and_never_the_password(self, ivy):
        for path in ivy.root.rglob("*"):
            if path.is_file():
                content = path.read_bytes()
                assert FIRST.encode() not in content, path
                if b"$argon2id$" in content:
                    assert path.name.startswith("workspace."), path


class TestRequiringSignIn:
    def test_sign_in_is_required_only_by_someone_who_can_sign_in(self, ivy):
        with pytest.raises(InvalidInput, match="sign_in_required: set your own password first"):
            authority.update_settings(ivy, {"sign_in_required": True}, as_person="Alex Director")
        accounts.set_password(ivy, as_person="Alex Director", person="Alex Director", password=SECOND)
        authority.update_settings(ivy, {"sign_in_required": True}, as_person="Alex Director")
        assert accounts.required(ivy)

    def test_a_token_lasts_while_it_is_used_and_ends_after_the_idle_time(self, ivy, clock):
        signed = accounts.change_password(ivy, person="Ivy Inspector", current=FIRST, new=SECOND)
        token = accounts.issue_token(ivy, signed)
        clock.passes(minutes=29)
        person, renewed = accounts.person_of_token(ivy, token)
        assert person.name == "Ivy Inspector"
        clock.passes(minutes=29)
        assert accounts.person_of_token(ivy, renewed)[0] == person
        with pytest.raises(Refused, match="run peerinspect login"):
            accounts.person_of_token(ivy, token)  # the first, not renewed: idle for 58 minutes
        clock.passes(minutes=31)
        with pytest.raises(Refused, match="run peerinspect login"):
            accounts.person_of_token(ivy, renewed)

    def test_signing_out_ends_every_earlier_token(self, ivy):
        signed = accounts.change_password(ivy, person="Ivy Inspector", current=FIRST, new=SECOND)
        token = accounts.issue_token(ivy, signed)
        copy = str(token)
        assert accounts.signed_out_by_token(ivy, token).name == "Ivy Inspector"
        with pytest.raises(Refused):
            accounts.person_of_token(ivy, copy)

    def test_a_token_changed_by_hand_is_refused(self, ivy):
        signed = accounts.change_password(ivy, person="Ivy Inspector", current=FIRST, new=SECOND)
        payload, _, signature = accounts.issue_token(ivy, signed).partition(".")
        with pytest.raises(Refused):
            accounts.person_of_token(ivy, payload[:-2] + "AA." + signature)


def test_a_password_is_kept_as_argon2id_at_no_less_than_the_costs_owasp_recommends(recommended_password_costs):
    from argon2 import Type, extract_parameters

    from peerinspect.signin import passwords

    kept = extract_parameters(passwords.hashed("violet-harbour-lantern"))
    assert kept.type is Type.ID
    assert kept.memory_cost >= 19 * 1024 and kept.time_cost >= 2

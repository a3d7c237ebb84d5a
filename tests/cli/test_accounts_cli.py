"""Signing in at the command line: where the workspace requires it, commands act only as whoever ran
`peerinspect login`, whose token is theirs alone, bound to the workspace, and ends when idle or at logout."""

from __future__ import annotations

import io
import shutil
import stat
from datetime import timedelta

import pytest

from peerinspect.signin.token_file import token_path

from .conftest import Cli

DIRECTOR_FIRST, DIRECTOR_OWN = "violet-harbour-lantern", "copper-meadow-falcon"
IVY_FIRST, IVY_OWN = "quiet-orchard-ladder", "silver-canal-thistle"
LEAD = ("--as", "Alex Director")


@pytest.fixture(autouse=True)
def config_folder(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


def typed(monkeypatch, *lines: str) -> None:
    """What standard input holds for the next --password-stdin."""
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def require_sign_in(cli: Cli, monkeypatch) -> None:
    """First passwords for the director and Ivy, then sign-in required, then the director signs in."""
    typed(monkeypatch, DIRECTOR_FIRST)
    cli("account", "set", "Alex Director", "--password-stdin", *LEAD)
    typed(monkeypatch, IVY_FIRST)
    cli("account", "set", "Ivy Inspector", "--password-stdin", *LEAD)
    cli("settings", "--sign-in-required", "yes", *LEAD)


def login(cli: Cli, monkeypatch, name: str, *lines: str, expect: int = 0) -> str:
    typed(monkeypatch, *lines)
    return cli("login", name, "--password-stdin", expect=expect)


@pytest.fixture
def required(cli, monkeypatch) -> Cli:
    require_sign_in(cli, monkeypatch)
    return cli


def test_without_a_sign_in_every_command_says_to_run_login(required):
    required("person", "list", expect=2)
    assert "run peerinspect login" in required.err
    required("person", "add", "Zed", "--role", "inspector", *LEAD, expect=2)
    assert "run peerinspect login" in required.err


def test_login_changes_a_first_password_then_commands_act_as_the_signed_in_person(required, monkeypatch):
    out = login(required, monkeypatch, "Alex Director", DIRECTOR_FIRST, DIRECTOR_OWN)
    assert "Signed in as Alex Director" in out
    required("person", "add", "Zed Inspector", "--role", "inspector")  # no --as: the sign-in says who
    people = {p["name"]: p["id"] for p in required.json("person", "list")}
    assert "Zed Inspector" in people
    required("person", "add", "Yan Inspector", "--role", "inspector", "--as", "Alex Director")  # naming oneself is fine


def test_as_naming_anyone_else_is_refused_with_a_clear_message_and_changes_nothing(required, monkeypatch):
    login(required, monkeypatch, "Ivy Inspector", IVY_FIRST, IVY_OWN)
    before = required.snapshot()
    required("person", "add", "Zed", "--role", "inspector", *LEAD, expect=2)
    assert "You are signed in as Ivy Inspector" in required.err and "--as may name only you" in required.err
    assert "Traceback" not in required.err
    assert required.snapshot() == before


def test_a_script_without_the_new_password_is_told_which_is_missing(required, monkeypatch):
    login(required, monkeypatch, "Ivy Inspector", IVY_FIRST, expect=2)
    assert "new password: standard input has no line left for it" in required.err


def test_the_token_is_the_owners_alone_in_the_config_folder(required, monkeypatch, config_folder):
    login(required, monkeypatch, "Ivy Inspector", IVY_FIRST, IVY_OWN)
    path = token_path(required.root)
    assert path.is_relative_to(config_folder / "peerinspect")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_logout_removes_the_token_and_ends_the_sign_in(required, monkeypatch):
    login(required, monkeypatch, "Ivy Inspector", IVY_FIRST, IVY_OWN)
    token = token_path(required.root).read_text()
    assert "Signed out Ivy Inspector" in required("logout")
    assert not token_path(required.root).exists()
    token_path(required.root).write_text(token)  # a copy kept from before is over too
    required("person", "list", expect=2)
    assert "run peerinspect login" in required.err


def test_a_token_left_idle_too_long_is_refused(required, monkeypatch):
    login(required, monkeypatch, "Ivy Inspector", IVY_FIRST, IVY_OWN)
    required("person", "list")
    required.today += timedelta(days=1)
    required("person", "list", expect=2)
    assert "run peerinspect login" in required.err


def test_a_token_from_another_workspace_is_refused(required, monkeypatch, tmp_path, capsys):
    other = Cli(tmp_path / "other", capsys, monkeypatch)
    shutil.copytree(required.root, other.root, ignore=shutil.ignore_patterns("*.lock", "sign*"))
    login(required, monkeypatch, "Ivy Inspector", IVY_FIRST, IVY_OWN)
    # The other workspace is a copy made before Ivy signed in, so it holds her and her account: only its key differs.
    other_token = token_path(other.root)
    other_token.write_text(token_path(required.root).read_text())
    other("person", "list", expect=2)
    assert "run peerinspect login" in other.err


def test_a_wrong_password_is_refused_without_saying_whether_the_name_exists(required, monkeypatch):
    login(required, monkeypatch, "Ivy Inspector", "not-her-password-at-all", expect=2)
    wrong = required.err
    login(required, monkeypatch, "Nobody Here", IVY_FIRST, expect=2)
    assert required.err == wrong and "do not match" in wrong


@pytest.mark.parametrize("password, message", [
    ("short", "password: must be at least 12 characters"),
    ("1234567890123", "password: is one of the most common passwords"),
    ("Test County 2026", "password: must not be built on your name or the workspace's names"),
])
def test_a_weak_first_password_is_refused_naming_the_field_and_changes_nothing(cli, monkeypatch, password, message):
    before = cli.snapshot()
    typed(monkeypatch, password)
    cli("account", "set", "Ivy Inspector", "--password-stdin", *LEAD, expect=2)
    assert message in cli.err
    assert cli.snapshot() == before


def test_only_an_area_director_sets_passwords(cli, monkeypatch):
    typed(monkeypatch, IVY_FIRST)
    cli("account", "set", "Ivy Inspector", "--password-stdin", "--as", "Ivy Inspector", expect=2)
    assert "only area directors may set people's passwords" in cli.err


def test_changing_ones_own_password_keeps_the_sign_in(required, monkeypatch):
    login(required, monkeypatch, "Ivy Inspector", IVY_FIRST, IVY_OWN)
    typed(monkeypatch, IVY_OWN, "amber-thistle-compass")
    assert "password is changed" in required("account", "password", "--password-stdin")
    required("person", "list")
    required("logout")
    login(required, monkeypatch, "Ivy Inspector", "amber-thistle-compass")


def test_the_password_is_nowhere_but_its_hash_in_the_workspace_index(cli, inspection, monkeypatch, tmp_path):
    typed(monkeypatch, IVY_FIRST)
    cli("account", "set", "Ivy Inspector", "--password-stdin", *LEAD)
    login(cli, monkeypatch, "Ivy Inspector", IVY_FIRST, IVY_OWN)
    outputs = tmp_path / "out"
    outputs.mkdir()
    cli("export", "bundle", inspection, "--output", str(outputs / "bundle.json"), "--include-case-refs", *LEAD)
    monkeypatch.setenv("PEERINSPECT_FIELD_PASSPHRASE", "a passphrase for the field")
    cli("field", "checkout", inspection, "--output", str(outputs / "copy.pifield"), "--as", "Ivy Inspector")
    printed = cli("person", "list", "--json") + cli("settings", "--json") + cli("audit", inspection, *LEAD)
    for secret in (IVY_FIRST.encode(), IVY_OWN.encode()):
        assert secret not in printed.encode()
        for path in [*cli.root.rglob("*"), *outputs.iterdir()]:
            assert not path.is_file() or secret not in path.read_bytes(), path
    holding_hash = sorted(p.name for p in cli.root.rglob("*") if p.is_file() and b"$argon2id$" in p.read_bytes())
    assert holding_hash and all(name.startswith("workspace.") for name in holding_hash)
    assert not any(b"$argon2" in p.read_bytes() for p in outputs.iterdir())
    assert "$argon2" not in printed

"""Signing in at the command line: login, logout, and setting or changing passwords.

Passwords are asked for at the terminal without echo, or read a line each from standard input with
--password-stdin; never taken as an argument, where other users and the shell's history would see them.
"""

from __future__ import annotations

import getpass
import sys

from ..domain.errors import InvalidInput, Problem
from ..engine import accounts
from ..signin.token_file import forget_token, keep_token, kept_token
from .context import engine, show


class Answers:
    """What the person types: at the terminal, or one line each from standard input."""

    def __init__(self, args):
        self.from_stdin = getattr(args, "password_stdin", False)
        self._lines: list[str] | None = None

    def password(self, prompt: str, field: str) -> str:
        if self.from_stdin:
            if self._lines is None:
                self._lines = sys.stdin.read().splitlines()
            if not self._lines:
                raise InvalidInput(Problem(field, "standard input has no line left for it: give one line per password"))
            return self._lines.pop(0)
        if not sys.stdin.isatty():
            raise InvalidInput(Problem(field, "use --password-stdin, or run in a terminal to be asked for it"))
        return getpass.getpass(f"{prompt}: ")

    def new_password(self, field: str) -> str:
        typed = self.password(field.capitalize(), field)
        if not self.from_stdin and getpass.getpass(f"The same {field} again: ") != typed:
            raise InvalidInput(Problem(field, "the two differ; nothing was changed"))
        return typed

    def name(self, given: str | None) -> str:
        if given:
            return given
        if self.from_stdin or not sys.stdin.isatty():
            raise InvalidInput(Problem("name", "give your name: peerinspect login NAME"))
        return input("Name: ")


def login(args) -> int:
    opened = engine(args)
    answers = Answers(args)
    name = answers.name(args.name)
    password = answers.password("Password", "password")
    signed = accounts.sign_in(opened, name, password)
    if signed.must_change:
        show("Your password was set by someone else: choose your own now.")
        signed = accounts.change_password(opened, person=signed.person.id, current=password,
                                          new=answers.new_password("new password"))
    keep_token(opened.root, accounts.issue_token(opened, signed))
    minutes = opened.settings().idle_minutes
    show(f"Signed in as {signed.person.name}. The sign-in ends after {minutes} minutes without a command, "
         "or with peerinspect logout.")
    return 0


def logout(args) -> int:
    opened = engine(args)
    person = accounts.signed_out_by_token(opened, kept_token(opened.root))
    forget_token(opened.root)
    show(f"Signed out {person.name}." if person is not None else "You were not signed in: nothing to end.")
    return 0


def set_password(args) -> int:
    opened = engine(args)
    person = opened.person(args.person)  # a name nobody has is refused before a password is asked for
    accounts.set_password(opened, as_person=args.as_person, person=person.id,
                          password=Answers(args).new_password("password"))
    show(f"{person.name} has a new password. They choose their own the first time they sign in.")
    return 0


def change_password(args) -> int:
    opened = engine(args)
    answers = Answers(args)
    current = answers.password("Current password", "current password")
    signed = accounts.change_password(opened, person=args.as_person, current=current,
                                      new=answers.new_password("new password"))
    if accounts.required(opened):
        # A new password ends every earlier session, this one's token with them: it is renewed here.
        keep_token(opened.root, accounts.issue_token(opened, signed))
    show(f"{signed.person.name}'s password is changed.")
    return 0

"""Passwords in the terminal UI: an area director gives someone a first password; a person changes their own.

Typed unseen, twice; the engine judges them (length, common passwords, names) and says which field is wrong.
"""

from __future__ import annotations

from typing import Any, Callable

from ...domain.authority import Person
from ...domain.errors import InvalidInput, Problem
from ...engine import accounts
from ..forms.spec import FieldSpec
from ..session import Session
from .authority_forms import AuthorityForm

AGAIN = "again"


def _same(values: dict, field: str) -> None:
    if values[field] != values[AGAIN]:
        raise InvalidInput(Problem(AGAIN, "the two passwords differ: type the same one twice"))


class SetPasswordForm(AuthorityForm):
    detail = "They choose their own the first time they sign in. At least 12 characters, and not a common one."

    def __init__(self, session: Session, person: Person) -> None:
        super().__init__(session, person)
        self.heading = f"A new password for {person.name}"

    def specs(self) -> list[FieldSpec]:
        return [FieldSpec(name="password", label="Password", control="secret"),
                FieldSpec(name=AGAIN, label="The same password again", control="secret")]

    def save_call(self, values: dict) -> Callable[[], Any]:
        def call():
            _same(values, "password")
            return accounts.set_password(self.session.engine, as_person=self.me, person=self.existing.id,
                                         password=values["password"])

        return call


class ChangePasswordForm(AuthorityForm):
    """Someone's own password; at the first sign-in (`current` given) it must be changed before anything else."""

    def __init__(self, session: Session, current: str | None = None) -> None:
        super().__init__(session)
        self.current = current
        self.heading = "Choose your own password" if current is not None else "Change your password"
        if current is not None:
            self.hint = "Ctrl+S to save and go on; Ctrl+Q quits"
        self.detail = ("Your password was set by someone else: choose your own to go on. " if current is not None
                       else "") + "At least 12 characters, not a common one, and not built on names."

    def specs(self) -> list[FieldSpec]:
        current = [] if self.current is not None else [
            FieldSpec(name="current password", label="Your password now", control="secret")]
        return [*current, FieldSpec(name="new password", label="New password", control="secret"),
                FieldSpec(name=AGAIN, label="The new password again", control="secret")]

    def save_call(self, values: dict) -> Callable[[], Any]:
        current = self.current if self.current is not None else values["current password"]

        def call():
            _same(values, "new password")
            return accounts.change_password(self.session.engine, person=self.me, current=current,
                                            new=values["new password"])

        return call

    def action_cancel(self) -> None:
        if self.current is not None:
            self.notify("Choose your own password to go on (Ctrl+Q quits)", severity="warning")
            return
        super().action_cancel()

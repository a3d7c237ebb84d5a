"""Workspace settings that change how the rules read: the cycle start, the 'due soon' window, calendar reminders,
whether people must sign in, and the mail server reminders are sent through."""

from __future__ import annotations

from datetime import date

from attrs import field, frozen

from .errors import InvalidInput, Problem
from .limits import within_limits
from .records import Record
from .smtp_settings import SmtpSettings


def _positive(instance, attribute, value: int) -> None:
    if value < 0:
        raise InvalidInput(Problem(attribute.name, "must not be negative"))


def _at_least_one(instance, attribute, value: int) -> None:
    if value < 1:
        raise InvalidInput(Problem(attribute.name, "must be at least 1"))


@frozen(kw_only=True, field_transformer=within_limits)
class Settings(Record):
    KIND = "settings"  # names its table and is stored in each document: never rename
    authority: str = "Hampshire-style authority"
    cycle_start: date = date(2025, 4, 1)
    cycle_years: int = 3
    inspections_per_cycle: int = 2
    due_soon_days: int = field(default=3, validator=_positive)
    # Days before a deadline that an exported calendar event reminds its owner; 0 for no reminder.
    calendar_alarm_days: int = field(default=0, validator=_positive)
    # When true, the terminal UI opens on a sign-in screen and the command line acts only as whoever signed in.
    sign_in_required: bool = False
    lockout_minutes: int = field(default=15, validator=_at_least_one)  # how long five failed sign-ins lock a name
    idle_minutes: int = field(default=30, validator=_at_least_one)  # a session left this long ends
    smtp: SmtpSettings = field(factory=SmtpSettings)  # the mail server reminders are sent through
    id: str = "settings"
    revision: int = 0

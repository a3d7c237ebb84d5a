"""The administration screen's forms: a person, a district, an area, the settings, and the day someone leaves."""

from __future__ import annotations

from typing import Any, Callable

import attrs
from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...domain.authority import Area, District, Person
from ...domain.smtp_settings import PASSWORD_VARIABLE, Security
from ...domain.vocabulary import Role
from ...engine import authority
from ..forms.spec import FieldSpec, label_options
from ..session import Session
from .form_screen import FormScreen, fields_in_sections


class AuthorityForm(FormScreen, ModalScreen):
    """A short form in a dialog: its fields, filled in from the record changed, saved by one engine call."""

    heading = ""
    detail = ""  # what saving will mean, above the fields
    hint = "Ctrl+S to save, Escape to cancel"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save-authority", priority=True),
        Binding("escape", "cancel", "Cancel", id="cancel-authority"),
    ]

    def __init__(self, session: Session, existing: Any = None) -> None:
        super().__init__(classes="dialog")
        self.session, self.existing = session, existing

    def specs(self) -> list[FieldSpec]:
        raise NotImplementedError

    def filled(self) -> dict:
        """The values shown at the start: the record's own when changing it."""
        return {}

    def save_call(self, values: dict) -> Callable[[], Any]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(escape(self.heading), classes="dialog-title")
            if self.detail:
                yield Static(escape(self.detail), classes="dialog-detail")
            yield from fields_in_sections(self.specs())
            yield Static("", id="form-errors")
            yield Static(self.hint, classes="intro")

    def on_mount(self) -> None:
        fields = self.fields
        for name, value in self.filled().items():
            fields[name].value = value
        next(iter(fields.values())).control.focus()

    def action_save(self) -> None:
        values = {name: field.value for name, field in self.fields.items()}
        self.save_form(self.save_call(values), done="Saved")

    def action_cancel(self) -> None:
        self.leave()

    @property
    def me(self) -> str:
        return self.session.person_id


class PersonForm(AuthorityForm):
    # Where someone works: a district (which brings its area) for a district manager, an area for an area manager.
    fallback_field = "place"

    def __init__(self, session: Session, existing: Person | None = None) -> None:
        super().__init__(session, existing)
        self.heading = f"Change {existing.name}" if existing else "Add a person"

    def places(self) -> tuple[tuple[str, str], ...]:
        engine, kept = self.session.engine, self.existing.district_id if self.existing else None
        districts = [d for d in engine.districts() if d in authority.districts_now(engine) or d.id == kept]
        return (*((f"{d.name} (district)", f"district:{d.id}") for d in districts),
                *((f"{a.name} (area)", f"area:{a.id}") for a in engine.areas()))

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec(name="name", label="Name", rule=(Person, "name")),
            FieldSpec(name="role", label="Role", control="select", options=label_options(Role)),
            FieldSpec(name="place", label="Works in: a district manager's district, an area manager's area",
                      control="select", options=self.places()),
            FieldSpec(name="email", label="Email address (optional)", rule=(Person, "email")),
        ]

    def filled(self) -> dict:
        person = self.existing
        if person is None:
            return {}
        place = f"district:{person.district_id}" if person.district_id else f"area:{person.area_id}" if person.area_id else None
        return {"name": person.name, "role": person.role.value, "place": place, "email": person.email}

    def save_call(self, values: dict) -> Callable[[], Any]:
        engine, person = self.session.engine, self.existing
        kind, _, place = (values["place"] or "").partition(":")
        area, district = (place if kind == "area" else ""), (place if kind == "district" else "")
        if person is None:
            return lambda: authority.add_person(
                engine, values["name"], values["role"] or "", area_ref=area or None, district_ref=district or None,
                email=values["email"], as_person=self.me,
            )
        return lambda: authority.change_person(
            engine, as_person=self.me, person=person.id, name=values["name"], role=values["role"] or "",
            area_ref=area, district_ref=district, email=values["email"], revision=person.revision,
        )


class DistrictForm(AuthorityForm):
    def __init__(self, session: Session, existing: District | None = None) -> None:
        super().__init__(session, existing)
        self.heading = f"Change {existing.name}" if existing else "Add a district"

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec(name="name", label="Name", rule=(District, "name")),
            FieldSpec(name="area", label="Area", control="select",
                      options=tuple((a.name, a.id) for a in self.session.engine.areas())),
            FieldSpec(name="teams", label="Teams, one on each line", control="text"),
        ]

    def filled(self) -> dict:
        district = self.existing
        if district is None:
            return {}
        return {"name": district.name, "area": district.area_id, "teams": "\n".join(district.teams)}

    def save_call(self, values: dict) -> Callable[[], Any]:
        engine, district = self.session.engine, self.existing
        teams = values["teams"].splitlines()
        if district is None:
            return lambda: authority.add_district(engine, values["name"], values["area"] or "", tuple(teams), as_person=self.me)
        return lambda: authority.change_district(
            engine, as_person=self.me, district=district.id, name=values["name"], area_ref=values["area"] or "",
            teams=teams, revision=district.revision,
        )


class AreaForm(AuthorityForm):
    def __init__(self, session: Session, existing: Area | None = None) -> None:
        super().__init__(session, existing)
        self.heading = f"Rename {existing.name}" if existing else "Add an area"

    def specs(self) -> list[FieldSpec]:
        return [FieldSpec(name="name", label="Name", rule=(Area, "name"))]

    def filled(self) -> dict:
        return {"name": self.existing.name} if self.existing else {}

    def save_call(self, values: dict) -> Callable[[], Any]:
        engine, area = self.session.engine, self.existing
        if area is None:
            return lambda: authority.add_area(engine, values["name"], as_person=self.me)
        return lambda: authority.change_area(engine, as_person=self.me, area_ref=area.id, name=values["name"])


class SettingsForm(AuthorityForm):
    heading = "Settings"

    def specs(self) -> list[FieldSpec]:
        return [
            FieldSpec(name="authority", label="The authority's name"),
            FieldSpec(name="cycle_start", label="The current three-year cycle began on (YYYY-MM-DD)"),
            FieldSpec(name="due_soon_days", label="A deadline is due soon this many days before"),
            FieldSpec(name="calendar_alarm_days", label="The exported calendar reminds this many days before (0: never)"),
            FieldSpec(name="sign_in_required", label="Everyone signs in with a password", control="check"),
            FieldSpec(name="lockout_minutes", label="Five failed sign-ins lock a name for this many minutes"),
            FieldSpec(name="idle_minutes", label="A session left unused ends after this many minutes"),
            *(attrs.evolve(spec, section="Reminders by email", open=False) for spec in (
                FieldSpec(name="smtp.host", label="Mail server (empty: no reminders by email)", placeholder="mail.example.org"),
                FieldSpec(name="smtp.port", label="Its port (587 for STARTTLS, 465 for TLS)"),
                FieldSpec(name="smtp.security", label="Encryption", control="select", options=label_options(Security)),
                FieldSpec(name="smtp.sender", label="Reminders come from", placeholder="reminders@example.org"),
                FieldSpec(name="smtp.user", label=f"Sign in to the server as (the password is read from ${PASSWORD_VARIABLE})"),
                FieldSpec(name="smtp.allow_unencrypted_remote", label="Allow no encryption to a server elsewhere",
                          control="check"),
                FieldSpec(name="smtp.send_at", label="The server sends them every working day at (HH:MM; empty: never)",
                          placeholder="07:30"),
                FieldSpec(name="smtp.send_as", label="Sent as (an area director)"),
            )),
        ]

    def filled(self) -> dict:
        settings = self.session.engine.settings()
        return {"authority": settings.authority, "cycle_start": settings.cycle_start.isoformat(),
                "due_soon_days": str(settings.due_soon_days), "calendar_alarm_days": str(settings.calendar_alarm_days),
                "sign_in_required": settings.sign_in_required, "lockout_minutes": str(settings.lockout_minutes),
                "idle_minutes": str(settings.idle_minutes),
                **{f"smtp.{name}": str(value) if isinstance(value, int) and not isinstance(value, bool) else value
                   for name, value in attrs.asdict(settings.smtp).items()},
                "smtp.send_as": self.session.engine.person(settings.smtp.send_as).name if settings.smtp.send_as else ""}

    def save_call(self, values: dict) -> Callable[[], Any]:
        # A count of days typed as a whole number is one; anything else goes to the settings to be refused by name.
        changes: dict[str, Any] = {"smtp": {}}
        for name, value in values.items():
            value = _whole_number(value) if name.endswith(("_days", "_minutes", ".port")) else value
            group, _, field_name = name.rpartition(".")
            (changes[group] if group else changes)[field_name] = value
        return lambda: authority.update_settings(self.session.engine, changes, as_person=self.me)


def _whole_number(typed: str) -> int | str:
    try:
        return int(typed.strip())
    except ValueError:
        return typed


class RetireForm(AuthorityForm):
    """The day a person leaves, or a district closes, with what that will mean said above the date."""

    fallback_field = "on"

    def __init__(self, session: Session, existing: Person | District) -> None:
        super().__init__(session, existing)
        if isinstance(existing, Person):
            self.heading = f"{existing.name} leaves"
            self.detail = ("From that day they cannot act and no list offers them. Their name stays on what they "
                            "did; their open duties wait on the dashboards of those who can hand them on.")
        else:
            self.heading = f"{existing.name} closes"
            self.detail = "From that day it leaves the cycle plan and no inspection is planned in it; its history stays."

    def specs(self) -> list[FieldSpec]:
        return [FieldSpec(name="on", label="From (YYYY-MM-DD)")]

    def filled(self) -> dict:
        return {"on": self.session.engine.today().isoformat()}

    def save_call(self, values: dict) -> Callable[[], Any]:
        engine, record = self.session.engine, self.existing
        if isinstance(record, Person):
            return lambda: authority.retire_person(engine, as_person=self.me, person=record.id, on=values["on"])
        return lambda: authority.retire_district(engine, as_person=self.me, district=record.id, on=values["on"])

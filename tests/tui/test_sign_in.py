"""Where the workspace requires sign-in, the app opens on a sign-in screen: a refusal is said plainly, Escape does
not quit, a first password is changed before anything else, and a session left idle goes back to sign in
with what it had open kept."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input

from peerinspect.engine import accounts, authority
from peerinspect.tui.app import make_app
from peerinspect.tui.screens.administration import AdministrationScreen
from peerinspect.tui.screens.confirm import Confirm
from peerinspect.tui.screens.dashboard import Dashboard
from peerinspect.tui.screens.password_forms import ChangePasswordForm, SetPasswordForm
from peerinspect.tui.screens.sign_in import SignInScreen

from .conftest import journey, settle

ADA_FIRST, ADA_OWN = "violet-harbour-lantern", "copper-meadow-falcon"
IVY_FIRST, IVY_OWN = "quiet-orchard-ladder", "silver-canal-thistle"


@pytest.fixture
def signing(engine):
    """Ada (an area director) has her own password, Ivy a first one; the workspace requires sign-in."""
    accounts.set_password(engine, as_person="Ada Director", person="Ada Director", password=ADA_FIRST)
    accounts.change_password(engine, person="Ada Director", current=ADA_FIRST, new=ADA_OWN)
    accounts.set_password(engine, as_person="Ada Director", person="Ivy Inspector", password=IVY_FIRST)
    authority.update_settings(engine, {"sign_in_required": True}, as_person="Ada Director")
    return engine


async def sign_in(pilot, name: str, password: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, SignInScreen)
    screen.query_one("#sign-in-name", Input).value = name
    screen.query_one("#sign-in-password", Input).value = password
    await pilot.press("enter")
    await settle(pilot)


def refusal(screen) -> str:
    return str(screen.query_one("#sign-in-refused").render())


@journey
async def test_the_app_opens_on_sign_in_and_a_wrong_password_is_refused_plainly(signing):
    app = make_app(signing)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        await sign_in(pilot, "Ada Director", "not-her-password")
        assert isinstance(app.screen, SignInScreen)
        assert "do not match" in refusal(app.screen)
        assert app.screen.query_one("#sign-in-password", Input).value == ""
        await sign_in(pilot, "Ada Director", ADA_OWN)
        assert isinstance(app.screen, Dashboard)
        assert app.screen.session.person.name == "Ada Director"


@journey
async def test_escape_does_not_quit_the_sign_in_screen(signing):
    app = make_app(signing)
    async with app.run_test() as pilot:
        await settle(pilot)
        app.screen.query_one("#sign-in-password", Input).value = "half typed"
        await pilot.press("escape")
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, SignInScreen)
        assert app.screen.query_one("#sign-in-password", Input).value == ""


@journey
async def test_a_first_password_is_changed_before_anything_else(signing):
    app = make_app(signing)
    async with app.run_test() as pilot:
        await settle(pilot)
        await sign_in(pilot, "Ivy Inspector", IVY_FIRST)
        form = app.screen
        assert isinstance(form, ChangePasswordForm)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form  # Escape does not skip it
        form.fields["new password"].value = "short"
        form.fields["again"].value = "short"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "at least 12 characters" in str(form.query_one("#field-new-password .field-error").render())
        form.fields["new password"].value = IVY_OWN
        form.fields["again"].value = IVY_OWN
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Dashboard) and app.screen.session.person.name == "Ivy Inspector"
    assert not accounts.sign_in(signing, "Ivy Inspector", IVY_OWN).must_change


@journey
async def test_an_idle_session_returns_to_sign_in_and_the_same_person_finds_their_screens(signing):
    app = make_app(signing)
    async with app.run_test() as pilot:
        await settle(pilot)
        await sign_in(pilot, "Ada Director", ADA_OWN)
        await pilot.press("a")  # administration
        await settle(pilot)
        admin = app.screen
        assert isinstance(admin, AdministrationScreen)
        signing.clock.now += timedelta(minutes=29)
        app.end_idle_session()
        await settle(pilot)
        assert app.screen is admin  # not idle long enough yet
        signing.clock.now += timedelta(minutes=31)
        app.end_idle_session()
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert "session ended after 30 minutes" in str(app.screen.query_one("#ended").render())
        assert "Ada Director" not in app.sub_title  # whoever comes to the screen is not shown who was there
        await pilot.press("escape")
        assert isinstance(app.screen, SignInScreen)
        await sign_in(pilot, "Ada Director", ADA_OWN)
        assert app.screen is admin
        assert app.sub_title.startswith("Ada Director")
    assert "sign out (idle)" in [e.action for e in signing.workspace.audit_entries()]


@journey
async def test_someone_else_signing_in_over_unsaved_typing_is_asked_before_it_goes(signing):
    accounts.change_password(signing, person="Ivy Inspector", current=IVY_FIRST, new=IVY_OWN)
    app = make_app(signing)
    async with app.run_test() as pilot:
        await settle(pilot)
        await sign_in(pilot, "Ada Director", ADA_OWN)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("n")  # a new person
        await settle(pilot)
        form = app.screen
        next(iter(form.fields.values())).value = "Half Typed"
        signing.clock.now += timedelta(minutes=31)
        app.end_idle_session()
        await settle(pilot)
        await sign_in(pilot, "Ivy Inspector", IVY_OWN)
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # keep Ada's typing: back to sign in
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen) and form in app.screen_stack
        await sign_in(pilot, "Ivy Inspector", IVY_OWN)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, Dashboard) and app.screen.session.person.name == "Ivy Inspector"
        assert form not in app.screen_stack


@journey
async def test_the_director_gives_a_first_password_from_the_people_tab(signing):
    app = make_app(signing)
    async with app.run_test() as pilot:
        await settle(pilot)
        await sign_in(pilot, "Ada Director", ADA_OWN)
        await pilot.press("a")
        await settle(pilot)
        table = app.screen.query_one("#table-people")
        table.move_cursor(row=table.get_row_index(signing.person("Sam Senior").id))
        await pilot.press("p")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SetPasswordForm)
        form.fields["password"].value = "amber-thistle-compass"
        form.fields["again"].value = "amber-thistle-compasz"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "differ" in str(form.query_one("#field-again .field-error").render())
        form.fields["again"].value = "amber-thistle-compass"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AdministrationScreen)
    assert accounts.sign_in(signing, "Sam Senior", "amber-thistle-compass").must_change


@journey
async def test_without_sign_in_required_the_app_opens_on_the_picker_as_before(engine):
    from peerinspect.tui.screens.picker import PersonPicker

    app = make_app(engine)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PersonPicker)

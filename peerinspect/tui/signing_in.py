"""The app's side of signing in: the sign-in screen first, a first password changed, and a session left idle
sent back to sign in with everything it had open kept underneath.

If the same person signs in again they are back where they were. If someone else does, what the first person
left typed in a form is not thrown away unasked: the newcomer is asked, as Escape on a form asks.
"""

from __future__ import annotations

from textual import events, work

from ..domain.authority import Person
from ..engine import accounts
from ..engine.accounts import SignedIn
from .failures import describe

# How often an idle session is looked for: a small share of the shortest idle time a workspace can set.
IDLE_CHECK_SECONDS = 10


class SignsIn:
    """Mixed into the App, which provides `engine` and `open_as(person)`."""

    signed: SignedIn | None = None
    _last_input = None
    _idle_timer = None

    def begin_signing_in(self, name: str = "") -> None:
        from .screens.sign_in import SignInScreen

        screen = SignInScreen(self.engine, name=name)
        self.push_screen(screen, lambda signed: self._signed_in(signed, given=screen.password_given))
        if self._idle_timer is None:
            self._idle_timer = self.set_interval(IDLE_CHECK_SECONDS, self.end_idle_session)

    def sign_out(self) -> None:
        """The person signs out: their screens close and the sign-in screen waits for the next."""
        if self.signed is not None:
            self._record_sign_out(self.signed.person.id, "sign out")
        self.signed = None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.begin_signing_in()

    def _signed_in(self, signed: SignedIn | None, *, given: str = "", resuming: Person | None = None) -> None:
        if signed is None:
            return
        if signed.must_change:
            from .screens.password_forms import ChangePasswordForm
            from .session import Session

            form = ChangePasswordForm(Session(self.engine, signed.person), current=given)
            self.push_screen(form, lambda changed: self._signed_in(changed, resuming=resuming))
            return
        self.signed = signed
        self._last_input = self.engine.now()
        if resuming is None:
            self.open_as(signed.person)
        elif resuming.id != signed.person.id:
            self._hand_over(resuming, signed.person)
        else:  # they are back where they were: the screens underneath are theirs
            self.show_who(signed.person)

    def _hand_over(self, before: Person, after: Person) -> None:
        """Someone else signed in over an idle session: its screens go, once any unsaved typing is given up."""
        from .screens.form_screen import FormScreen  # its fields' widgets are slow to load, and the first screen has none

        unsaved = [s for s in self.screen_stack if isinstance(s, FormScreen) and s.touched]

        def answer(discard: bool | None) -> None:
            if not discard:
                self.signed = None
                self.end_idle_session(force=True, ended=before)
                return
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.open_as(after)

        if not unsaved:
            answer(True)
            return
        from .screens.confirm import Confirm

        self.push_screen(Confirm(f"Discard what {before.name} typed?",
                                 f"{before.name} left a form with unsaved changes. Signing in as {after.name} "
                                 "throws them away; No keeps them for when they sign in again.", yes="Discard"), answer)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "change_password":
            return self.signed is not None
        return super().check_action(action, parameters)

    def action_change_password(self) -> None:
        from .screens.password_forms import ChangePasswordForm
        from .session import Session

        if self.signed is not None:
            self.push_screen(ChangePasswordForm(Session(self.engine, self.signed.person)))

    # idle sessions -------------------------------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.Paste)) and self.signed is not None:
            self._last_input = self.engine.now()
        await super().on_event(event)

    def end_idle_session(self, *, force: bool = False, ended: Person | None = None) -> None:
        """Back to the sign-in screen when the session has gone unused for the workspace's idle time."""
        from .screens.sign_in import SignInScreen

        if not force:
            if self.signed is None or self._last_input is None:
                return
            if self.engine.now() - self._last_input < accounts.idle_limit(self.engine):
                return
        person = ended or self.signed.person
        if self.signed is not None:
            self._record_sign_out(person.id, "sign out (idle)")
        self.signed = None
        self.show_who(None)
        screen = SignInScreen(self.engine, ended=person)
        self.push_screen(screen, lambda s: self._signed_in(s, given=screen.password_given, resuming=person))

    @work(thread=True, group="sign-out", exit_on_error=False)
    def _record_sign_out(self, person_id: str, why: str) -> None:
        try:
            accounts.sign_out(self.engine, person_id, why=why)
        except Exception as error:  # noqa: BLE001 - the session has ended either way; the person is told
            self.call_from_thread(self.notify, describe(error, "record the sign-out"), severity="warning")

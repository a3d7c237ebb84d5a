"""Records changed both at home and in a field copy: every version side by side, settled by keeping one or
writing a merged text. Listed for the record's authors and the lead, as the rulebook says."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...field.conflicts import ConflictView, conflicts_for, settle_conflict
from ..forms.spec import FieldSpec
from ..loading import LoadsInBackground
from ..messages import Loaded
from ..session import Session
from ..widgets.footer import Footer
from ..widgets.field import Field
from ..widgets.title_bar import TitleBar
from .form_screen import FormScreen


class ConflictsScreen(LoadsInBackground, Screen):
    """Field conflicts"""

    BINDINGS = [Binding("escape", "back", "Back", id="back")]

    def __init__(self, session: Session, inspection_id: str) -> None:
        super().__init__()
        self.session, self.inspection_id = session, inspection_id
        self.views: list[ConflictView] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Records changed both at home and in a field copy", classes="screen-title")
        yield Static("Reading the conflicts…", id="conflicts-intro", classes="intro")
        yield OptionList(id="conflicts")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def read(self) -> list[ConflictView]:
        return conflicts_for(self.session.engine, as_person=self.session.person_id, inspection=self.inspection_id)

    def show_loaded(self, message: Loaded) -> None:
        self.views = message.view
        listed = self.query_one("#conflicts", OptionList)
        listed.clear_options()
        for view in self.views:
            differing = ", ".join(name.replace("_", " ") for name in view.conflict.differing_fields)
            listed.add_option(Option(f"{view.what}: {len(view.versions)} versions, differing in {differing}",
                                     id=view.conflict.id))
        self.query_one("#conflicts-intro", Static).update(
            "Choose one to see its versions and settle it." if self.views else "No conflicts for you to settle."
        )
        if self.views:
            listed.highlighted = 0
            listed.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        view = next(v for v in self.views if v.conflict.id == event.option.id)
        self.app.push_screen(ConflictDialog(self.session, self.inspection_id, view), lambda settled: self.load())

    def action_back(self) -> None:
        self.app.pop_screen()


class ConflictDialog(FormScreen, Screen):
    """Settle a conflict"""

    BINDINGS = [
        Binding("ctrl+s", "save_merged", "Save merged text", id="save-merged", priority=True),
        Binding("escape", "cancel", "Back", id="cancel-conflict"),
    ]

    def __init__(self, session: Session, inspection_id: str, view: ConflictView) -> None:
        super().__init__(classes="form")
        self.session, self.inspection_id, self.view = session, inspection_id, view
        shown = next((v for v in view.versions if v.shown), view.versions[0])
        # The fields a merged text can settle: those the versions disagree on that hold text.
        self.texts = [n for n in view.conflict.differing_fields if isinstance(shown.version.document.get(n), str)]
        self.shown = shown

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(f"Settle: {self.view.what}", classes="screen-title")
        with VerticalScroll(id="form-body"):
            yield Static("Keep one version (Enter), or write the merged text below and save it (ctrl+s).", classes="intro")
            yield OptionList(*(Option(self._describe(n, v), id=v.version.fingerprint)
                               for n, v in enumerate(self.view.versions, 1)), id="versions")
            for name in self.texts:
                yield Field(FieldSpec(name=name, label=f"Merged {name.replace('_', ' ')}", control="text"))
            yield Static("", id="form-errors")
        yield Footer()

    def _describe(self, number: int, version) -> str:
        where = "; ".join(str(s) for s in version.sources) or "another copy"
        mark = " (shown now)" if version.shown else ""
        lines = [f"Version {number}{mark}, from {where}"]
        lines += [f"  {name.replace('_', ' ')}: {version.version.document.get(name)}" for name in self.view.conflict.differing_fields]
        return escape("\n".join(lines))

    def on_mount(self) -> None:
        for name in self.texts:
            self.fields[name].value = self.shown.version.document.get(name) or ""

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        fingerprint = event.option.id
        self.save_form(lambda: settle_conflict(
            self.session.engine, as_person=self.session.person_id, inspection=self.inspection_id,
            conflict_id=self.view.conflict.id, keep=fingerprint,
        ), done="Conflict settled: the version you chose is kept", then=lambda settled: self.close(settled))

    def action_save_merged(self) -> None:
        if not self.texts:
            self.show_general("These versions differ in nothing that can be written: keep one of them.")
            return
        merged = {name: self.fields[name].value for name in self.texts}
        self.save_form(lambda: settle_conflict(
            self.session.engine, as_person=self.session.person_id, inspection=self.inspection_id,
            conflict_id=self.view.conflict.id, fields=merged,
        ), done="Conflict settled with the merged text", then=lambda settled: self.close(settled))

    def action_cancel(self) -> None:
        self.leave()

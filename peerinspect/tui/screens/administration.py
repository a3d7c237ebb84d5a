"""Administration: the authority's people, districts, areas and settings — added, changed and retired here."""

from __future__ import annotations

from attrs import frozen
from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from ...domain.authority import Area, District, Person
from ...domain.permissions import Act
from ...domain.settings import Settings
from ...engine import authority
from ..loading import LoadsInBackground
from ..messages import Loaded
from ..session import Session
from ..widgets.footer import Footer
from ..widgets.title_bar import TitleBar

TABS = (("people", "People"), ("districts", "Districts"), ("areas", "Areas"), ("settings", "Settings"))
COLUMNS = {
    "people": ("Name · role, district or area", "Email"),
    "districts": ("District", "Area", "Teams", "Closed"),
    "areas": ("Area", "Districts"),
}
# What each key asks the rulebook, on each tab.
ACTS = {
    ("add", "people"): Act.ADD_PERSON, ("change", "people"): Act.CHANGE_PERSON, ("retire", "people"): Act.RETIRE_PERSON,
    ("add", "districts"): Act.ADD_DISTRICT, ("change", "districts"): Act.CHANGE_DISTRICT,
    ("retire", "districts"): Act.RETIRE_DISTRICT,
    ("add", "areas"): Act.ADD_AREA, ("change", "areas"): Act.CHANGE_AREA,
    ("change", "settings"): Act.CHANGE_SETTINGS, ("password", "people"): Act.SET_PASSWORD,
}
TAB_KEYS = Binding.Group("Tab", compact=True)


@frozen
class AuthorityView:
    people: list[Person]
    labels: dict[str, str]  # each person as every list shows them
    districts: list[District]
    areas: list[Area]
    settings: Settings
    same_names: list[str]  # areas or districts sharing a name, from before names had to differ


class AdministrationScreen(LoadsInBackground, Screen):
    """Administration"""

    BINDINGS = [
        Binding("n", "add", "Add", id="add-record", tooltip="Add a person, a district or an area"),
        Binding("e", "change", "Change", id="change-record", tooltip="Change the selected record, or the settings"),
        Binding("x", "retire", "Retire", id="retire-record",
                tooltip="Record that the selected person leaves, or the selected district closes"),
        Binding("p", "password", "Password", id="set-password",
                tooltip="Give the selected person a new password: they choose their own at first sign-in"),
        Binding("left_square_bracket", "tab(-1)", "Previous tab", id="previous-admin-tab", group=TAB_KEYS),
        Binding("right_square_bracket", "tab(1)", "Next tab", id="next-admin-tab", group=TAB_KEYS),
        Binding("escape", "back", "Back", id="back"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.view: AuthorityView | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="same-names", classes="concern-banner")
        with TabbedContent(id="authority"):
            for tab, title in TABS:
                with TabPane(title, id=f"tab-{tab}"):
                    if tab == "settings":
                        yield Static("", id="settings-shown", classes="intro")
                    else:
                        yield DataTable(id=f"table-{tab}", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Administration"
        self.query_one("#same-names").display = False
        for tab, columns in COLUMNS.items():
            self.query_one(f"#table-{tab}", DataTable).add_columns(*columns)
        self.load()

    def on_screen_resume(self) -> None:
        if self.view is not None:
            self.load()

    def read(self) -> AuthorityView:
        engine = self.session.engine
        people = engine.people()
        return AuthorityView(people=people, labels=authority.person_labels(engine, people), districts=engine.districts(),
                             areas=engine.areas(), settings=engine.settings(), same_names=authority.same_names(engine))

    def show_loaded(self, message: Loaded) -> None:
        self.view = view = message.view
        areas = {a.id: a.name for a in view.areas}
        self._fill("people", [(p.id, (view.labels[p.id], p.email)) for p in view.people])
        self._fill("districts", [
            (d.id, (d.name, areas.get(d.area_id, ""), ", ".join(d.teams), f"{d.closed_on:%d %b %Y}" if d.closed_on else ""))
            for d in view.districts
        ])
        self._fill("areas", [
            (a.id, (a.name, ", ".join(d.name for d in view.districts if d.area_id == a.id))) for a in view.areas
        ])
        settings = view.settings
        self.query_one("#settings-shown", Static).update(
            f"Authority: {escape(settings.authority)}\n"
            f"Cycle: from {settings.cycle_start:%d %b %Y}, {settings.cycle_years} years, "
            f"{settings.inspections_per_cycle} inspections of each district\n"
            f"Due soon: within {settings.due_soon_days} days of a deadline\n"
            f"Calendar reminder: {f'{settings.calendar_alarm_days} days before' if settings.calendar_alarm_days else 'none'}\n"
            f"Sign-in required: {'yes' if settings.sign_in_required else 'no'} (locked for {settings.lockout_minutes} "
            f"minutes after five failures; ends after {settings.idle_minutes} minutes idle)\n"
            f"Reminders by email: {escape(settings.smtp.described)}"
        )
        warning = self.query_one("#same-names", Static)
        warning.display = bool(view.same_names)
        warning.update(escape("\n".join(view.same_names)))
        self.refresh_bindings()

    def _fill(self, tab: str, rows: list[tuple[str, tuple[str, ...]]]) -> None:
        table = self.query_one(f"#table-{tab}", DataTable)
        row = table.cursor_row
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    # what is selected ---------------------------------------------------------------------------------------
    @property
    def active_tab(self) -> str | None:
        """The tab shown; None while the screen is still being built."""
        tabs = self.query(TabbedContent)
        return tabs.first().active.removeprefix("tab-") or None if tabs else None

    @property
    def selected(self) -> Person | District | Area | None:
        tab = self.active_tab
        if self.view is None or tab not in COLUMNS:
            return None
        table = next(iter(self.query(f"#table-{tab}").results(DataTable)), None)
        if table is None or not table.row_count:  # none while the screen is being taken down
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        records = {"people": self.view.people, "districts": self.view.districts, "areas": self.view.areas}[tab]
        return next((r for r in records if r.id == key), None)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action not in ("add", "change", "retire", "password"):
            return True
        act = ACTS.get((action, self.active_tab or ""))
        if act is None or self.view is None:
            return False
        if action == "add" or self.active_tab == "settings":
            return self.session.may(act)
        selected = self.selected
        if selected is None or (action in ("retire", "password") and _retired(selected)):
            return False
        return self.session.may(act, district=selected) if isinstance(selected, District) else self.session.may(act)

    def on_tabbed_content_tab_activated(self) -> None:
        self.refresh_bindings()

    def on_data_table_row_highlighted(self) -> None:
        self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.check_action("change", ()):
            self.action_change()

    # doing -----------------------------------------------------------------------------------------------------
    def action_tab(self, step: int) -> None:
        ids = [f"tab-{tab}" for tab, _ in TABS]
        tabs = self.query_one(TabbedContent)
        if tabs.active in ids:  # nothing to move from while the tabs are still being built
            tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]

    def _open(self, form) -> None:
        self.app.push_screen(form, lambda saved: self.load() if saved is not None else None)

    def action_add(self) -> None:
        from .authority_forms import AreaForm, DistrictForm, PersonForm

        form = {"people": PersonForm, "districts": DistrictForm, "areas": AreaForm}.get(self.active_tab or "")
        if form is not None and self.check_action("add", ()):
            self._open(form(self.session))

    def action_change(self) -> None:
        from .authority_forms import AreaForm, DistrictForm, PersonForm, SettingsForm

        if not self.check_action("change", ()):
            return
        if self.active_tab == "settings":
            self._open(SettingsForm(self.session))
            return
        selected = self.selected
        form = {Person: PersonForm, District: DistrictForm, Area: AreaForm}[type(selected)]
        self._open(form(self.session, selected))

    def action_retire(self) -> None:
        from .authority_forms import RetireForm

        if self.check_action("retire", ()):
            self._open(RetireForm(self.session, self.selected))

    def action_password(self) -> None:
        from .password_forms import SetPasswordForm

        if self.check_action("password", ()):
            self._open(SetPasswordForm(self.session, self.selected))

    def action_back(self) -> None:
        self.app.pop_screen()


def _retired(record: Person | District | Area) -> bool:
    return getattr(record, "left_on", None) is not None or getattr(record, "closed_on", None) is not None

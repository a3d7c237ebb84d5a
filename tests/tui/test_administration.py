"""Running the authority from the terminal UI: each administration journey, driven by keys, then read back."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList, TabbedContent

from peerinspect.domain.authority import Area
from peerinspect.domain.errors import Refused
from peerinspect.engine import authority, queries
from peerinspect.tui.app import make_app
from peerinspect.tui.screens.administration import AdministrationScreen
from peerinspect.tui.screens.authority_forms import DistrictForm, PersonForm, RetireForm, SettingsForm
from peerinspect.tui.screens.choice import ChoiceDialog
from peerinspect.tui.screens.dashboard import Dashboard
from peerinspect.tui.screens.picker import PersonPicker

from .conftest import app_for, journey, settle
from .test_journeys import field, type_into


def enabled(screen) -> set[str]:
    return {b.binding.action for b in screen.active_bindings.values() if b.enabled}


async def administration(pilot, tab: str = "people") -> AdministrationScreen:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AdministrationScreen)
    screen.query_one(TabbedContent).active = f"tab-{tab}"
    await settle(pilot)
    return screen


async def select_row(pilot, screen, tab: str, key: str) -> None:
    table = screen.query_one(f"#table-{tab}", DataTable)
    table.move_cursor(row=table.get_row_index(key))
    table.focus()
    await settle(pilot)


async def press_on(pilot, record_id: str, key: str):
    """From the dashboard: the administration screen's people, this person's row, this key; the form it opens."""
    screen = await administration(pilot)
    await select_row(pilot, screen, "people", record_id)
    await pilot.press(key)
    return screen, pilot.app.screen


def last_action(engine) -> str:
    return engine.workspace.audit_entries()[-1].action


@journey
async def test_an_area_director_adds_a_person(engine):
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        screen = await administration(pilot)
        await pilot.press("n")
        form = pilot.app.screen
        assert isinstance(form, PersonForm)
        await type_into(pilot, form, "name", "Nia New")
        field(form, "role").value = "inspector"
        await type_into(pilot, form, "email", "nia@example.org")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        added = next(p for p in engine.people() if p.name == "Nia New")
        table = screen.query_one("#table-people", DataTable)
        assert table.get_row(added.id) == ["Nia New · inspector", "nia@example.org"]
    assert (added.role.value, added.email) == ("inspector", "nia@example.org")
    assert last_action(engine) == "add person"


@journey
async def test_a_name_is_corrected_and_a_district_manager_moved(engine):
    dee = engine.person("Dee District")
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        screen, form = await press_on(pilot, dee.id, "e")
        assert isinstance(form, PersonForm) and field(form, "name").value == "Dee District"
        field(form, "name").value = "Dee Districtson"
        field(form, "place").value = f"district:{engine.district('Fareham').id}"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
    moved = engine.person(dee.id)
    assert (moved.name, moved.district_id) == ("Dee Districtson", engine.district("Fareham").id)
    assert last_action(engine) == "change person"


@journey
async def test_a_bad_email_address_is_shown_beside_its_field_and_nothing_is_saved(engine):
    before = engine.workspace.audit_entries()
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        _, form = await press_on(pilot, engine.person("Ivy Inspector").id, "e")
        await type_into(pilot, form, "email", "ivy at home")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form
        assert "is not an email address" in str(field(form, "email").query_one(".field-error").render())
    assert engine.workspace.audit_entries() == before


@journey
async def test_someone_who_leaves_is_retired_and_no_picker_offers_them(engine):
    ivy = engine.person("Ivy Inspector")
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        screen, form = await press_on(pilot, ivy.id, "x")
        assert isinstance(form, RetireForm) and field(form, "on").value == "2026-03-10"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert "retire" not in enabled(screen)  # already retired: nothing more to record
    assert str(engine.person(ivy.id).left_on) == "2026-03-10"
    assert last_action(engine) == "retire person"
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        picker = pilot.app.screen
        assert isinstance(picker, PersonPicker)
        offered = [picker.query_one(OptionList).get_option_at_index(i).id for i in range(picker.query_one(OptionList).option_count)]
        assert ivy.id not in offered and len(offered) == 5
    with pytest.raises(Refused, match="Ivy Inspector left on 2026-03-10 and can no longer act"):
        make_app(engine, as_person="Ivy Inspector")


@journey
async def test_a_district_is_added_given_teams_and_closed(engine):
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        screen = await administration(pilot, "districts")
        await pilot.press("n")
        form = pilot.app.screen
        assert isinstance(form, DistrictForm)
        await type_into(pilot, form, "name", "Havant")
        field(form, "area").value = engine.areas()[0].id
        field(form, "teams").value = "Assessment\nChildren in care"
        await pilot.press("ctrl+s")
        await settle(pilot)
        havant = engine.district("Havant")
        assert havant.teams == ("Assessment", "Children in care")
        await select_row(pilot, screen, "districts", havant.id)
        await pilot.press("x")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.query_one("#table-districts", DataTable).get_row(havant.id)[3] == "10 Mar 2026"
    assert last_action(engine) == "close district"
    assert "Havant" not in [c.district.name for c in queries.cycle_plan(engine)]


@journey
async def test_the_settings_are_changed(engine):
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        screen = await administration(pilot, "settings")
        await pilot.press("e")
        form = pilot.app.screen
        assert isinstance(form, SettingsForm) and field(form, "due_soon_days").value == "3"
        field(form, "due_soon_days").value = "7"
        field(form, "calendar_alarm_days").value = "2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = str(screen.query_one("#settings-shown").render())
        assert "within 7 days" in shown and "Calendar reminder: 2 days before" in shown
    assert (engine.settings().due_soon_days, engine.settings().calendar_alarm_days) == (7, 2)


@journey
async def test_a_negative_reminder_is_named_beside_its_field_and_nothing_changes(engine):
    before = engine.settings()
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        await administration(pilot, "settings")
        await pilot.press("e")
        form = pilot.app.screen
        field(form, "calendar_alarm_days").value = "-1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form
        assert "must not be negative" in str(form.query_one("#field-calendar_alarm_days .field-error").render())
    assert engine.settings() == before


@journey
async def test_an_area_manager_changes_their_areas_districts_and_nothing_else(engine):
    async with app_for(engine, "Al Area").run_test(size=(80, 24)) as pilot:
        screen = await administration(pilot, "people")
        await select_row(pilot, screen, "people", engine.person("Ivy Inspector").id)
        assert not {"add", "change", "retire"} & enabled(screen)
        screen.query_one(TabbedContent).active = "tab-districts"
        await select_row(pilot, screen, "districts", engine.district("Fareham").id)
        assert {"change"} == {"add", "change", "retire"} & enabled(screen)
        await pilot.press("e")
        form = pilot.app.screen
        field(form, "teams").value = "Fareham Team\nFostering"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert engine.district("Fareham").teams == ("Fareham Team", "Fostering")


@journey
async def test_those_who_do_not_run_the_authority_are_not_offered_it(engine):
    async with app_for(engine, "Ivy Inspector").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "administer" not in enabled(pilot.app.screen)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Dashboard)


@journey
async def test_areas_of_one_name_left_from_before_are_named_on_the_screen(engine):
    with engine.workspace.index() as tx:
        tx.attribute(at=engine.now(), actor_id=engine.person("Ada Director").id, action="add area")
        tx.put(Area(name=" south"))
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        screen = await administration(pilot, "areas")
        banner = str(screen.query_one("#same-names").render())
        assert "2 areas are called" in banner and "south" in banner.lower() and "rename all but one" in banner


@journey
async def test_two_people_of_one_name_are_told_apart_in_the_picker(engine):
    authority.add_person(engine, "Ivy Inspector", "district manager", district_ref="Eastleigh", as_person="Ada Director")
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        options = pilot.app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    assert {"Ivy Inspector · inspector", "Ivy Inspector · district manager, Eastleigh"} <= set(shown)


@journey
async def test_a_leavers_duties_wait_on_the_leads_dashboard_until_reassigned(engine):
    authority.retire_person(engine, as_person="Ada Director", person="Sam Senior")
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard = pilot.app.screen
        duties = dashboard.query_one("#duties", DataTable)
        assert duties.display and duties.row_count == 6  # three themes each on Eastleigh and Fareham
        assert duties.get_row_at(0)[1] == "Sam Senior (10 Mar)"
        duties.focus()
        await pilot.press("r")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ChoiceDialog)
        choices = dialog.query_one(OptionList)
        ada = engine.person("Ada Director").id
        choices.highlighted = choices.get_option_index(ada)
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is dashboard and duties.row_count == 5
    handed = [s.inspection for s in engine.summaries() if ada in {m.person_id for m in s.inspection.team}]
    assert len(handed) == 1


PEOPLE = ["Ada Director", "Sam Senior", "Ivy Inspector", "Cal Ambassador", "Dee District", "Al Area"]
# What each key on each tab does through the engine, on the row the test selects.
TRIED = {
    ("people", "add"): lambda e, me: authority.add_person(e, "Zed New", "inspector", as_person=me),
    ("people", "change"): lambda e, me: authority.change_person(e, as_person=me, person="Ivy Inspector", name="Ivy I"),
    ("people", "retire"): lambda e, me: authority.retire_person(e, as_person=me, person="Ivy Inspector"),
    ("districts", "add"): lambda e, me: authority.add_district(e, "Havant", "South", as_person=me),
    ("districts", "change"): lambda e, me: authority.change_district(e, as_person=me, district="Fareham", teams=["X"]),
    ("districts", "retire"): lambda e, me: authority.retire_district(e, as_person=me, district="Fareham"),
    ("areas", "add"): lambda e, me: authority.add_area(e, "East", as_person=me),
    ("areas", "change"): lambda e, me: authority.change_area(e, as_person=me, area_ref="South", name="South East"),
    ("settings", "change"): lambda e, me: authority.update_settings(e, {"due_soon_days": 4}, as_person=me),
}
ROWS = {"people": "Ivy Inspector", "districts": "Fareham", "areas": "South"}


@pytest.mark.parametrize("person", PEOPLE)
@journey
async def test_the_administration_screen_offers_exactly_what_the_engine_accepts(engine, tmp_path, person):
    import shutil

    from peerinspect.engine.core import Engine

    def accepted(tab: str, key: str) -> bool:
        copy = tmp_path / f"try-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(engine.root, copy)
        try:
            TRIED[tab, key](Engine.open(copy, clock=engine.clock), engine.person(person).id)
        except Refused:
            return False
        return True

    async with app_for(engine, person).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        opens = "administer" in enabled(pilot.app.screen)
        assert opens == any(accepted(tab, key) for tab, key in TRIED)
        if not opens:
            return
        for tab in ("people", "districts", "areas", "settings"):
            screen = await administration(pilot, tab) if tab == "people" else pilot.app.screen
            screen.query_one(TabbedContent).active = f"tab-{tab}"
            await settle(pilot)
            if tab in ROWS:
                records = {"people": engine.people, "districts": engine.districts, "areas": engine.areas}[tab]()
                await select_row(pilot, screen, tab, next(r.id for r in records if r.name == ROWS[tab]))
            for key in ("add", "change", "retire"):
                offered = key in enabled(screen)
                assert offered == ((tab, key) in TRIED and accepted(tab, key)), (tab, key)


@journey
async def test_the_mail_server_for_reminders_is_set_in_the_settings(engine):
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        screen = await administration(pilot, "settings")
        await pilot.press("e")
        form = pilot.app.screen
        assert field(form, "smtp.port").value == "587" and field(form, "smtp.security").value == "starttls"
        field(form, "smtp.host").value = "mail.test-county.example"
        field(form, "smtp.port").value = "465"
        field(form, "smtp.security").value = "tls"
        field(form, "smtp.sender").value = "reminders@test-county.example"
        field(form, "smtp.user").value = "reminders"
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = str(screen.query_one("#settings-shown").render())
        assert "Reminders by email: through mail.test-county.example:465, tls, from reminders@test-county.example" in shown
    smtp = engine.settings().smtp
    assert (smtp.host, smtp.port, smtp.security.value, smtp.user) == ("mail.test-county.example", 465, "tls", "reminders")
    assert engine.settings().due_soon_days == 3  # the rest kept as it was


@journey
async def test_no_encryption_to_a_server_elsewhere_is_named_beside_its_field_and_nothing_changes(engine):
    before = engine.settings()
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        await administration(pilot, "settings")
        await pilot.press("e")
        form = pilot.app.screen
        field(form, "smtp.host").value = "mail.test-county.example"
        field(form, "smtp.security").value = "none"
        field(form, "smtp.port").value = "twenty-five"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form
        shown = lambda name: str(form.query_one(f"#field-{name.replace('.', '-')} .field-error").render())  # noqa: E731
        assert "should be a whole number" in shown("smtp.port")
        field(form, "smtp.port").value = "25"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form and "unencrypted to mail.test-county.example" in shown("smtp.security")
        assert not form.query_one("#section-Reminders-by-email").collapsed  # unfolded to show it
    assert engine.settings() == before

"""The person picker: typing narrows the list, the arrows and Enter choose, and Escape never quits."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from peerinspect.engine import authority
from peerinspect.tui.app import make_app
from peerinspect.tui.screens.dashboard import Dashboard
from peerinspect.tui.screens.picker import PersonPicker

from .conftest import app_for, journey, settle


def offered(picker: PersonPicker) -> list[str]:
    people = picker.query_one(OptionList)
    return [str(people.get_option_at_index(i).prompt) for i in range(people.option_count)]


def names(picker: PersonPicker) -> list[str]:
    return [label.split(" · ")[0] for label in offered(picker)]


@journey
async def test_typing_narrows_the_list_by_any_part_of_name_role_or_district(engine):
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        picker = pilot.app.screen
        assert len(offered(picker)) == 6
        await pilot.press(*"gos")
        assert names(picker) == ["Dee District"]
        await pilot.press("ctrl+u")  # Input's own "delete to the start"
        await pilot.press(*"MANAGER")
        assert names(picker) == ["Al Area", "Dee District", "Sam Senior"]
        await pilot.press("ctrl+u", *"ivy insp")
        assert names(picker) == ["Ivy Inspector"]


@journey
async def test_people_who_share_a_name_stay_told_apart(engine):
    authority.add_person(engine, "Sam Senior", "district_manager", district_ref="Fareham", as_person="Ada Director")
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        picker = pilot.app.screen
        await pilot.press(*"sam")
        labels = offered(picker)
        assert len(labels) == 2 and len(set(labels)) == 2
        assert any("Fareham" in label for label in labels)


@journey
async def test_arrows_and_enter_choose_without_leaving_what_is_typed(engine):
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        picker = pilot.app.screen
        await pilot.press(*"manager", "down")
        assert picker.query_one(Input).has_focus
        assert picker.query_one(Input).value == "manager"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Dashboard)
        assert pilot.app.screen.session.person.name == "Dee District"


@journey
async def test_when_nobody_matches_it_says_so_and_enter_chooses_nobody(engine):
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        picker = pilot.app.screen
        await pilot.press(*"zebedee", "enter")
        await settle(pilot)
        assert pilot.app.screen is picker
        assert offered(picker) == []
        assert "Nobody matches “zebedee”" in str(picker.query_one("#no-match", Static).render())


@journey
async def test_escape_clears_what_is_typed_and_never_quits(engine):
    async with make_app(engine).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        picker = pilot.app.screen
        await pilot.press(*"ivy", "escape")
        assert picker.query_one(Input).value == ""
        assert len(offered(picker)) == 6
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert pilot.app.is_running and pilot.app.return_code is None
        assert pilot.app.screen is picker
        quit_key = picker.active_bindings["ctrl+q"]
        assert quit_key.binding.show and quit_key.binding.description == "Quit"  # on its own key, in the footer
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert pilot.app.return_code == 0


@journey
async def test_switching_person_escape_returns_to_the_same_dashboard(engine):
    async with app_for(engine, "Ada Director").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard = pilot.app.screen
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PersonPicker)
        await pilot.press(*"al", "escape", "escape")
        await settle(pilot)
        assert pilot.app.screen is dashboard and pilot.app.is_running

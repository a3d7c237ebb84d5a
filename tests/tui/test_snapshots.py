"""What every screen looks like, at 80×24 and 120×40. Accepted after looking at each picture."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, TextArea

from peerinspect.tui.app import make_app

from .conftest import app_for, open_inspection, settle

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
PEOPLE = pytest.mark.parametrize(
    "person",
    ["Ada Director", "Sam Senior", "Ivy Inspector", "Cal Ambassador", "Dee District", "Al Area"],
    ids=["area_director", "senior_manager", "inspector", "care_ambassador", "district_manager", "area_manager"],
)


async def still(pilot) -> None:
    """Workers done and no blinking cursor, so the picture is the same every time."""
    await settle(pilot)
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    await pilot.pause()


def to(district: str | None, *keys: str, then=None):
    """From the dashboard: open this district's inspection (if named), press these keys, then anything else."""

    async def run_before(pilot) -> None:
        if district is None:
            await settle(pilot)
        else:
            await open_inspection(pilot, district)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if then is not None:
            await then(pilot)
        await still(pilot)

    return run_before


def done_action_then(*keys: str):
    """On the action plan: select the action marked done, then press these keys."""

    async def run(pilot) -> None:
        plan = pilot.app.screen
        done = next(a for a in plan.dossier.actions if a.status.value == "done")
        table = plan.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(done.id))
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


class TestPersonPicker:
    @SIZES
    def test_who_are_you(self, snap_compare, engine, size):
        assert snap_compare(make_app(engine), terminal_size=size, run_before=to(None))


class TestDashboard:
    @SIZES
    @PEOPLE
    def test_each_role(self, snap_compare, engine, person, size):
        assert snap_compare(app_for(engine, person), terminal_size=size, run_before=to(None))


class TestInspectionOverview:
    @SIZES
    def test_lead_during_fieldwork(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to("Eastleigh"))


class TestFieldwork:
    @SIZES
    def test_inspector_file_reviews(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ivy Inspector"), terminal_size=size, run_before=to("Eastleigh", "f"))

    @SIZES
    @pytest.mark.parametrize("tabs_on", [1, 2, 3, 4], ids=["observations", "conversations", "performance", "findings"])
    def test_lead_on_each_tab(self, snap_compare, engine, size, tabs_on):
        run = to("Eastleigh", "f", *["right_square_bracket"] * tabs_on)
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=run)


class TestFileReviewForm:
    @SIZES
    def test_new_file_review(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ivy Inspector"), terminal_size=size, run_before=to("Eastleigh", "f", "n"))


class TestObservationForm:
    @SIZES
    def test_new_observation(self, snap_compare, engine, size):
        run = to("Eastleigh", "f", "right_square_bracket", "n")
        assert snap_compare(app_for(engine, "Ivy Inspector"), terminal_size=size, run_before=run)


class TestConversationForm:
    @SIZES
    def test_care_ambassador_with_a_parent(self, snap_compare, engine, size):
        async def parent(pilot) -> None:
            field = pilot.app.screen.query_one("#input-with_group")
            field.value = "parent_or_carer"

        run = to("Eastleigh", "f", "n", then=parent)
        assert snap_compare(app_for(engine, "Cal Ambassador"), terminal_size=size, run_before=run)


class TestIndicatorForm:
    @SIZES
    def test_new_performance_indicator(self, snap_compare, engine, size):
        run = to("Eastleigh", "f", *["right_square_bracket"] * 3, "n")
        assert snap_compare(app_for(engine, "Sam Senior"), terminal_size=size, run_before=run)


class TestFindingForm:
    @SIZES
    def test_new_emerging_finding(self, snap_compare, engine, size):
        run = to("Eastleigh", "f", *["right_square_bracket"] * 4, "n")
        assert snap_compare(app_for(engine, "Sam Senior"), terminal_size=size, run_before=run)


class TestImmediatePlan:
    @SIZES
    def test_concern_waiting_for_its_plan(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to("Eastleigh", "i"))


class TestJudgements:
    @SIZES
    def test_lead_signing_off(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to("Fareham", "j"))

    @SIZES
    def test_feedback_on_the_last_day(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to("Eastleigh", "j", "g"))


class TestReport:
    @SIZES
    def test_draft_report(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to("Fareham", "r"))


class TestActionPlan:
    @SIZES
    def test_district_manager_writing_the_plan(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Dee District"), terminal_size=size, run_before=to("Gosport", "a"))

    @SIZES
    def test_area_manager_submitted_plan(self, snap_compare, submitted_engine, size):
        run = to("Gosport", "a", then=done_action_then())
        assert snap_compare(app_for(submitted_engine, "Al Area"), terminal_size=size, run_before=run)


class TestActionDialog:
    @SIZES
    def test_new_action(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Dee District"), terminal_size=size, run_before=to("Gosport", "a", "n"))


async def in_a_fixed_folder(pilot) -> None:
    # The folder a person's machine would offer differs from run to run: one that does not, for the picture.
    pilot.app.screen.query_one("#folder", Input).value = "/home/dee/Documents"
    await settle(pilot)


class TestSaveOutputDialog:
    @SIZES
    def test_save_the_action_plan(self, snap_compare, engine, size):
        run = to("Gosport", "a", "w", then=in_a_fixed_folder)
        assert snap_compare(app_for(engine, "Dee District"), terminal_size=size, run_before=run)


class TestAdvanceDialog:
    @SIZES
    def test_next_step_of_the_inspection(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to("Fareham", "n"))


class TestCyclePlan:
    @SIZES
    def test_area_director(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to(None, "c"))


class TestPlanning:
    @SIZES
    def test_new_inspection(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to(None, "p"))


class TestHistory:
    @SIZES
    def test_a_file_review(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ivy Inspector"), terminal_size=size, run_before=to("Eastleigh", "f", "h"))


class TestHelp:
    @SIZES
    def test_on_the_dashboard(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to(None, "f1"))


class TestConfirm:
    @SIZES
    def test_verify_an_action(self, snap_compare, submitted_engine, size):
        run = to("Gosport", "a", then=done_action_then("v"))
        assert snap_compare(app_for(submitted_engine, "Al Area"), terminal_size=size, run_before=run)


class TestTextDialog:
    @SIZES
    def test_send_an_action_back(self, snap_compare, submitted_engine, size):
        run = to("Gosport", "a", then=done_action_then("b"))
        assert snap_compare(app_for(submitted_engine, "Al Area"), terminal_size=size, run_before=run)


class TestAdministration:
    @SIZES
    def test_people(self, snap_compare, engine, size):
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to(None, "a"))

    @SIZES
    def test_districts_for_the_area_manager(self, snap_compare, engine, size):
        run = to(None, "a", "right_square_bracket")
        assert snap_compare(app_for(engine, "Al Area"), terminal_size=size, run_before=run)

    @SIZES
    def test_changing_a_district_manager(self, snap_compare, engine, size):
        async def dee(pilot) -> None:
            table = pilot.app.screen.query_one("#table-people", DataTable)
            table.move_cursor(row=table.get_row_index(pilot.app.engine.person("Dee District").id))
            await settle(pilot)
            await pilot.press("e")

        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to(None, "a", then=dee))

    @SIZES
    def test_a_leavers_duties_on_the_dashboard(self, snap_compare, engine, size):
        from peerinspect.engine import authority

        authority.retire_person(engine, as_person="Ada Director", person="Sam Senior")
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to(None))


class TestSigningIn:
    @staticmethod
    def requiring_sign_in(engine):
        from peerinspect.engine import accounts, authority

        accounts.set_password(engine, as_person="Ada Director", person="Ada Director", password="violet-harbour-lantern")
        authority.update_settings(engine, {"sign_in_required": True}, as_person="Ada Director")
        return make_app(engine)

    @SIZES
    def test_a_refused_sign_in(self, snap_compare, engine, size):
        async def wrong(pilot) -> None:
            await settle(pilot)
            pilot.app.screen.query_one("#sign-in-name", Input).value = "Ada Director"
            pilot.app.screen.query_one("#sign-in-password", Input).value = "not her password"
            await pilot.press("enter")
            await still(pilot)

        assert snap_compare(self.requiring_sign_in(engine), terminal_size=size, run_before=wrong)

    @SIZES
    def test_choosing_ones_own_password_at_first_sign_in(self, snap_compare, engine, size):
        async def first(pilot) -> None:
            await settle(pilot)
            pilot.app.screen.query_one("#sign-in-name", Input).value = "Ada Director"
            pilot.app.screen.query_one("#sign-in-password", Input).value = "violet-harbour-lantern"
            await pilot.press("enter")
            await still(pilot)

        assert snap_compare(self.requiring_sign_in(engine), terminal_size=size, run_before=first)

    @SIZES
    def test_giving_a_first_password(self, snap_compare, engine, size):
        async def ivy(pilot) -> None:
            table = pilot.app.screen.query_one("#table-people", DataTable)
            table.move_cursor(row=table.get_row_index(pilot.app.engine.person("Ivy Inspector").id))
            await settle(pilot)
            await pilot.press("p")

        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=to(None, "a", then=ivy))

    @SIZES
    def test_the_settings_with_sign_in(self, snap_compare, engine, size):
        run = to(None, "a", *["right_square_bracket"] * 3, "e")
        assert snap_compare(app_for(engine, "Ada Director"), terminal_size=size, run_before=run)

"""Running the authority: people, districts and areas added, changed and retired, each with its audit entry,
refused with the reason where the rulebook says no; names that mean one thing."""

from __future__ import annotations

from datetime import date

import pytest

from peerinspect.domain.authority import Area
from peerinspect.domain.errors import InvalidInput, Refused
from peerinspect.engine import authority, evidence, queries, workflow
from peerinspect.engine.access import SETUP_ACTOR

from .conftest import NOW, fingerprint, open_engine


def last_action(engine) -> str:
    return engine.workspace.audit_entries()[-1].action


@pytest.fixture
def set_up(templates, tmp_path):
    """The walked workspace before anything was planned: two areas, two districts, everyone in place."""
    root = templates.copy("planned", tmp_path)
    return open_engine(root), templates.cast, root


class TestPeople:
    def test_a_name_is_corrected_an_email_added_and_a_district_manager_moved(self, set_up):
        engine, cast, _ = set_up
        changed = authority.change_person(engine, as_person=cast["lead"], person=cast["district_manager"],
                                          name="Dana Districtson", district_ref="Andover", email="dana@example.org")
        assert (changed.name, changed.email) == ("Dana Districtson", "dana@example.org")
        assert changed.district_id == engine.district("Andover").id
        assert last_action(engine) == "change person"

    def test_a_bad_email_address_is_refused_by_field_and_changes_nothing(self, set_up):
        engine, cast, root = set_up
        before = fingerprint(root)
        with pytest.raises(InvalidInput, match="email: 'dana at home' is not an email address"):
            authority.change_person(engine, as_person=cast["lead"], person=cast["district_manager"], email="dana at home")
        assert fingerprint(root) == before

    def test_a_district_manager_needs_a_district(self, set_up):
        engine, cast, _ = set_up
        with pytest.raises(InvalidInput, match="a district manager needs the district they manage"):
            authority.change_person(engine, as_person=cast["lead"], person=cast["inspector"], role="district manager")

    @pytest.mark.parametrize("who", ["inspector", "district_manager", "area_manager"])
    def test_only_area_directors_add_change_and_retire_people(self, set_up, who):
        engine, cast, root = set_up
        before = fingerprint(root)
        with pytest.raises(Refused, match="only area directors may add people"):
            authority.add_person(engine, "New Person", "inspector", as_person=cast[who])
        with pytest.raises(Refused, match="only area directors may change people's details and roles"):
            authority.change_person(engine, as_person=cast[who], person=cast["inspector"], name="Ivy I")
        with pytest.raises(Refused, match="only area directors may record that someone has left"):
            authority.retire_person(engine, as_person=cast[who], person=cast["inspector"])
        assert fingerprint(root) == before

    def test_the_last_area_director_can_neither_leave_nor_change_role(self, set_up):
        engine, cast, _ = set_up
        authority.retire_person(engine, as_person=cast["lead"], person=cast["other_director"])
        with pytest.raises(InvalidInput, match="Alex Director is the last area director"):
            authority.retire_person(engine, as_person=cast["lead"], person=cast["lead"])
        with pytest.raises(InvalidInput, match="role: Alex Director is the last area director"):
            authority.change_person(engine, as_person=cast["lead"], person=cast["lead"], role="senior manager")

    def test_two_people_of_one_name_are_told_apart(self, set_up):
        engine, cast, _ = set_up
        twin = authority.add_person(engine, "Ivy Inspector", "district manager", district_ref="Andover",
                                    as_person=cast["lead"])
        labels = authority.person_labels(engine)
        assert labels[cast["inspector"]] == "Ivy Inspector · inspector"
        assert labels[twin.id] == "Ivy Inspector · district manager, Andover"
        with pytest.raises(Exception, match=r"Ivy Inspector, inspector \(.{8}\), Ivy Inspector, district manager"):
            engine.person("Ivy Inspector")


class TestLeaving:
    def test_someone_who_has_left_is_refused_every_act_and_said_to_have_left(self, templates, tmp_path):
        root = templates.copy("fieldwork", tmp_path)
        engine, cast = open_engine(root), templates.cast
        authority.retire_person(engine, as_person=cast["lead"], person=cast["inspector"], on="2026-03-10")
        assert last_action(engine) == "retire person"
        left = "Ivy Inspector left on 2026-03-10 and can no longer act"
        before = fingerprint(root)
        with pytest.raises(Refused, match=left):
            evidence.add_evidence(engine, as_person=cast["inspector"], inspection=cast.inspection, kind="conversation",
                                  fields={"with_group": "worker", "notes": "Talked"})
        with pytest.raises(Refused, match=left):
            evidence.dossier_for(engine, as_person=cast["inspector"], inspection=cast.inspection)
        with pytest.raises(Refused, match=left):
            workflow.raise_concern(engine, as_person=cast["inspector"], inspection=cast.inspection, description="x")
        assert fingerprint(root) == before
        assert queries.inspections_for(engine, engine.person(cast["inspector"])) == []
        assert cast["inspector"] not in {p.id for p in authority.people_now(engine)}

    def test_a_leaving_date_to_come_leaves_them_acting_until_then(self, set_up):
        engine, cast, _ = set_up
        authority.retire_person(engine, as_person=cast["lead"], person=cast["other_director"], on="2026-03-31")
        authority.add_person(engine, "Still Here", "inspector", as_person=cast["other_director"])
        assert cast["other_director"] in {p.id for p in authority.people_now(engine)}

    def test_someone_who_has_left_joins_no_new_team(self, set_up):
        engine, cast, _ = set_up
        from peerinspect.engine import planning

        authority.retire_person(engine, as_person=cast["lead"], person=cast["inspector"], on="2026-03-10")
        with pytest.raises(InvalidInput, match="Ivy Inspector is retired from 2026-03-10, before this inspection"):
            planning.plan_inspection(engine, as_person=cast["lead"], district="Andover", framework_id=None,
                                     fieldwork_start="2026-06-08", fieldwork_end="2026-06-11", lead=cast["lead"],
                                     team=[(cast["inspector"], "inspector")])

    def test_retiring_twice_is_refused(self, set_up):
        engine, cast, _ = set_up
        authority.retire_person(engine, as_person=cast["lead"], person=cast["inspector"], on="2026-03-10")
        with pytest.raises(InvalidInput, match="Ivy Inspector already left on 2026-03-10"):
            authority.retire_person(engine, as_person=cast["lead"], person=cast["inspector"])


class TestDistricts:
    def test_a_closed_district_leaves_the_cycle_plan_and_keeps_its_history(self, templates, tmp_path):
        root = templates.copy("closed", tmp_path)
        engine, cast = open_engine(root), templates.cast
        authority.retire_district(engine, as_person=cast["lead"], district="Basingstoke", on=NOW.date())
        assert last_action(engine) == "close district"
        assert [c.district.name for c in queries.cycle_plan(engine)] == ["Andover"]
        assert [s.id for s in engine.summaries()] == [cast.inspection]

    def test_a_district_with_an_inspection_still_to_start_is_not_closed(self, templates, tmp_path):
        root = templates.copy("planned", tmp_path)
        engine, cast = open_engine(root), templates.cast
        with pytest.raises(InvalidInput, match="Basingstoke has an inspection planned to start on .*: cancel it first"):
            authority.retire_district(engine, as_person=cast["lead"], district="Basingstoke")

    def test_an_area_manager_changes_the_teams_of_their_own_areas_districts_only(self, set_up):
        engine, cast, root = set_up
        changed = authority.change_district(engine, as_person=cast["area_manager"], district="Andover",
                                            teams=["Assessment", "Fostering"])
        assert changed.teams == ("Assessment", "Fostering")
        assert last_action(engine) == "change district"
        before = fingerprint(root)
        own_area = "is an area manager: area managers change only the districts of the area they oversee"
        with pytest.raises(Refused, match=f"Sky South {own_area}"):
            authority.change_district(engine, as_person=cast["other_area_manager"], district="Andover", teams=[])
        with pytest.raises(Refused, match=f"Avery Area {own_area}"):  # moving it out of their area
            authority.change_district(engine, as_person=cast["area_manager"], district="Andover", area_ref="South")
        with pytest.raises(Refused, match="only area directors may add districts"):
            authority.add_district(engine, "Alton", "North", as_person=cast["area_manager"])
        with pytest.raises(Refused, match="only area directors may close districts"):
            authority.retire_district(engine, as_person=cast["area_manager"], district="Andover")
        assert fingerprint(root) == before


class TestNames:
    def test_a_district_or_area_of_a_name_already_taken_is_refused_naming_the_other(self, set_up):
        engine, cast, root = set_up
        before = fingerprint(root)
        with pytest.raises(InvalidInput, match=r"there is already a district called 'Basingstoke' \(.{8}\)"):
            authority.add_district(engine, "  basingSTOKE ", "North", as_person=cast["lead"])
        with pytest.raises(InvalidInput, match=r"there is already an area called 'South'"):
            authority.change_area(engine, as_person=cast["lead"], area_ref="North", name="south")
        assert fingerprint(root) == before

    def test_a_district_added_in_an_area_of_that_name_joins_it(self, set_up):
        engine, cast, _ = set_up
        district = authority.add_district(engine, "Alton", " NORTH ", as_person=cast["lead"])
        assert district.area_id == authority.area(engine, "North").id
        assert [a.name for a in engine.areas()] == ["North", "South"]

    def test_a_workspace_that_already_holds_two_areas_of_one_name_opens_and_says_so(self, set_up):
        engine, cast, root = set_up
        with engine.workspace.index() as tx:
            tx.attribute(at=NOW, actor_id=SETUP_ACTOR, action="add area")
            tx.put(Area(name="north"))
        reopened = open_engine(root)
        assert len(reopened.areas()) == 3
        assert authority.same_names(reopened) == [
            f"2 areas are called 'North' ({', '.join(a.id[:8] for a in reopened.areas() if a.name.lower() == 'north')}): "
            "rename all but one"
        ]
        with pytest.raises(InvalidInput, match="2 areas are called 'North'"):
            authority.add_district(reopened, "Alton", "North", as_person=cast["lead"])


def test_the_settings_change_with_their_audit_entry(set_up):
    engine, cast, _ = set_up
    settings = authority.update_settings(engine, {"cycle_start": date(2026, 4, 1)}, as_person=cast["lead"])
    assert settings.cycle_start == date(2026, 4, 1)
    assert last_action(engine) == "change settings"
    with pytest.raises(Refused, match="only area directors may change the settings"):
        authority.update_settings(engine, {"due_soon_days": 2}, as_person=cast["area_manager"])

from datetime import date

import pytest
from attrs import evolve

from peerinspect.domain.actions import Action
from peerinspect.domain.authority import Area, District, Person
from peerinspect.domain.errors import Refused
from peerinspect.domain.evidence import Conversation, FileReview
from peerinspect.domain.inspection import Inspection, Stage, TeamMember
from peerinspect.domain.findings import Judgement
from peerinspect.domain.lifecycle import EVENTS, event_named
from peerinspect.domain.permissions import (
    ADMINISTRATION_ACTS, Act, Party, decide, involvement, parties, require, visible_evidence,
)
from peerinspect.domain.safeguarding import ImmediatePlan, SafeguardingConcern
from peerinspect.domain.vocabulary import ActionStatus, JudgementStatus, AgeBand, ConversationGroup, LegalStatus, Role, TeamRole

NORTH, SOUTH = Area(name="North"), Area(name="South")
INSPECTED = District(name="Basingstoke", area_id=NORTH.id)
NEIGHBOUR = District(name="Andover", area_id=NORTH.id)

PEOPLE = {
    "lead": Person(name="Lee Lead", role=Role.AREA_DIRECTOR, area_id=SOUTH.id),
    "theme_lead": Person(name="Tara Theme", role=Role.SENIOR_MANAGER),
    "other_theme_lead": Person(name="Lena Leader", role=Role.SENIOR_MANAGER),
    "inspector": Person(name="Ian Inspector", role=Role.INSPECTOR),
    "ambassador": Person(name="Ana Patel", role=Role.CARE_AMBASSADOR),
    "district_manager": Person(name="Dee District", role=Role.DISTRICT_MANAGER, district_id=INSPECTED.id),
    "other_district_manager": Person(name="Dan Other", role=Role.DISTRICT_MANAGER, district_id=NEIGHBOUR.id),
    "area_manager": Person(name="Amir Area", role=Role.AREA_MANAGER, area_id=NORTH.id),
    "other_area_manager": Person(name="Alia South", role=Role.AREA_MANAGER, area_id=SOUTH.id),
    "outsider": Person(name="Olu Outside", role=Role.INSPECTOR),
    "director": Person(name="Ada Director", role=Role.AREA_DIRECTOR),
}
ID = {key: person.id for key, person in PEOPLE.items()}

INSPECTION = Inspection(
    district_id=INSPECTED.id, framework_id="sif", lead_id=ID["lead"],
    fieldwork_start=date(2025, 5, 12), fieldwork_end=date(2025, 5, 16), stage=Stage.REPORT_ISSUED,
    team=(
        TeamMember(person_id=ID["theme_lead"], role=TeamRole.THEME_LEAD, theme_id="help"),
        TeamMember(person_id=ID["other_theme_lead"], role=TeamRole.THEME_LEAD, theme_id="leadership"),
        TeamMember(person_id=ID["inspector"], role=TeamRole.INSPECTOR),
        TeamMember(person_id=ID["ambassador"], role=TeamRole.CARE_AMBASSADOR),
    ),
)
BEFORE_ISSUE = evolve(INSPECTION, stage=Stage.REPORT_DRAFTED)

EVERYONE = set(PEOPLE)
TEAM = {"lead", "theme_lead", "other_theme_lead", "inspector", "ambassador"}
MANAGERS = {"district_manager", "area_manager"}
REVIEWERS = {"lead", "theme_lead", "other_theme_lead", "inspector"}

# Who may take each act at a stage where it is open, asked about a conversation the person records
# themselves in the theme 'help'.
MAY = {
    Act.PLAN_INSPECTION: {"lead", "director"},
    **{act: {"lead", "director"} for act in (
        Act.ADD_AREA, Act.CHANGE_AREA, Act.ADD_DISTRICT, Act.RETIRE_DISTRICT, Act.ADD_PERSON, Act.CHANGE_PERSON,
        Act.RETIRE_PERSON, Act.CHANGE_SETTINGS, Act.SET_PASSWORD,
    )},
    # Asked about the inspected district, in the area manager's own area.
    Act.CHANGE_DISTRICT: {"lead", "director", "area_manager"},
    Act.VERIFY_WORKSPACE: {"lead", "director"},
    # Everyone's digest, emailed to each: those who run the authority send it.
    Act.SEND_REMINDERS: {"lead", "director"},
    Act.READ_SUMMARY: EVERYONE,
    # Everyone signs in with their own password and may change it.
    Act.SIGN_IN: EVERYONE,
    Act.CHANGE_OWN_PASSWORD: EVERYONE,
    Act.READ_INSPECTION: TEAM | MANAGERS,
    Act.READ_EVIDENCE: REVIEWERS,
    Act.READ_CASE_DETAILS: REVIEWERS,
    Act.ADD_EVIDENCE: TEAM,
    Act.EDIT_EVIDENCE: TEAM,
    Act.RECORD_FINDING: {"lead", "theme_lead"},
    Act.PROPOSE_JUDGEMENT: {"lead", "theme_lead"},
    Act.SIGN_OFF_JUDGEMENT: {"lead"},
    Act.RAISE_CONCERN: TEAM,
    Act.MAKE_IMMEDIATE_PLAN: {"lead"},
    Act.AMEND_IMMEDIATE_PLAN: {"lead"},
    Act.WRITE_RECOMMENDATION: {"lead"},
    Act.READ_DRAFT_REPORT: {"lead", "theme_lead", "other_theme_lead"},
    Act.READ_ISSUED_REPORT: TEAM | MANAGERS,
    Act.REISSUE_REPORT: {"lead"},
    Act.WRITE_ACTION_PLAN: MANAGERS,
    Act.RECORD_PROGRESS: MANAGERS,
    Act.MARK_ACTION_DONE: MANAGERS,
    Act.APPROVE_ACTION_PLAN: {"area_manager"},
    Act.VERIFY_ACTION: {"area_manager"},
    Act.SEND_ACTION_BACK: {"area_manager"},
    Act.READ_AUDIT: {"lead", "area_manager"},
    Act.EXPORT_CASE_REFS: {"lead"},
    Act.READ_CYCLE_PLAN: {"lead", "director", "area_manager", "other_area_manager"},
    Act.CHANGE_PLAN: {"lead"},
    Act.ADD_TO_TEAM: {"lead"},
    Act.CANCEL_INSPECTION: {"lead"},
    Act.REASSIGN_THEME_LEAD: {"lead"},
    Act.CHECK_OUT_FIELD_COPY: TEAM,
    Act.RETURN_FIELD_COPY: TEAM,
    Act.RESOLVE_CONFLICT: TEAM,
}
AUTHORITY_WIDE = {**{act: "area directors" for act in ADMINISTRATION_ACTS}, Act.PLAN_INSPECTION: "area directors",
                  Act.VERIFY_WORKSPACE: "area directors", Act.SEND_REMINDERS: "area directors",
                  Act.CHANGE_DISTRICT: "area directors and area managers",
                  Act.READ_CYCLE_PLAN: "area directors and area managers"}

# When: the acts that close once the report is issued, and those that open then.
UNTIL_ISSUED = {Act.ADD_EVIDENCE, Act.RECORD_FINDING, Act.PROPOSE_JUDGEMENT, Act.SIGN_OFF_JUDGEMENT, Act.WRITE_RECOMMENDATION,
                Act.ADD_TO_TEAM, Act.CANCEL_INSPECTION, Act.REASSIGN_THEME_LEAD, Act.CHECK_OUT_FIELD_COPY}
FROM_ISSUED = {Act.READ_ISSUED_REPORT, Act.REISSUE_REPORT, Act.WRITE_ACTION_PLAN, Act.RECORD_PROGRESS, Act.MARK_ACTION_DONE,
               Act.VERIFY_ACTION, Act.SEND_ACTION_BACK}


def open_for(act: Act) -> Inspection:
    if act is Act.CHANGE_PLAN:
        return evolve(INSPECTION, stage=Stage.NOTIFIED)
    return BEFORE_ISSUE if act in UNTIL_ISSUED else INSPECTION

# How a refusal names the person's part in the inspection.
NAMED_AS = {
    "lead": "Lee Lead leads this inspection",
    "theme_lead": "Tara Theme is a theme lead on this inspection",
    "other_theme_lead": "Lena Leader is a theme lead on this inspection",
    "inspector": "Ian Inspector is an inspector on this inspection",
    "ambassador": "Ana Patel is a care ambassador on this inspection",
    "district_manager": "Dee District is the district manager of the inspected district",
    "other_district_manager": "Dan Other is district manager of another district",
    "area_manager": "Amir Area is the area manager of the inspected district",
    "other_area_manager": "Alia South is area manager of another area",
    "outsider": "Olu Outside, an inspector, is not on this inspection's team",
    "director": "Ada Director, an area director, is not on this inspection's team",
}


def ask(who: str, act: Act, inspection: Inspection | None = None, **details) -> str | None:
    """Asked at a stage where the act is open, unless another inspection is given."""
    details = {"theme_id": "help", "evidence_kind": "conversation", **details}
    return decide(PEOPLE[who], act, inspection or open_for(act), INSPECTED, **details)


def test_the_table_covers_every_act_but_advance():
    assert set(MAY) == set(Act) - {Act.ADVANCE}


@pytest.mark.parametrize("act", list(MAY))
@pytest.mark.parametrize("who", list(PEOPLE))
def test_every_act_for_every_person(act, who):
    reason = ask(who, act, open_for(act))
    if who in MAY[act]:
        assert reason is None
    elif act is Act.CHANGE_DISTRICT and who == "other_area_manager":
        assert reason == "Alia South is an area manager: area managers change only the districts of the area they oversee"
    elif act in AUTHORITY_WIDE:
        person = PEOPLE[who]
        assert reason.startswith(f"{person.name} is a") and f" {person.role.label}: only {AUTHORITY_WIDE[act]} may" in reason
    else:
        assert reason is not None and reason.startswith(NAMED_AS[who]), reason


@pytest.mark.parametrize("stage", list(Stage))
@pytest.mark.parametrize("act", sorted(UNTIL_ISSUED | FROM_ISSUED))
def test_when_each_act_is_open_to_those_who_may_take_it(act, stage):
    inspection = evolve(INSPECTION, stage=stage)
    issued = stage.order >= Stage.REPORT_ISSUED.order
    open_now = (not issued) if act in UNTIL_ISSUED else issued
    if act is Act.WRITE_ACTION_PLAN and stage is Stage.CLOSED:
        open_now = False
    for who in MAY[act]:
        reason = ask(who, act, inspection)
        assert (reason is None) == open_now, (who, reason)
        if not open_now:
            assert not reason.startswith(NAMED_AS[who]), "the stage, not the person, is the reason"


def test_after_the_report_is_issued_the_lead_is_told_conclusions_are_closed():
    assert ask("lead", Act.PROPOSE_JUDGEMENT, INSPECTION) == (
        "The report has been issued: findings, judgements and recommendations can no longer change"
    )
    assert ask("inspector", Act.ADD_EVIDENCE, INSPECTION) == "The report has been issued: new evidence can no longer be added to this inspection"


def test_someone_with_no_part_is_told_so_whatever_the_stage():
    assert ask("inspector", Act.WRITE_RECOMMENDATION, BEFORE_ISSUE).startswith(NAMED_AS["inspector"])
    assert ask("inspector", Act.WRITE_RECOMMENDATION, INSPECTION).startswith(NAMED_AS["inspector"])


@pytest.mark.parametrize("status, open_steps", [
    (ActionStatus.NOT_STARTED, {Act.WRITE_ACTION_PLAN, Act.RECORD_PROGRESS, Act.MARK_ACTION_DONE}),
    (ActionStatus.IN_PROGRESS, {Act.WRITE_ACTION_PLAN, Act.RECORD_PROGRESS, Act.MARK_ACTION_DONE}),
    (ActionStatus.DONE, {Act.WRITE_ACTION_PLAN, Act.RECORD_PROGRESS, Act.VERIFY_ACTION, Act.SEND_ACTION_BACK}),
    (ActionStatus.VERIFIED, set()),
])
def test_an_actions_status_decides_its_next_steps(status, open_steps):
    action = Action(inspection_id=INSPECTION.id, recommendation_id="r", what="Audit supervision", status=status)
    steps = {Act.WRITE_ACTION_PLAN, Act.RECORD_PROGRESS, Act.MARK_ACTION_DONE, Act.VERIFY_ACTION, Act.SEND_ACTION_BACK}
    offered = {act for act in steps if ask("area_manager", act, action=action) is None}
    assert offered == open_steps
    if status is ActionStatus.VERIFIED:
        assert ask("area_manager", Act.VERIFY_ACTION, action=action) == (
            "Action 'Audit supervision' is verified: only an action marked done can be verified"
        )


def test_a_step_is_open_only_at_the_stage_it_follows():
    assert ask("lead", Act.ADVANCE, BEFORE_ISSUE, event="issue_report") is None
    assert ask("lead", Act.ADVANCE, BEFORE_ISSUE, event="notify") == (
        "The district cannot be notified now: this inspection is at 'report drafted'; next steps: issue the report"
    )


def test_a_judgement_is_signed_off_once():
    proposed = Judgement(inspection_id=INSPECTION.id, theme_id="help", grade="good", reasons="Plans are SMART",
                         author_id=ID["theme_lead"])
    assert ask("lead", Act.SIGN_OFF_JUDGEMENT, judgement=proposed) is None
    signed = evolve(proposed, status=JudgementStatus.SIGNED_OFF, signed_off_by=ID["lead"])
    assert ask("lead", Act.SIGN_OFF_JUDGEMENT, judgement=signed).startswith("This judgement is already signed off")


def test_an_immediate_plan_is_made_once():
    concern = SafeguardingConcern(inspection_id=INSPECTION.id, raised_by=ID["inspector"], raised_on=date(2025, 5, 13),
                                  description="Child left alone")
    assert ask("lead", Act.MAKE_IMMEDIATE_PLAN, concern=concern) is None
    planned = evolve(concern, plan=ImmediatePlan(owner_id=ID["lead"], first_action="Visit", made_on=date(2025, 5, 13),
                                                 made_by=ID["lead"]))
    assert ask("lead", Act.MAKE_IMMEDIATE_PLAN, concern=planned) == (
        "The concern raised on 2025-05-13 already has its immediate plan: "
        "change it by an amendment with a reason, which keeps the plan's first date"
    )
    assert ask("lead", Act.AMEND_IMMEDIATE_PLAN, concern=planned) is None
    assert ask("lead", Act.AMEND_IMMEDIATE_PLAN, concern=concern) == (
        "The concern raised on 2025-05-13 has no immediate plan to amend: make the plan first"
    )


def test_anyone_may_see_an_inspection_in_the_cycle_plan_without_the_inspection_itself():
    assert decide(PEOPLE["outsider"], Act.READ_SUMMARY) is None
    assert decide(PEOPLE["director"], Act.PLAN_INSPECTION) is None
    assert decide(PEOPLE["area_manager"], Act.READ_CYCLE_PLAN) is None
    assert decide(PEOPLE["inspector"], Act.ADD_PERSON) == "Ian Inspector is an inspector: only area directors may add people"


def test_an_outsider_is_told_only_the_cycle_plan_is_open_to_them():
    assert ask("outsider", Act.READ_INSPECTION) == (
        "Olu Outside, an inspector, is not on this inspection's team: only its place in the cycle plan is open to them"
    )


class TestThemeLead:
    def test_writes_findings_and_judgements_for_their_own_theme_only(self):
        assert ask("theme_lead", Act.RECORD_FINDING, theme_id="help") is None
        assert ask("theme_lead", Act.PROPOSE_JUDGEMENT, theme_id="help") is None
        for act in (Act.RECORD_FINDING, Act.PROPOSE_JUDGEMENT):
            assert ask("theme_lead", act, theme_id="leadership") == (
                "Tara Theme is a theme lead on this inspection: "
                "theme leads write findings and judgements for the themes they lead only"
            )

    def test_edits_their_own_evidence_and_any_evidence_in_their_theme(self):
        other = ID["inspector"]
        assert ask("theme_lead", Act.EDIT_EVIDENCE, author_id=ID["theme_lead"], theme_id="leadership") is None
        assert ask("theme_lead", Act.EDIT_EVIDENCE, author_id=other, theme_id="help", evidence_kind="file_review") is None
        assert ask("theme_lead", Act.EDIT_EVIDENCE, author_id=other, theme_id="leadership") == (
            "Tara Theme is a theme lead on this inspection: "
            "theme leads change only their own evidence and the evidence in the themes they lead"
        )
        assert ask("theme_lead", Act.EDIT_EVIDENCE, author_id=other, theme_id=None) is not None

    def test_may_not_sign_off_a_judgement(self):
        assert "the lead signs off judgements" in ask("theme_lead", Act.SIGN_OFF_JUDGEMENT)


class TestInspector:
    def test_edits_their_own_evidence_of_any_kind_but_not_another_persons(self):
        for kind in ("file_review", "observation", "conversation", "indicator"):
            assert ask("inspector", Act.ADD_EVIDENCE, evidence_kind=kind) is None
            assert ask("inspector", Act.EDIT_EVIDENCE, author_id=ID["inspector"], evidence_kind=kind) is None
        assert ask("inspector", Act.EDIT_EVIDENCE, author_id=ID["theme_lead"], evidence_kind="file_review") == (
            "Ian Inspector is an inspector on this inspection: inspectors change only the evidence they recorded themselves"
        )

    def test_may_not_record_findings(self):
        reason = ask("inspector", Act.RECORD_FINDING)
        assert reason.startswith("Ian Inspector is an inspector on this inspection: inspectors review files")


class TestCareAmbassador:
    def test_records_conversations_not_file_reviews(self):
        assert ask("ambassador", Act.ADD_EVIDENCE, evidence_kind="conversation") is None
        assert ask("ambassador", Act.ADD_EVIDENCE, evidence_kind="file_review") == (
            "Ana Patel is a care ambassador on this inspection: care ambassadors record conversations, not file reviews"
        )
        assert "not observations" in ask("ambassador", Act.ADD_EVIDENCE, evidence_kind="observation")

    def test_edits_only_their_own_conversations(self):
        assert ask("ambassador", Act.EDIT_EVIDENCE, author_id=ID["ambassador"]) is None
        assert ask("ambassador", Act.EDIT_EVIDENCE, author_id=ID["inspector"]) == (
            "Ana Patel is a care ambassador on this inspection: "
            "care ambassadors change only the evidence they recorded themselves"
        )
        assert "not file reviews" in ask(
            "ambassador", Act.EDIT_EVIDENCE, author_id=ID["ambassador"], evidence_kind="file_review"
        )

    def test_sees_no_case_details_nor_other_peoples_notes_nor_drafts(self):
        for act in (Act.READ_EVIDENCE, Act.READ_CASE_DETAILS, Act.READ_DRAFT_REPORT, Act.EXPORT_CASE_REFS):
            assert ask("ambassador", act).startswith("Ana Patel is a care ambassador on this inspection: care ambassadors")


class TestDistrictManager:
    @pytest.mark.parametrize("act", [Act.READ_ISSUED_REPORT, Act.RECORD_PROGRESS])
    def test_works_on_the_report_and_plan_only_once_the_report_is_issued(self, act):
        assert ask("district_manager", act, BEFORE_ISSUE) == "The report has not been issued yet"
        assert ask("district_manager", Act.WRITE_ACTION_PLAN, BEFORE_ISSUE) == (
            "The action plan starts when the report is issued to the district"
        )
        assert ask("district_manager", act, INSPECTION) is None

    def test_sees_no_evidence(self):
        assert "the inspection's evidence is not open to them" in ask("district_manager", Act.READ_EVIDENCE)

    def test_a_manager_of_another_district_may_not_see_the_report(self):
        assert ask("other_district_manager", Act.READ_ISSUED_REPORT).startswith(
            "Dan Other is district manager of another district"
        )


class TestAreaManager:
    def test_oversees_the_plan_in_every_district_of_their_area(self):
        for act in (Act.WRITE_ACTION_PLAN, Act.RECORD_PROGRESS, Act.APPROVE_ACTION_PLAN, Act.VERIFY_ACTION):
            assert ask("area_manager", act) is None
            assert ask("other_area_manager", act).startswith("Alia South is area manager of another area")

    def test_needs_the_inspected_district_to_decide(self):
        with pytest.raises(ValueError):
            decide(PEOPLE["area_manager"], Act.VERIFY_ACTION, INSPECTION)


# Who takes each lifecycle step.
TAKES = {
    "notify": {"lead"},
    "start_fieldwork": {"lead"},
    "give_feedback": {"lead"},
    "draft_report": {"lead"},
    "issue_report": {"lead"},
    "submit_action_plan": {"district_manager", "area_manager"},
    "approve_action_plan": {"area_manager"},
    "return_action_plan": {"area_manager"},
    "start_monitoring": {"lead", "area_manager"},
    "close": {"lead", "area_manager"},
}


@pytest.mark.parametrize("event", list(TAKES))
@pytest.mark.parametrize("who", list(PEOPLE))
def test_who_takes_each_lifecycle_step(event, who):
    at_its_stage = evolve(INSPECTION, stage=event_named(event).source)
    reason = ask(who, Act.ADVANCE, at_its_stage, event=event)
    if who in TAKES[event]:
        assert reason is None
    else:
        assert reason is not None and reason.startswith(NAMED_AS[who]), reason


def test_a_step_refused_says_whose_it_is():
    submitted = evolve(INSPECTION, stage=Stage.ACTION_PLAN_SUBMITTED)
    assert ask("lead", Act.ADVANCE, submitted, event="approve_action_plan") == (
        "Lee Lead leads this inspection: 'Approve the action plan' is for the area manager"
    )
    assert ask("inspector", Act.ADVANCE, event="submit_action_plan") == (
        "Ian Inspector is an inspector on this inspection: "
        "'Submit the action plan' is for the district manager or the area manager"
    )
    assert "'publish' is not a step of an inspection" in ask("lead", Act.ADVANCE, event="publish")


def test_every_step_is_taken_by_parties_permissions_knows():
    assert {e.name for e in EVENTS} == set(TAKES)
    for event in EVENTS:
        assert event.taken_by and all(Party(p) for p in event.taken_by)


def test_a_person_with_two_parts_may_do_what_either_allows():
    both = evolve(INSPECTION, team=(*INSPECTION.team, TeamMember(person_id=ID["ambassador"], role=TeamRole.INSPECTOR)))
    assert parties(PEOPLE["ambassador"], both, INSPECTED) == {Party.CARE_AMBASSADOR, Party.INSPECTOR}
    assert decide(PEOPLE["ambassador"], Act.READ_CASE_DETAILS, both, INSPECTED) is None


def test_require_raises_the_reason():
    with pytest.raises(Refused, match="Ana Patel is a care ambassador on this inspection"):
        require(PEOPLE["ambassador"], Act.READ_EVIDENCE, INSPECTION, INSPECTED)
    require(PEOPLE["lead"], Act.EXPORT_CASE_REFS, INSPECTION, INSPECTED)


def test_a_district_that_is_not_the_inspected_one_is_a_mistake():
    with pytest.raises(ValueError):
        decide(PEOPLE["lead"], Act.READ_INSPECTION, INSPECTION, NEIGHBOUR)


def conversation(author: str) -> Conversation:
    return Conversation(
        inspection_id=INSPECTION.id, author_id=ID[author], recorded_on=date(2025, 5, 13),
        with_group=ConversationGroup.CHILD_OR_YOUNG_PERSON, notes="Knows her social worker well",
    )


def file_review(author: str) -> FileReview:
    return FileReview(
        inspection_id=INSPECTION.id, author_id=ID[author], recorded_on=date(2025, 5, 13), case_reference="CR-1042",
        team="Team A", age_band=AgeBand.AGED_4_TO_10, legal_status=LegalStatus.CHILD_IN_NEED,
    )


EVIDENCE = [conversation("ambassador"), conversation("inspector"), file_review("ambassador"), file_review("inspector")]


@pytest.mark.parametrize("who, seen", [
    ("lead", [0, 1, 2, 3]),
    ("theme_lead", [0, 1, 2, 3]),
    ("inspector", [0, 1, 2, 3]),
    ("ambassador", [0]),
    ("district_manager", []),
    ("area_manager", []),
    ("outsider", []),
])
def test_visible_evidence(who, seen):
    assert visible_evidence(PEOPLE[who], INSPECTION, INSPECTED, iter(EVIDENCE)) == [EVIDENCE[i] for i in seen]


def test_whoever_marks_an_action_done_may_not_check_it():
    done = Action(inspection_id=INSPECTION.id, recommendation_id="r", what="Audit supervision",
                  status=ActionStatus.DONE, done_by=ID["area_manager"])
    for act in (Act.VERIFY_ACTION, Act.SEND_ACTION_BACK):
        assert ask("area_manager", act, action=done) == (
            "Amir Area marked action 'Audit supervision' done: someone else must check it"
        )
    assert ask("area_manager", Act.VERIFY_ACTION, action=evolve(done, done_by=ID["district_manager"])) is None


@pytest.mark.parametrize("who, may", [
    ("lead", True), ("director", False), ("theme_lead", True), ("district_manager", True), ("area_manager", True),
    ("inspector", False), ("ambassador", False),
])
def test_an_immediate_plan_is_owned_by_a_manager_or_the_lead(who, may):
    from peerinspect.domain.permissions import may_own_immediate_plan

    assert (may_own_immediate_plan(PEOPLE[who], INSPECTION) is None) == may


@pytest.mark.parametrize("act", list(Act))
def test_someone_who_has_left_is_refused_every_act_saying_so(act):
    left = evolve(PEOPLE["lead"], left_on=date(2025, 5, 14))
    said = "Lee Lead left on 2025-05-14 and can no longer act"
    assert decide(left, act, open_for(act), INSPECTED, theme_id="help", event="notify", today=date(2025, 5, 14)) == said
    assert decide(left, act, open_for(act), INSPECTED, theme_id="help", event="notify", today=date(2025, 5, 13)) != said


def test_an_area_manager_changes_the_districts_of_their_own_area_only():
    assert decide(PEOPLE["area_manager"], Act.CHANGE_DISTRICT, None, INSPECTED) is None
    assert decide(PEOPLE["area_manager"], Act.CHANGE_DISTRICT, None, District(name="Alton", area_id=SOUTH.id)) == (
        "Amir Area is an area manager: area managers change only the districts of the area they oversee"
    )
    assert decide(PEOPLE["area_manager"], Act.RETIRE_DISTRICT, None, INSPECTED) == (
        "Amir Area is an area manager: only area directors may close districts"
    )


@pytest.mark.parametrize("key", sorted(PEOPLE))
def test_a_person_s_involvement_covers_exactly_the_inspections_they_have_a_part_in(key):
    person = PEOPLE[key]
    involved = involvement(person, [INSPECTED, NEIGHBOUR])
    for district in (INSPECTED, NEIGHBOUR):
        for inspection in (INSPECTION, evolve(INSPECTION, district_id=district.id, lead_id=ID["director"], team=())):
            inspection = evolve(inspection, district_id=district.id)
            covered = involved.covers(inspection.lead_id, [m.person_id for m in inspection.team], inspection.district_id)
            assert covered == bool(parties(person, inspection, district)), (key, district.name, inspection.lead_id)

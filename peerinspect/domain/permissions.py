"""The rulebook: may this person take this act on this inspection, now?

Decided from the person, their job and their part in the inspection (who), and from the
inspection's stage and the state of the record acted on (when). The engine enforces exactly
this answer, and screens offer exactly the acts it allows: neither restates a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from attrs import frozen

from .actions import Action
from .authority import District, Person
from .errors import Refused
from .evidence import EVIDENCE_KINDS, Conversation
from .field_copies import Conflict
from .findings import Judgement
from .followup import next_steps, plan_closed_reason, quoted
from .inspection import Inspection, Stage
from .lifecycle import event_named, wrong_stage
from .replanning import cancelled_reason, fieldwork_started
from .safeguarding import SafeguardingConcern
from .vocabulary import JudgementStatus, Label, Role, TeamRole


class Act(Label):
    PLAN_INSPECTION = "plan_inspection"
    CHANGE_PLAN = "change_plan"
    ADD_TO_TEAM = "add_to_team"
    CANCEL_INSPECTION = "cancel_inspection"
    REASSIGN_THEME_LEAD = "reassign_theme_lead"
    ADD_AREA = "add_area"
    CHANGE_AREA = "change_area"
    ADD_DISTRICT = "add_district"
    CHANGE_DISTRICT = "change_district"
    RETIRE_DISTRICT = "retire_district"
    ADD_PERSON = "add_person"
    CHANGE_PERSON = "change_person"
    RETIRE_PERSON = "retire_person"
    CHANGE_SETTINGS = "change_settings"
    SET_PASSWORD = "set_password"
    SIGN_IN = "sign_in"
    CHANGE_OWN_PASSWORD = "change_own_password"
    SEND_REMINDERS = "send_reminders"
    READ_SUMMARY = "read_summary"
    READ_INSPECTION = "read_inspection"
    READ_EVIDENCE = "read_evidence"
    READ_CASE_DETAILS = "read_case_details"
    ADD_EVIDENCE = "add_evidence"
    EDIT_EVIDENCE = "edit_evidence"
    RECORD_FINDING = "record_finding"
    PROPOSE_JUDGEMENT = "propose_judgement"
    SIGN_OFF_JUDGEMENT = "sign_off_judgement"
    RAISE_CONCERN = "raise_concern"
    MAKE_IMMEDIATE_PLAN = "make_immediate_plan"
    AMEND_IMMEDIATE_PLAN = "amend_immediate_plan"
    ADVANCE = "advance"
    WRITE_RECOMMENDATION = "write_recommendation"
    READ_DRAFT_REPORT = "read_draft_report"
    READ_ISSUED_REPORT = "read_issued_report"
    REISSUE_REPORT = "reissue_report"
    WRITE_ACTION_PLAN = "write_action_plan"
    RECORD_PROGRESS = "record_progress"
    MARK_ACTION_DONE = "mark_action_done"
    APPROVE_ACTION_PLAN = "approve_action_plan"
    VERIFY_ACTION = "verify_action"
    SEND_ACTION_BACK = "send_action_back"
    READ_CYCLE_PLAN = "read_cycle_plan"
    READ_AUDIT = "read_audit"
    VERIFY_WORKSPACE = "verify_workspace"
    EXPORT_CASE_REFS = "export_case_refs"
    CHECK_OUT_FIELD_COPY = "check_out_field_copy"
    RETURN_FIELD_COPY = "return_field_copy"
    RESOLVE_CONFLICT = "resolve_conflict"


class Party(Label):
    """A person's part in one inspection: on its team, or managing the district it inspects."""

    LEAD = "lead"
    THEME_LEAD = "theme_lead"
    INSPECTOR = "inspector"
    CARE_AMBASSADOR = "care_ambassador"
    DISTRICT_MANAGER = "district_manager"
    AREA_MANAGER = "area_manager"


# In order of precedence: when a person plays several parts, the first one's reason is the one given.
# Kept as a tuple because every decision walks it, and walking an Enum class is slow.
PRECEDENCE: tuple[Party, ...] = tuple(Party)


# A condition on an authority-wide act: None when met, else why not (after "Name is a ...: ").
AuthorityCondition = Callable[[Person, "District | None"], "str | None"]


def district_in_own_area(person: Person, district: District | None) -> str | None:
    # Asked without a district, the act is open to some district: the one in their own area.
    if district is None or district.area_id == person.area_id:
        return None
    return "area managers change only the districts of the area they oversee"


DIRECTORS: dict[Role, tuple[AuthorityCondition, ...]] = {Role.AREA_DIRECTOR: ()}

# Acts about the authority as a whole rather than one inspection: the roles that may take each, and on what
# condition. A role not listed may not.
AUTHORITY_ACTS: dict[Act, dict[Role, tuple[AuthorityCondition, ...]]] = {
    Act.PLAN_INSPECTION: DIRECTORS,
    # Area directors run the authority: its areas, districts, people and settings.
    Act.ADD_AREA: DIRECTORS,
    Act.CHANGE_AREA: DIRECTORS,
    Act.ADD_DISTRICT: DIRECTORS,
    # An area manager oversees their area's districts and keeps their names and teams up to date; moving a
    # district into another area, or closing it, changes the cycle plan and stays with the area directors.
    Act.CHANGE_DISTRICT: {Role.AREA_DIRECTOR: (), Role.AREA_MANAGER: (district_in_own_area,)},
    Act.RETIRE_DISTRICT: DIRECTORS,
    Act.ADD_PERSON: DIRECTORS,
    Act.CHANGE_PERSON: DIRECTORS,
    Act.RETIRE_PERSON: DIRECTORS,
    Act.CHANGE_SETTINGS: DIRECTORS,
    # A first password, or a new one for someone locked out or who forgot theirs: they change it when they sign in.
    Act.SET_PASSWORD: DIRECTORS,
    # The cycle plan is for those who plan inspections and oversee districts across an area.
    Act.READ_CYCLE_PLAN: {Role.AREA_DIRECTOR: (), Role.AREA_MANAGER: ()},
    # Verifying every trail at once, and taking the digest that pins them, reads across every inspection.
    Act.VERIFY_WORKSPACE: DIRECTORS,
    # Emailing everyone their digest reads every person's deadlines across the authority and speaks for it to
    # each of them: for those who run the authority, as its other authority-wide acts are.
    Act.SEND_REMINDERS: DIRECTORS,
}

# What the administration screen offers: whoever may take any of these may open it.
ADMINISTRATION_ACTS = (
    Act.ADD_AREA, Act.CHANGE_AREA, Act.ADD_DISTRICT, Act.CHANGE_DISTRICT, Act.RETIRE_DISTRICT,
    Act.ADD_PERSON, Act.CHANGE_PERSON, Act.RETIRE_PERSON, Act.CHANGE_SETTINGS, Act.SET_PASSWORD,
)

# Acts about a person's own sign-in, open to everyone who has not left.
OWN_ACTS = frozenset({Act.READ_SUMMARY, Act.SIGN_IN, Act.CHANGE_OWN_PASSWORD})

# What each party is there to do: the reason given when an act is outside it.
REMIT: dict[Party, str] = {
    Party.LEAD: "the action plan is the district's to write and the area manager's to approve and verify",
    Party.THEME_LEAD: "theme leads gather evidence and write findings and proposed judgements for their own theme; "
    "the lead signs off judgements and issues the report",
    Party.INSPECTOR: "inspectors review files, observe practice and hold conversations; findings, judgements "
    "and the report are for the theme leads and the lead",
    Party.CARE_AMBASSADOR: "care ambassadors record their own conversations with children, young people and "
    "families; other evidence, case details and draft reports are not open to them",
    Party.DISTRICT_MANAGER: "district managers receive the issued report and write and follow up the district's "
    "action plan; the inspection's evidence is not open to them",
    Party.AREA_MANAGER: "area managers oversee the district's action plan, approving it and verifying actions; "
    "the inspection's evidence is not open to them",
}


@frozen(kw_only=True)
class Ask:
    """One question put to the matrix: may this person do this act, on this record?"""

    person: Person
    act: Act
    inspection: Inspection
    parties: frozenset[Party]
    theme_id: str | None = None
    author_id: str | None = None
    evidence_kind: str | None = None
    event: str | None = None
    action: Action | None = None
    concern: SafeguardingConcern | None = None
    judgement: Judgement | None = None
    conflict: Conflict | None = None

    @property
    def own(self) -> bool:
        # A record without an author yet is one the person is about to create.
        return self.author_id is None or self.author_id == self.person.id

    @property
    def in_own_theme(self) -> bool:
        return self.theme_id is not None and self.theme_id in self.inspection.themes_led_by(self.person.id)


# A condition on a cell of the matrix: None when met, else why not (after "Name is a ... on this inspection: ").
Condition = Callable[[Ask, Party], "str | None"]


def own(ask: Ask, party: Party) -> str | None:
    return None if ask.own else f"{_plural(party)} change only the evidence they recorded themselves"


def own_or_in_own_theme(ask: Ask, party: Party) -> str | None:
    if ask.own or ask.in_own_theme:
        return None
    return f"{_plural(party)} change only their own evidence and the evidence in the themes they lead"


def own_copy(ask: Ask, party: Party) -> str | None:
    # The copy's holder is asked as its author.
    return None if ask.own else f"{_plural(party)} bring home only the field copies checked out for them"


def among_its_authors(ask: Ask, party: Party) -> str | None:
    # Asked without a conflict, the act is open to some conflict.
    if ask.conflict is None or ask.person.id in ask.conflict.author_ids:
        return None
    return f"{_plural(party)} settle conflicts only in records they wrote; the lead settles the others"


def own_theme(ask: Ask, party: Party) -> str | None:
    if ask.in_own_theme:
        return None
    return f"{_plural(party)} write findings and judgements for the themes they lead only"


def conversations_only(ask: Ask, party: Party) -> str | None:
    if ask.evidence_kind == Conversation.KIND:
        return None
    kind = EVIDENCE_KINDS.get(ask.evidence_kind or "")
    return f"{_plural(party)} record conversations, not {kind.PLURAL if kind else 'other evidence'}"


def takes_event(ask: Ask, party: Party) -> str | None:
    event = event_named(ask.event or "")
    if event is None:
        return f"{ask.event!r} is not a step of an inspection"
    if party.value in event.taken_by:
        return None
    takers = " or ".join(f"the {Party(p).label}" for p in event.taken_by)
    return f"'{event.label}' is for {takers}"


ALWAYS: tuple[Condition, ...] = ()
# Column headings of the matrix below.
LEAD, THEME_LEAD, INSPECTOR, AMBASSADOR = Party.LEAD, Party.THEME_LEAD, Party.INSPECTOR, Party.CARE_AMBASSADOR
DISTRICT, AREA = Party.DISTRICT_MANAGER, Party.AREA_MANAGER

# Each act: the parties who may take it, and on what condition. A party not listed may not.
MATRIX: dict[Act, dict[Party, tuple[Condition, ...]]] = {
    Act.READ_INSPECTION: {party: ALWAYS for party in Party},
    Act.CHANGE_PLAN: {LEAD: ALWAYS},
    Act.ADD_TO_TEAM: {LEAD: ALWAYS},
    Act.CANCEL_INSPECTION: {LEAD: ALWAYS},
    # A theme lead who has left is replaced by the lead, even during fieldwork, so their theme is not orphaned.
    Act.REASSIGN_THEME_LEAD: {LEAD: ALWAYS},
    Act.READ_EVIDENCE: {LEAD: ALWAYS, THEME_LEAD: ALWAYS, INSPECTOR: ALWAYS},
    Act.READ_CASE_DETAILS: {LEAD: ALWAYS, THEME_LEAD: ALWAYS, INSPECTOR: ALWAYS},
    Act.ADD_EVIDENCE: {LEAD: ALWAYS, THEME_LEAD: ALWAYS, INSPECTOR: ALWAYS, AMBASSADOR: (conversations_only,)},
    Act.EDIT_EVIDENCE: {
        LEAD: ALWAYS, THEME_LEAD: (own_or_in_own_theme,), INSPECTOR: (own,), AMBASSADOR: (conversations_only, own),
    },
    Act.RECORD_FINDING: {LEAD: ALWAYS, THEME_LEAD: (own_theme,)},
    Act.PROPOSE_JUDGEMENT: {LEAD: ALWAYS, THEME_LEAD: (own_theme,)},
    Act.SIGN_OFF_JUDGEMENT: {LEAD: ALWAYS},
    Act.RAISE_CONCERN: {LEAD: ALWAYS, THEME_LEAD: ALWAYS, INSPECTOR: ALWAYS, AMBASSADOR: ALWAYS},
    Act.MAKE_IMMEDIATE_PLAN: {LEAD: ALWAYS},
    Act.AMEND_IMMEDIATE_PLAN: {LEAD: ALWAYS},
    Act.ADVANCE: {party: (takes_event,) for party in Party},
    Act.WRITE_RECOMMENDATION: {LEAD: ALWAYS},
    Act.READ_DRAFT_REPORT: {LEAD: ALWAYS, THEME_LEAD: ALWAYS},
    Act.READ_ISSUED_REPORT: {party: ALWAYS for party in Party},
    Act.REISSUE_REPORT: {LEAD: ALWAYS},
    Act.WRITE_ACTION_PLAN: {DISTRICT: ALWAYS, AREA: ALWAYS},
    Act.RECORD_PROGRESS: {DISTRICT: ALWAYS, AREA: ALWAYS},
    Act.MARK_ACTION_DONE: {DISTRICT: ALWAYS, AREA: ALWAYS},
    Act.APPROVE_ACTION_PLAN: {AREA: ALWAYS},
    Act.VERIFY_ACTION: {AREA: ALWAYS},
    Act.SEND_ACTION_BACK: {AREA: ALWAYS},
    Act.READ_AUDIT: {LEAD: ALWAYS, AREA: ALWAYS},
    Act.EXPORT_CASE_REFS: {LEAD: ALWAYS},
    Act.CHECK_OUT_FIELD_COPY: {LEAD: ALWAYS, THEME_LEAD: ALWAYS, INSPECTOR: ALWAYS, AMBASSADOR: ALWAYS},
    Act.RETURN_FIELD_COPY: {LEAD: ALWAYS, THEME_LEAD: (own_copy,), INSPECTOR: (own_copy,), AMBASSADOR: (own_copy,)},
    Act.RESOLVE_CONFLICT: {
        LEAD: ALWAYS, THEME_LEAD: (among_its_authors,), INSPECTOR: (among_its_authors,), AMBASSADOR: (among_its_authors,),
    },
}


# When: a condition on the inspection's stage, or on the record acted on, that holds whoever acts.
# None when the act is open now, else why not, as a whole sentence.
When = Callable[[Ask], "str | None"]


def before_report_issued(what: str) -> When:
    def check(ask: Ask) -> str | None:
        if ask.inspection.reached(Stage.REPORT_ISSUED):
            return f"The report has been issued: {what}"
        return None

    return check


def after_report_issued(ask: Ask) -> str | None:
    if ask.inspection.reached(Stage.REPORT_ISSUED):
        return None
    return "The report has not been issued yet"


def plan_open(ask: Ask) -> str | None:
    return plan_closed_reason(ask.inspection) or action_allows("plan")(ask)


def action_allows(step: str) -> When:
    """An action's status allows this follow-up step (asked without an action, the step is open to some action)."""
    doing = {
        "plan": "its owner and due date can no longer change",
        "progress": "no more progress can be added to it",
        "done": "it cannot be marked done again",
        "verify": "only an action marked done can be verified",
        "send_back": "only an action marked done can be sent back",
    }[step]

    def check(ask: Ask) -> str | None:
        action = ask.action
        if action is None or step in next_steps(action):
            return None
        return f"Action {quoted(action.what)} is {action.status.label}: {doing}"

    return check


def not_marked_done_by_them(ask: Ask) -> str | None:
    """Separation of duties: the one who says an action is done is not the one who checks it."""
    if ask.action is not None and ask.action.done_by == ask.person.id:
        return f"{ask.person.name} marked action {quoted(ask.action.what)} done: someone else must check it"
    return None


def before_fieldwork(ask: Ask) -> str | None:
    if fieldwork_started(ask.inspection):
        return "Fieldwork has started: the dates, the notice, the lead and the theme leads are fixed; people can still join the team"
    return None


def all_of(*checks: When) -> When:
    def check(ask: Ask) -> str | None:
        return next((r for r in (c(ask) for c in checks) if r is not None), None)

    return check


def stage_allows_event(ask: Ask) -> str | None:
    event = event_named(ask.event or "")
    return None if event is None else wrong_stage(event, ask.inspection)


def judgement_awaits_sign_off(ask: Ask) -> str | None:
    if ask.judgement is not None and ask.judgement.status is JudgementStatus.SIGNED_OFF:
        return "This judgement is already signed off: a revised judgement needs signing off again"
    return None


def concern_needs_plan(ask: Ask) -> str | None:
    if ask.concern is not None and ask.concern.has_plan:
        return (
            f"The concern raised on {ask.concern.raised_on} already has its immediate plan: "
            "change it by an amendment with a reason, which keeps the plan's first date"
        )
    return None


def concern_has_plan(ask: Ask) -> str | None:
    if ask.concern is not None and not ask.concern.has_plan:
        return f"The concern raised on {ask.concern.raised_on} has no immediate plan to amend: make the plan first"
    return None


def conflict_open(ask: Ask) -> str | None:
    if ask.conflict is not None and not ask.conflict.is_open:
        return "This conflict is already settled"
    return None


CONCLUSIONS_CLOSED = "findings, judgements and recommendations can no longer change"
WHEN: dict[Act, When] = {
    Act.CHANGE_PLAN: before_fieldwork,
    Act.ADD_TO_TEAM: before_report_issued("the team can no longer change"),
    Act.CANCEL_INSPECTION: before_report_issued("an issued report stands, so the inspection cannot be cancelled"),
    Act.REASSIGN_THEME_LEAD: before_report_issued("the theme leads' work is done"),
    Act.ADD_EVIDENCE: before_report_issued("new evidence can no longer be added to this inspection"),
    Act.RECORD_FINDING: before_report_issued(CONCLUSIONS_CLOSED),
    Act.PROPOSE_JUDGEMENT: before_report_issued(CONCLUSIONS_CLOSED),
    Act.SIGN_OFF_JUDGEMENT: all_of(before_report_issued(CONCLUSIONS_CLOSED), judgement_awaits_sign_off),
    Act.WRITE_RECOMMENDATION: before_report_issued(CONCLUSIONS_CLOSED),
    Act.MAKE_IMMEDIATE_PLAN: concern_needs_plan,
    Act.AMEND_IMMEDIATE_PLAN: concern_has_plan,
    Act.ADVANCE: stage_allows_event,
    Act.READ_ISSUED_REPORT: after_report_issued,
    Act.REISSUE_REPORT: after_report_issued,
    Act.WRITE_ACTION_PLAN: plan_open,
    Act.RECORD_PROGRESS: all_of(after_report_issued, action_allows("progress")),
    Act.MARK_ACTION_DONE: all_of(after_report_issued, action_allows("done")),
    Act.VERIFY_ACTION: all_of(after_report_issued, action_allows("verify"), not_marked_done_by_them),
    Act.SEND_ACTION_BACK: all_of(after_report_issued, action_allows("send_back"), not_marked_done_by_them),
    Act.CHECK_OUT_FIELD_COPY: before_report_issued("evidence is no longer gathered, so no copy goes into the field"),
    Act.RESOLVE_CONFLICT: conflict_open,
}


# What stays open on a cancelled inspection: it is kept in history to be read.
READ_ACTS = frozenset({
    Act.READ_SUMMARY, Act.READ_INSPECTION, Act.READ_EVIDENCE, Act.READ_CASE_DETAILS, Act.READ_DRAFT_REPORT,
    Act.READ_ISSUED_REPORT, Act.READ_AUDIT, Act.EXPORT_CASE_REFS,
})


# The job roles that may take each part on an inspection's team.
TEAM_ROLE_NEEDS: dict[TeamRole, tuple[Role, ...]] = {
    TeamRole.LEAD: (Role.AREA_DIRECTOR,),
    TeamRole.THEME_LEAD: (Role.SENIOR_MANAGER, Role.AREA_DIRECTOR),
    TeamRole.CARE_AMBASSADOR: (Role.CARE_AMBASSADOR,),
    TeamRole.INSPECTOR: tuple(Role),
}


# What can be done in a field copy, away from home: reading, and recording what is found. Everything else
# (plans, lifecycle steps, the report and its follow-up, other copies) is done at home, where every copy comes
# back, so no two laptops take the inspection down different roads.
FIELD_ACTS = READ_ACTS | frozenset({
    Act.READ_SUMMARY, Act.ADD_EVIDENCE, Act.EDIT_EVIDENCE, Act.RAISE_CONCERN, Act.RECORD_FINDING,
    Act.PROPOSE_JUDGEMENT, Act.MAKE_IMMEDIATE_PLAN, Act.AMEND_IMMEDIATE_PLAN,
})
IN_THE_FIELD = (
    "This is a field copy: plans, lifecycle steps, the report and its follow-up are done at home once the copy "
    "is returned; here you record evidence, concerns, findings and proposed judgements"
)


def in_field_copy(person: Person, act: Act, holder_id: str) -> str | None:
    """None when this act may be taken in a field copy checked out for `holder_id`; otherwise why not."""
    if person.id != holder_id:
        return f"This field copy was checked out for another member of the team: only they work in it, not {person.name}"
    return None if act in FIELD_ACTS else IN_THE_FIELD


# Who may own an immediate safeguarding plan: someone with the standing to act at once, never a care
# ambassador or an inspector.
IMMEDIATE_PLAN_OWNERS = frozenset({Role.DISTRICT_MANAGER, Role.AREA_MANAGER, Role.SENIOR_MANAGER})


def may_own_immediate_plan(person: Person, inspection: Inspection) -> str | None:
    """None when this person may own an immediate plan on this inspection; otherwise why not."""
    if person.role in IMMEDIATE_PLAN_OWNERS or person.id == inspection.lead_id:
        return None
    return (
        f"{person.name} is {_a(person.role.label)}: an immediate plan is owned by a manager (a district manager, "
        "an area manager, a senior manager) or the inspection's lead"
    )


def parties(person: Person, inspection: Inspection, district: District | None = None) -> frozenset[Party]:
    """Every part the person plays in this inspection; empty for anyone outside it."""
    if district is not None and district.id != inspection.district_id:
        raise ValueError(f"district {district.id} is not the district inspection {inspection.id} inspects")
    found = {Party(role.value) for role in inspection.roles_of(person.id)}
    overseeing = _overseeing(person, inspection.district_id, district)
    if overseeing is not None:
        found.add(overseeing)
    return frozenset(found)


def _overseeing(person: Person, district_id: str, district: District | None) -> Party | None:
    """The part a person plays in every inspection of a district by their role alone, whoever is on the team."""
    if person.role is Role.DISTRICT_MANAGER and person.district_id == district_id:
        return Party.DISTRICT_MANAGER
    if person.role is Role.AREA_MANAGER:
        if district is None:
            raise ValueError("the inspected district is needed to tell whether an area manager oversees it")
        if person.area_id == district.area_id:
            return Party.AREA_MANAGER
    return None


@frozen
class Involvement:
    """What an inspection must name for a person to play any part in it: them as its lead or on its team, or one
    of the districts they oversee. Anyone else is an outsider to it, refused every act on it, so a county's
    inspections can be passed over by these few fields before any is read whole."""

    person_id: str
    district_ids: frozenset[str]

    def covers(self, lead_id: str, member_ids: Iterable[str], district_id: str) -> bool:
        return district_id in self.district_ids or lead_id == self.person_id or self.person_id in member_ids


def involvement(person: Person, districts: Iterable[District]) -> Involvement:
    """Which inspections this person may have a part in (see `parties`)."""
    return Involvement(person.id, frozenset(d.id for d in districts if _overseeing(person, d.id, d) is not None))


def decide(
    person: Person,
    act: Act,
    inspection: Inspection | None = None,
    district: District | None = None,
    *,
    theme_id: str | None = None,
    author_id: str | None = None,
    evidence_kind: str | None = None,
    event: str | None = None,
    action: Action | None = None,
    concern: SafeguardingConcern | None = None,
    judgement: Judgement | None = None,
    conflict: Conflict | None = None,
    field_holder: str | None = None,
    today: date | None = None,
) -> str | None:
    """None if the person may take the act now; otherwise why not, in words they understand.

    Someone who has left by `today` may take no act at all (asked without a day, any recorded leaving counts).
    Then who comes first: someone with no part in the act is told so, whatever the stage. In a field copy
    (`field_holder`, the person it was checked out for), only its holder acts, and only on FIELD_ACTS."""
    if person.has_left(today):
        return f"{person.name} left on {person.left_on} and can no longer act"
    if field_holder is not None and (refused := in_field_copy(person, act, field_holder)) is not None:
        return refused
    if act in OWN_ACTS:
        return None
    if act in AUTHORITY_ACTS:
        return _authority_refusal(person, act, district)
    if inspection is None:
        raise ValueError(f"{act.value} needs the inspection it is about")
    if act is Act.ADVANCE and event is None:
        raise ValueError("advance needs the event being taken")
    ask = Ask(
        person=person, act=act, inspection=inspection, parties=parties(person, inspection, district),
        theme_id=theme_id, author_id=author_id, evidence_kind=evidence_kind, event=event,
        action=action, concern=concern, judgement=judgement, conflict=conflict,
    )
    who = _who_may(ask)
    if who is not None:
        return who
    if act not in READ_ACTS and (cancelled := cancelled_reason(inspection)) is not None:
        return cancelled
    return WHEN.get(act, _open)(ask)


def _open(ask: Ask) -> None:
    return None


def _authority_refusal(person: Person, act: Act, district: District | None) -> str | None:
    allowed = AUTHORITY_ACTS[act]
    if person.role not in allowed:
        who = " and ".join(f"{r.label}s" for r in Role if r in allowed)
        return f"{person.name} is {_a(person.role.label)}: only {who} may {_doing(act)}"
    unmet = next((r for r in (c(person, district) for c in allowed[person.role]) if r is not None), None)
    return None if unmet is None else f"{person.name} is {_a(person.role.label)}: {unmet}"


def _who_may(ask: Ask) -> str | None:
    person, act, inspection = ask.person, ask.act, ask.inspection
    if not ask.parties:
        return _outsider(person)
    reasons = []
    for party in PRECEDENCE:
        if party not in ask.parties:
            continue
        conditions = MATRIX[act].get(party)
        if conditions is None:
            reasons.append(f"{_who(person, party, inspection)}: {REMIT[party]}")
            continue
        unmet = next((r for r in (c(ask, party) for c in conditions) if r is not None), None)
        if unmet is None:
            return None
        reasons.append(f"{_who(person, party, inspection)}: {unmet}")
    return reasons[0]


def require(
    person: Person,
    act: Act,
    inspection: Inspection | None = None,
    district: District | None = None,
    **details,
) -> None:
    reason = decide(person, act, inspection, district, **details)
    if reason is not None:
        raise Refused(reason)


def visible_evidence(person: Person, inspection: Inspection, district: District | None, evidence: Iterable) -> list:
    """What of the evidence this person may see: all of it for those who review it; a care ambassador, their own
    conversations; district and area managers, none."""
    evidence = list(evidence)
    if decide(person, Act.READ_EVIDENCE, inspection, district) is None:
        return evidence
    if Party.CARE_AMBASSADOR in parties(person, inspection, district):
        return [e for e in evidence if isinstance(e, Conversation) and e.author_id == person.id]
    return []


def _who(person: Person, party: Party, inspection: Inspection) -> str:
    if party is Party.LEAD:
        return f"{person.name} leads this inspection"
    if party is Party.DISTRICT_MANAGER:
        return f"{person.name} is the district manager of the inspected district"
    if party is Party.AREA_MANAGER:
        return f"{person.name} is the area manager of the inspected district"
    return f"{person.name} is {_a(party.label)} on this inspection"


def _outsider(person: Person) -> str:
    only = "only its place in the cycle plan is open to them"
    if person.role is Role.DISTRICT_MANAGER:
        return f"{person.name} is district manager of another district and not on this inspection's team: {only}"
    if person.role is Role.AREA_MANAGER:
        return f"{person.name} is area manager of another area and not on this inspection's team: {only}"
    return f"{person.name}, {_a(person.role.label)}, is not on this inspection's team: {only}"


def _doing(act: Act) -> str:
    return {
        Act.PLAN_INSPECTION: "plan inspections",
        Act.ADD_AREA: "add areas",
        Act.CHANGE_AREA: "rename areas",
        Act.ADD_DISTRICT: "add districts",
        Act.CHANGE_DISTRICT: "change districts and their teams",
        Act.RETIRE_DISTRICT: "close districts",
        Act.ADD_PERSON: "add people",
        Act.CHANGE_PERSON: "change people's details and roles",
        Act.RETIRE_PERSON: "record that someone has left",
        Act.CHANGE_SETTINGS: "change the settings",
        Act.SET_PASSWORD: "set people's passwords",
        Act.READ_CYCLE_PLAN: "see the cycle plan",
        Act.VERIFY_WORKSPACE: "verify or anchor the whole workspace's audit trails",
        Act.SEND_REMINDERS: "email everyone their reminders",
    }[act]


def _plural(party: Party) -> str:
    return f"{party.label}s"


def _a(label: str) -> str:
    return f"{'an' if label[0] in 'aeiou' else 'a'} {label}"

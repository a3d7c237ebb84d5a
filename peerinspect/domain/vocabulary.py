"""The fixed vocabularies of peer inspection. Values are stored, so they never change once released."""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    """A stored value with a human label: 'care_ambassador' reads as 'care ambassador'."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @classmethod
    def parse(cls, text: str) -> "Label":
        """Accept the stored value or its label, in any case, as a person would type it."""
        wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
        for member in cls:
            if member.value == wanted:
                return member
        choices = ", ".join(m.value for m in cls)
        raise ValueError(f"{text!r} is not one of: {choices}")


class Role(Label):
    AREA_DIRECTOR = "area_director"
    SENIOR_MANAGER = "senior_manager"
    INSPECTOR = "inspector"
    CARE_AMBASSADOR = "care_ambassador"
    DISTRICT_MANAGER = "district_manager"
    AREA_MANAGER = "area_manager"


class TeamRole(Label):
    """A person's part in one inspection, which is not always their job role."""

    LEAD = "lead"
    THEME_LEAD = "theme_lead"
    INSPECTOR = "inspector"
    CARE_AMBASSADOR = "care_ambassador"


class InspectionKind(Label):
    FULL = "full"
    THEMED = "themed"


class AgeBand(Label):
    UNDER_1 = "under_1"
    AGED_1_TO_3 = "1_to_3"
    AGED_4_TO_10 = "4_to_10"
    AGED_11_TO_16 = "11_to_16"
    AGED_17_TO_18 = "17_to_18"

    @property
    def label(self) -> str:
        return {"under_1": "under 1"}.get(self.value, self.value.replace("_to_", "–"))


class LegalStatus(Label):
    CHILD_IN_NEED = "child_in_need"
    CHILD_PROTECTION_PLAN = "child_protection_plan"
    LOOKED_AFTER = "looked_after"
    CARE_LEAVER = "care_leaver"


class RiskFactor(Label):
    DOMESTIC_VIOLENCE = "domestic_violence"
    NEGLECT = "neglect"
    SUBSTANCE_MISUSE = "substance_misuse"
    MENTAL_ILL_HEALTH = "mental_ill_health"


class ObservationSetting(Label):
    HOME_VISIT = "home_visit"
    CONFERENCE = "conference"
    SUPERVISION = "supervision"
    TEAM_MEETING = "team_meeting"
    OTHER = "other"


class ConversationGroup(Label):
    WORKER = "worker"
    TEAM_MANAGER = "team_manager"
    MIDDLE_MANAGER = "middle_manager"
    CHILD_OR_YOUNG_PERSON = "child_or_young_person"
    PARENT_OR_CARER = "parent_or_carer"
    PARTNER_AGENCY = "partner_agency"
    ELECTED_MEMBER = "elected_member"

    @property
    def is_family(self) -> bool:
        return self in (ConversationGroup.CHILD_OR_YOUNG_PERSON, ConversationGroup.PARENT_OR_CARER)


class ConversationFormat(Label):
    INDIVIDUAL = "individual"
    GROUP = "group"


class ConversationMode(Label):
    IN_PERSON = "in_person"
    TELEPHONE = "telephone"


class FindingKind(Label):
    STRENGTH = "strength"
    AREA_FOR_DEVELOPMENT = "area_for_development"


class JudgementStatus(Label):
    PROPOSED = "proposed"
    SIGNED_OFF = "signed_off"


class ActionStatus(Label):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    VERIFIED = "verified"


class DurationUnit(Label):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"


KEY_QUESTION = "So what difference has been made?"

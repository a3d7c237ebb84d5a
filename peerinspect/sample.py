"""A fictional authority and its inspections, built the same way every time: for the demo and the tests.

Elmshire County Council does not exist. Its areas, districts, teams, people and children are
invented; case references are made-up numbers. The sample is built through the engine, as a team
would build it, so it obeys every rule a real inspection does.

    North  Harrowmere     full inspection, fieldwork 26-29 October 2026, report issued (one day late),
                          action plan being written: due 27 November, some actions under way
                          themed inspection into neglect, planned for January 2027 from a finding
           Oakridge       not yet inspected this cycle
    South  Saltmarsh      full inspection of June 2025, closed: every action verified
           Kestrel Downs  full inspection planned for February 2027
           Wyebrook       not yet inspected this cycle

The demo's today is 26 November 2026. Each inspection is committed as one bundle in
inspections/sample/; `python -m peerinspect.sample --output inspections/sample/` writes them again,
byte for byte the same.
"""

from __future__ import annotations

import argparse
import os
import site
import sys
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from random import Random

import attrs

from .clocks import DEMO_TODAY, FixedClock, demo_clock  # noqa: F401 - the demo's clock is the sample's
from .domain import ids
from .domain.errors import NotFound
from .domain.vocabulary import AgeBand, LegalStatus, RiskFactor, Role
from .engine import actionplan, authority, bundle, conclusions, evidence, planning, workflow
from .engine.core import Engine
from .owner_only import fsync_tree, make_folder, write_file

SEED = 20261126
# The districts without inspections hold no bundle, so the demo adds them itself, from their own seed,
# and gets the same ids as the sample.
UNINSPECTED_SEED = 20250401
AUTHORITY = "Elmshire County Council (fictional sample)"

HP, LA, LMG = "help-and-protection", "looked-after-and-permanence", "leadership-management-governance"
FULL, NEGLECT = "hampshire-peer-inspection", "thematic-neglect"

MAIN_TITLE = "Harrowmere peer inspection, October 2026"
CLOSED_TITLE = "Saltmarsh peer inspection, June 2025"
PLANNED_TITLE = "Kestrel Downs peer inspection, February 2027"
THEMED_TITLE = "Themed inspection: neglect (Harrowmere)"  # the title the engine gives it

# bundle file -> the inspection it holds
BUNDLE_FILES: dict[str, str] = {
    "sample-inspection.json": MAIN_TITLE,
    "sample-closed-inspection.json": CLOSED_TITLE,
    "sample-themed-inspection.json": THEMED_TITLE,
    "sample-planned-inspection.json": PLANNED_TITLE,
}
UNINSPECTED = (("Oakridge", "North"), ("Wyebrook", "South"))

SHARE_FOLDER = Path("share") / "peerinspect" / "sample"


# the machinery of determinism -----------------------------------------------------------------
@contextmanager
def seeded_ids(seed: int) -> Iterator[None]:
    """Record ids drawn from a seeded generator instead of the system's, so a rebuild gives the same ids."""
    rng = Random(seed)
    real = ids.uuid4
    ids.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)
    try:
        yield
    finally:
        ids.uuid4 = real


# the authority --------------------------------------------------------------------------------
@attrs.frozen
class Cast:
    """The ids of everyone the sample needs, by their part in it."""

    north_director: str
    south_director: str
    theme_leads: dict[str, str]  # theme id -> senior manager
    inspectors: tuple[str, ...]
    ambassadors: tuple[str, ...]
    harrowmere_manager: str
    saltmarsh_manager: str
    kestrel_manager: str
    north_area_manager: str
    south_area_manager: str


HARROWMERE_TEAMS = ("Assessment", "Family Support", "Children in Care", "Care Leavers", "Disabled Children")
HARROWMERE_TEAMS_FOR = {
    LegalStatus.CHILD_IN_NEED: ("Assessment", "Family Support", "Disabled Children"),
    LegalStatus.CHILD_PROTECTION_PLAN: ("Assessment", "Family Support"),
    LegalStatus.LOOKED_AFTER: ("Children in Care", "Disabled Children"),
    LegalStatus.CARE_LEAVER: ("Care Leavers",),
}
WORKERS = ("A. Marlowe", "B. Quennell", "C. Ravensworth", "D. Tamsin-Holt", "E. Vasquez-Lyle", "F. Brackwell",
           "G. Oduya-Finch", "H. Pellingham", "J. Starling", "K. Wynford")


def _authority(engine: Engine) -> Cast:
    def person(name: str, role: str, **where) -> str:
        return authority.add_person(engine, name, role, as_person=lead, **where).id

    lead = authority.add_person(engine, "Morwenna Tallis", "area director").id
    authority.add_district(engine, "Harrowmere", "North", HARROWMERE_TEAMS, as_person=lead)
    for name, teams in (("Saltmarsh", ("Assessment", "Children in Care", "Care Leavers")),
                        ("Kestrel Downs", ("Assessment", "Family Support", "Children in Care"))):
        authority.add_district(engine, name, "South", teams, as_person=lead)
    authority.update_settings(engine, {"authority": AUTHORITY}, as_person=lead)
    return Cast(
        north_director=lead,
        south_director=person("Idris Fenwold", "area director"),
        theme_leads={
            HP: person("Priya Castellane", "senior manager"),
            LA: person("Tomasz Wrenfield", "senior manager"),
            LMG: person("Hollis Marchbank", "senior manager"),
        },
        inspectors=tuple(
            person(name, "inspector")
            for name in ("Nia Fairholme", "Callum Dreyton", "Bea Lindqvarn", "Owen Haverleigh", "Ruth Anselmo")
        ),
        ambassadors=(person("Skye Mallender", "care ambassador"), person("Jay Pembury-Cole", "care ambassador")),
        harrowmere_manager=person("Dana Whitlowe", "district manager", district_ref="Harrowmere"),
        saltmarsh_manager=person("Felix Amberlane", "district manager", district_ref="Saltmarsh"),
        kestrel_manager=person("Leona Achterby", "district manager", district_ref="Kestrel Downs"),
        north_area_manager=person("Grace Oyelade-Hume", "area manager", area_ref="North"),
        south_area_manager=person("Marian Colbrook", "area manager", area_ref="South"),
    )


def _add_uninspected_districts(engine: Engine, as_person: str) -> None:
    with seeded_ids(UNINSPECTED_SEED):
        known = {d.name for d in engine.workspace.districts()}
        for name, area in UNINSPECTED:
            if name not in known:
                authority.add_district(engine, name, area, ("Assessment", "Children in Care"), as_person=as_person)
        if engine.workspace.settings().authority != AUTHORITY:
            authority.update_settings(engine, {"authority": AUTHORITY}, as_person=as_person)


# file reviews ---------------------------------------------------------------------------------
# The profile follows the cases tracked in Ofsted's 2015 good-practice survey: ages 18/14/24/32/12%,
# about two thirds looked after, domestic violence 36%, neglect 30%, substance misuse 26%, mental
# ill health 18%, a third with two risk factors or more, a fifth with a disability or SEN.
AGE_SHARE = {AgeBand.UNDER_1: 18, AgeBand.AGED_1_TO_3: 14, AgeBand.AGED_4_TO_10: 24, AgeBand.AGED_11_TO_16: 32,
             AgeBand.AGED_17_TO_18: 12}
RISK_SHARE = {RiskFactor.DOMESTIC_VIOLENCE: 36, RiskFactor.NEGLECT: 30, RiskFactor.SUBSTANCE_MISUSE: 26,
              RiskFactor.MENTAL_ILL_HEALTH: 18}
GRADES = ("outstanding", "good", "requires-improvement", "inadequate")
# How often each grade is given in a theme: help and protection is weaker than care in Harrowmere.
GRADE_WEIGHTS = {HP: (5, 40, 45, 10), LA: (12, 55, 28, 5)}

STRENGTHS = {
    HP: (
        "Visits are regular and purposeful, and {child} is seen alone at every visit.",
        "The assessment draws well on the family's history and says clearly what must change.",
        "{Child}'s own words are recorded and visibly shaped the plan.",
        "The strategy discussion was held the same day and involved police and health.",
        "The core group meets as planned and its notes track every action to completion.",
        "Direct work with {child} is creative and well recorded.",
        "The worker has built a trusting relationship with the mother, who now engages with the plan.",
        "The impact of domestic abuse on the children is analysed well and the safety plan is specific.",
        "Early help was offered promptly and stepped up to a child in need plan when it was not enough.",
    ),
    LA: (
        "{Child} has lived with the same foster carers for {years} years and says they feel part of the family.",
        "A plan for permanence was made by the second review and pursued without delay.",
        "Life-story work is thoughtful and helps {child} understand why they are in care.",
        "The personal education plan sets specific targets and the virtual school follows them up.",
        "The independent reviewing officer challenges drift, and the challenge is recorded.",
        "Brothers and sisters live together, as the assessment recommended.",
        "The personal adviser knows {child} well and keeps in touch every week.",
        "Health, dental and optician checks are up to date and followed through.",
        "Contact with the birth family is reviewed against what {child} says they want.",
    ),
}
AREAS_FOR_DEVELOPMENT = {
    HP: (
        "The plan's actions have no timescales, so progress is hard to measure.",
        "Management oversight is recorded but gives little direction on what should happen next.",
        "Supervision notes repeat the case history rather than reflect on risk.",
        "The cumulative impact of neglect is not analysed: each incident is treated on its own.",
        "The father is not included in the assessment or the plan.",
        "Step-down to early help was considered late and the family waited {weeks} weeks for a service.",
        "{Child}'s daily life is described by adults, not in {child}'s own words.",
        "The chronology is out of date and does not support analysis of risk.",
    ),
    LA: (
        "The care plan was not updated after the placement move.",
        "The pathway plan is generic and does not reflect the young person's own goals.",
        "Permanence planning drifted for {months} months before the second review.",
        "{Child} has had {workers} social workers in a year and has to repeat their story.",
        "No advocate was offered although {child} asked for one.",
        "The health assessment is {months} months overdue.",
        "Later-life letters have not been started.",
    ),
}
DIFFERENCE_MADE = {
    (HP, True): (
        "{Child} now attends school every day: attendance rose from {low}% to {high}% in a term.",
        "The children are safer: there have been no police call-outs since the safety plan began in {month}.",
        "The baby's health checks are up to date and the health visitor reports steady weight gain.",
        "The mother has worked with the substance misuse service and has had {n} clear tests in a row.",
        "{Child} says home is calmer and they can sleep at night now.",
        "The family stepped down to early help in {month} with the risks reduced, and have not been re-referred.",
    ),
    (HP, False): (
        "Little difference yet: the plan has drifted since {month} and home conditions are unchanged.",
        "Some difference: {child} says home is calmer, but the plan has not tackled missed health appointments.",
        "Too early to tell: the plan is {n} weeks old and its actions have no dates.",
        "Little difference: the third referral in a year repeats the concerns of the first.",
    ),
    (LA, True): (
        "{Child} has moved into supported lodgings and started a college course in {subject}.",
        "A stable placement has let {child} settle at school: no exclusions this year, after {n} the year before.",
        "{Child} was placed with adopters within {n} months of the placement order.",
        "{Child} now sees their grandmother every month, which they said mattered most to them.",
        "Emotional wellbeing has improved: the strengths and difficulties score fell from {high} to {low}.",
        "A special guardianship order with an aunt gave {child} permanence within a year of coming into care.",
    ),
    (LA, False): (
        "Limited difference: {child} is not in education, employment or training, and the plan does not say "
        "how that will change.",
        "Some difference: the placement is stable, but {child}'s views have not been sought since {month}.",
        "Little difference yet: {child} has moved {n} times this year and school attendance has fallen.",
    ),
}
SUBJECTS = ("catering", "motor vehicle maintenance", "health and social care", "art and design", "construction")
MONTHS = ("March", "April", "May", "June", "July", "August")


@attrs.frozen
class CaseOutline:
    age_band: AgeBand
    legal_status: LegalStatus
    risk_factors: tuple[RiskFactor, ...]
    disability_or_sen: bool


def case_outlines(rng: Random, count: int) -> list[CaseOutline]:
    """`count` cases whose ages, statuses and risk factors follow the survey's profile, in a shuffled order."""
    ages = _spread(AGE_SHARE, count)
    rng.shuffle(ages)
    statuses = [_legal_status(rng, age) for age in ages]
    # Of every ten cases, about one and a half have three risk factors, one and a half have two, three have one.
    sizes = [3] * round(count * 0.15) + [2] * round(count * 0.16) + [1] * round(count * 0.34)
    sizes += [0] * (count - len(sizes))
    rng.shuffle(sizes)
    remaining = dict(zip(RISK_SHARE, _spread(RISK_SHARE, sum(sizes), counts=True)))
    disabled = set(rng.sample(range(count), round(count * 0.22)))
    outlines = []
    for index, (age, status, size) in enumerate(zip(ages, statuses, sizes)):
        factors: list[RiskFactor] = []
        for _ in range(size):
            choices = [f for f in RISK_SHARE if f not in factors]
            weights = [max(remaining[f], 0) + 0.1 for f in choices]
            factor = rng.choices(choices, weights)[0]
            remaining[factor] -= 1
            factors.append(factor)
        outlines.append(CaseOutline(age_band=age, legal_status=status, risk_factors=tuple(factors),
                                    disability_or_sen=index in disabled))
    return outlines


def _spread(shares: dict, total: int, counts: bool = False) -> list:
    """Whole numbers in proportion to `shares` that add up to `total` (largest remainders first)."""
    weight = sum(shares.values())
    exact = [total * s / weight for s in shares.values()]
    whole = [int(x) for x in exact]
    for i in sorted(range(len(exact)), key=lambda i: whole[i] - exact[i])[: total - sum(whole)]:
        whole[i] += 1
    if counts:
        return whole
    return [key for key, n in zip(shares, whole) for _ in range(n)]


def _legal_status(rng: Random, age: AgeBand) -> LegalStatus:
    if age is AgeBand.AGED_17_TO_18 and rng.random() < 0.6:
        return LegalStatus.CARE_LEAVER
    if rng.random() < 0.66:
        return LegalStatus.LOOKED_AFTER
    return rng.choice((LegalStatus.CHILD_IN_NEED, LegalStatus.CHILD_PROTECTION_PLAN))


def theme_of(status: LegalStatus) -> str:
    return LA if status in (LegalStatus.LOOKED_AFTER, LegalStatus.CARE_LEAVER) else HP


class Writer:
    """Plausible, varied sentences from small phrase banks, the same ones for the same seed."""

    def __init__(self, rng: Random):
        self.rng = rng

    def fill(self, template: str, age: AgeBand) -> str:
        young = age in (AgeBand.AGED_11_TO_16, AgeBand.AGED_17_TO_18)
        child = "the young person" if young else "the child"
        if age is AgeBand.UNDER_1:
            child = "the baby"
        r = self.rng
        text = template.format(
            child=child, Child=child[0].upper() + child[1:], years=r.randint(2, 6), weeks=r.randint(3, 9),
            months=r.randint(4, 9), workers=r.randint(3, 5), low=r.randint(52, 68), high=r.randint(84, 97),
            month=r.choice(MONTHS), n=r.randint(3, 7), subject=r.choice(SUBJECTS),
        )
        return text[0].upper() + text[1:]

    def some(self, bank: Sequence[str], count: int, age: AgeBand) -> str:
        return " ".join(self.fill(t, age) for t in self.rng.sample(list(bank), count))


def file_review_fields(rng: Random, writer: Writer, framework, outline: CaseOutline, reference: str,
                       teams: dict, on: date) -> dict:
    theme = theme_of(outline.legal_status)
    base = rng.choices(range(4), GRADE_WEIGHTS[theme])[0]
    criteria = [c.id for c in framework.theme(theme).criteria]
    graded = sorted(rng.sample(criteria, rng.randint(4, len(criteria))), key=criteria.index)
    grades = {c: GRADES[min(3, max(0, base + rng.choice((-1, 0, 0, 0, 1))))] for c in graded}
    strong = base <= 1
    return {
        "case_reference": reference,
        "team": rng.choice(teams[outline.legal_status]),
        "allocated_worker": rng.choice(WORKERS),
        "age_band": outline.age_band,
        "legal_status": outline.legal_status,
        "risk_factors": list(outline.risk_factors),
        "disability_or_sen": outline.disability_or_sen,
        "theme_id": theme,
        "grades": grades,
        "strengths": writer.some(STRENGTHS[theme], 2 if strong else 1, outline.age_band),
        "areas_for_development": writer.some(AREAS_FOR_DEVELOPMENT[theme], 1 if strong else 2, outline.age_band),
        "difference_made": writer.some(DIFFERENCE_MADE[theme, strong], 1, outline.age_band),
        "recorded_on": on,
    }


def case_references(rng: Random, prefix: str, count: int) -> list[str]:
    numbers = rng.sample(range(40, 1990), count)
    return [f"{prefix}-{rng.randint(19, 26)}-{n:04d}" for n in numbers]


# observations, conversations, performance information ------------------------------------------
OBSERVATIONS = (
    ("home_visit", "Social worker, Family Support team", "good", HP,
     "Warm, confident visit. The worker used a three houses tool with both children and checked what had "
     "changed since the last visit against the plan.",
     "The children's worries about bedtime were picked up and went straight into the plan."),
    ("home_visit", "Social worker, Assessment team", "requires-improvement", HP,
     "The worker spoke mostly with the mother; the eight-year-old was not seen alone, and the state of the "
     "kitchen was noted but not discussed.",
     "Little difference from this visit: the concerns seen were not raised with the family."),
    ("conference", "Chair and social worker, initial child protection conference", "good", HP,
     "Well-chaired conference; the family's strengths and the danger statement were written in plain words "
     "and the father joined by telephone.",
     "Both parents could say what must change and by when."),
    ("conference", "Independent reviewing officer, looked-after review", "outstanding", LA,
     "The review was led by the young person, who chaired part of it with their care ambassador's support.",
     "The young person's own plan for college was agreed and built into the pathway plan."),
    ("supervision", "Team manager and newly qualified social worker", "good", LMG,
     "Reflective supervision using the case discussion model; the manager challenged the hypothesis "
     "and set actions with dates.",
     "A case that had drifted for six weeks had a clear plan by the end of the session."),
    ("supervision", "Team manager and senior practitioner", "requires-improvement", LMG,
     "Supervision was a list of case updates; risk was not discussed and no actions were recorded.",
     "No visible difference: the supervision did not change anything for the children discussed."),
    ("team_meeting", "Children in Care team meeting", "good", LA,
     "The team reviewed placement stability figures together and shared what had worked in two stable moves.",
     "Two children at risk of a placement breakdown were given a stability meeting the same week."),
    ("team_meeting", "Assessment team meeting", "requires-improvement", LMG,
     "Most of the meeting was about caseload allocation; the performance report was read out without discussion.",
     "Little difference: figures were reported, not understood."),
    ("other", "Social worker, legal planning meeting", "good", LA,
     "Clear threshold analysis; the pre-proceedings letter was written so the parents could understand it.",
     "The family's grandmother was assessed early, which avoided a stranger placement."),
    ("other", "Personal adviser, care leavers' drop-in", "outstanding", LA,
     "Relaxed drop-in session; the adviser knew every young person by name and followed up a housing letter on the spot.",
     "A young person facing eviction had an emergency meeting with housing the next morning."),
)

# (group, format, mode, recorded by: "inspector" | "ambassador" | "lead", notes, family answers)
CONVERSATIONS = (
    ("worker", "individual", "in_person", "inspector",
     "Social worker in Family Support, two years qualified. Feels well supported by the team manager; caseload of 19 "
     "is high but manageable. Values the weekly group supervision.", {}),
    ("worker", "group", "in_person", "inspector",
     "Five social workers from the Assessment team. Morale is good, but they describe agency staff turnover and a backlog of "
     "assessments after the summer.", {}),
    ("worker", "individual", "telephone", "inspector",
     "Personal adviser in the leaving care team. Knows the young people well; worried about the lack of supported "
     "housing for 18-year-olds in the district.", {}),
    ("worker", "group", "in_person", "inspector",
     "Children in Care team. Workers feel senior managers know their cases: the district manager has sat in on "
     "reviews. Life-story work is protected time.", {}),
    ("team_manager", "individual", "in_person", "inspector",
     "Assessment team manager. Knows the team's performance data and can say why timeliness dropped; has a plan, "
     "but it depends on two vacancies being filled.", {}),
    ("team_manager", "individual", "in_person", "inspector",
     "Children in Care team manager. Uses the placement stability report every month; gave two examples of moves "
     "prevented by early stability meetings.", {}),
    ("middle_manager", "individual", "in_person", "lead",
     "Head of service. Describes the district's priorities clearly; acknowledges that neglect practice is "
     "inconsistent and that audits have not yet changed it.", {}),
    ("middle_manager", "group", "in_person", "lead",
     "District management team. Performance action group minutes show figures discussed but few actions "
     "followed through between meetings.", {}),
    ("child_or_young_person", "individual", "in_person", "ambassador",
     "Young person, 15, in foster care for three years. Likes their carers and school; wants to see their brother "
     "more often.",
     {"1": "Yes, my social worker explained it when I moved here.", "2": "Yes, at my reviews I get to talk first.",
      "4": "Mostly. I know I'm staying here till I'm 18.", "5": "Let me see my brother at weekends, not just in the holidays."}),
    ("child_or_young_person", "group", "in_person", "ambassador",
     "Children in care council, four young people aged 12 to 17. Agree that they know their social workers; two "
     "have had three workers in a year.",
     {"2": "We do at the council, not always at reviews.", "5": "Stop changing our social workers."}),
    ("child_or_young_person", "individual", "telephone", "ambassador",
     "Care leaver, 18, in supported lodgings. Personal adviser helps a lot; was not told about the leaving care grant "
     "until late.",
     {"1": "Yes.", "3": "I feel safe where I live now.", "4": "I have a pathway plan but I haven't read it.",
      "5": "Tell people about the money they can get earlier."}),
    ("child_or_young_person", "individual", "in_person", "ambassador",
     "Child, 10, on a child in need plan, seen at school with a teaching assistant. Draws a happy picture of home; "
     "says mum is less cross now.", {"2": "Yes, the lady asks me what I think.", "3": "Yes."}),
    ("parent_or_carer", "individual", "telephone", "ambassador",
     "Foster carer of two brothers. Feels listened to; support from the supervising social worker is good but "
     "respite was hard to arrange.",
     {"1": "Yes.", "2": "Yes, I'm invited to everything.", "4": "Yes.", "5": "Respite, and training on trauma."}),
    ("parent_or_carer", "individual", "in_person", "ambassador",
     "Special guardian (grandmother). The order gave the family stability; she would like more help with contact "
     "with the child's father.",
     {"3": "Yes, she's safe with me.", "5": "Help us with contact, it's hard on my own."}),
    ("parent_or_carer", "individual", "in_person", "inspector",
     "Mother of three on a child protection plan. Understands why the social worker is involved; did not "
     "understand the plan until the core group rewrote it in plain words.",
     {"1": "Yes, because of the arguments at home.", "2": "Sometimes.", "4": "I do now.",
      "5": "Don't change the social worker again."}),
    ("parent_or_carer", "individual", "telephone", "inspector",
     "Father of a baby on a child in need plan. Felt left out of the assessment; has since been invited to meetings.",
     {"2": "Not at first.", "4": "Partly.", "5": "Talk to dads as well as mums."}),
    ("partner_agency", "individual", "in_person", "inspector",
     "Designated nurse for safeguarding. Good working relationships; health is invited to strategy discussions but "
     "notice is sometimes short.", {}),
    ("partner_agency", "group", "in_person", "lead",
     "Headteachers' group (primary and secondary). Value the district's early help offer; want feedback after "
     "referrals.", {}),
    ("partner_agency", "individual", "telephone", "inspector",
     "Police detective sergeant, multi-agency safeguarding hub. Domestic abuse notifications are screened promptly; "
     "joint visits work well.", {}),
    ("elected_member", "individual", "in_person", "lead",
     "Lead member for children's services. Visits teams twice a year and reads the peer inspection reports; asks "
     "for more on what children say.", {}),
)

# (name, value, comparator, period, theme, commentary on quality, difference made)
INDICATORS = (
    ("Re-referrals within 12 months", "24.1%", "Area 21.8%; England 22.4%", "Apr–Sep 2026", HP,
     "Higher than the area. File reviews found step-down to early help happening before the risks had changed.",
     "Some families come back within a year with the same worries: help ended before life changed for the child."),
    ("Assessments completed within 45 working days", "81%", "Area 88%", "Apr–Sep 2026", HP,
     "Timeliness fell over the summer with two vacancies; the assessments seen were of good quality when complete.",
     "Children wait longer for an assessment than last year, though the plans that follow are sound."),
    ("Child protection plans lasting two years or more", "4.6%", "Area 2.9%", "At 30 Sep 2026", HP,
     "Long plans are mostly neglect cases in which the same concerns recur; see the neglect finding.",
     "For a few children, years of planning have not changed daily life at home."),
    ("Second or subsequent child protection plans", "23%", "Area 19%; England 23%", "Apr–Sep 2026", HP,
     "In line with England, but above the area: the repeat plans are mostly for neglect.",
     "Repeat plans show that for some children the first plan made no lasting difference."),
    ("Looked-after children with three or more placements in the year", "7.5%", "Area 9.8%", "Rolling 12 months", LA,
     "Better than the area; stability meetings are used early and the team can show how.",
     "Fewer moves mean children stay at one school and keep their friends."),
    ("Care leavers in suitable accommodation", "93%", "Area 90%", "At 30 Sep 2026", LA,
     "Good, though young people say the choice of supported housing at 18 is narrow.",
     "Most care leavers have a safe home; the few who do not are known and helped."),
    ("Care leavers in education, employment or training", "56%", "Area 54%; England 55%", "At 30 Sep 2026", LA,
     "In line with others; personal advisers know each young person's plan.",
     "Just over half of care leavers are learning or working; each has a named plan to change that."),
    ("Supervision held within timescale", "78%", "Standard 95%", "Apr–Sep 2026", LMG,
     "Below the standard, and the quality varies: observed supervision ranged from reflective to a list of updates.",
     "Where supervision happens it often shapes the plan; where it does not, cases drift."),
    ("Social worker vacancy rate", "14%", "Area 11%", "At 30 Sep 2026", LMG,
     "Two vacancies in the Assessment team drive the timeliness figures above.",
     "Vacancies mean some children have had a change of worker this year."),
    ("Average caseload per social worker", "18.2", "Area 17.0", "At 30 Sep 2026", LMG,
     "High in Assessment (22), lower in Children in Care (15); managers know where the pressure is.",
     "High caseloads in Assessment slow the first visit to some families."),
)


# the main inspection ------------------------------------------------------------------------
class Recorder:
    """Adds evidence to one inspection as the person given, on the day the fields say, and keeps what was saved."""

    def __init__(self, engine: Engine, clock: FixedClock, inspection: str):
        self.engine, self.clock, self.inspection = engine, clock, inspection
        self.saved: dict[str, list] = {kind: [] for kind in ("file_review", "observation", "conversation", "indicator")}

    def __call__(self, kind: str, by: str, fields: dict) -> evidence.EvidenceSaved:
        count = len(self.saved[kind])
        self.clock.set(fields["recorded_on"], 10 + count % 7, count * 13 % 60)
        result = evidence.add_evidence(self.engine, as_person=by, inspection=self.inspection, kind=kind, fields=fields)
        self.saved[kind].append(result.evidence)
        return result


FIELDWORK = (date(2026, 10, 26), date(2026, 10, 29))  # Monday to Thursday


def _main_inspection(engine: Engine, clock: FixedClock, cast: Cast, rng: Random) -> None:
    lead = cast.north_director
    framework = engine.framework(FULL)
    clock.set(date(2026, 10, 12))
    team = [(p, "inspector") for p in cast.inspectors] + [(p, "care ambassador") for p in cast.ambassadors]
    insp = planning.plan_inspection(
        engine, as_person=lead, district="Harrowmere", framework_id=FULL, fieldwork_start=FIELDWORK[0],
        fieldwork_end=FIELDWORK[1], lead=lead, theme_leads=dict(cast.theme_leads), team=team, title=MAIN_TITLE,
    ).id

    def step(event: str, on: date, by: str = lead, note: str = "", hour: int = 9) -> None:
        workflow.advance(engine, as_person=by, inspection=insp, event=event, on=clock.set(on, hour), note=note)

    step("notify", date(2026, 10, 19), note="Notice given to the district manager by telephone, one week ahead.")
    step("start_fieldwork", FIELDWORK[0])

    days = [FIELDWORK[0] + timedelta(days=n) for n in range(4)]
    reviewers = [*cast.inspectors, cast.theme_leads[HP], cast.theme_leads[LA]]
    writer, add = Writer(rng), Recorder(engine, clock, insp)
    outlines = case_outlines(rng, 31)
    references = case_references(rng, "HRW", 32)
    for index, outline in enumerate(outlines):
        fields = file_review_fields(rng, writer, framework, outline, references[index], HARROWMERE_TEAMS_FOR,
                                    days[index % 3])
        add("file_review", reviewers[index % len(reviewers)], fields)
    concern = add("file_review", cast.inspectors[1], safeguarding_review(references[-1], days[1])).concern
    clock.set(days[1], 17, 30)
    workflow.make_immediate_plan(
        engine, as_person=lead, inspection=insp, concern_id=concern.id, owner=cast.harrowmere_manager, on=days[1],
        first_action="Duty social worker and health visitor to visit today and see the baby; strategy discussion "
                     "with police and health by noon tomorrow; district manager to review the plan daily.",
    )

    for index, (setting, practitioner, grade, theme, notes, difference) in enumerate(OBSERVATIONS):
        add("observation", reviewers[index % len(reviewers)], {
            "setting": setting, "practitioner": practitioner, "grade": grade, "theme_id": theme, "notes": notes,
            "difference_made": difference, "recorded_on": days[index % 4]})
    authors = {"inspector": list(cast.inspectors), "ambassador": list(cast.ambassadors), "lead": [lead]}
    for index, (group, form, mode, who, notes, answers) in enumerate(CONVERSATIONS):
        pool = authors[who]
        add("conversation", pool[index % len(pool)], {
            "with_group": group, "format": form, "mode": mode, "notes": notes, "family_answers": answers,
            "difference_made": conversation_difference(group, answers), "recorded_on": days[index % 4]})
    for index, (name, value, comparator, period, theme, commentary, difference) in enumerate(INDICATORS):
        add("indicator", cast.theme_leads[LMG], {
            "name": name, "value": value, "comparator": comparator, "period": period, "theme_id": theme,
            "commentary": commentary, "difference_made": difference, "recorded_on": days[index % 2]})

    step("give_feedback", days[3], note="Feedback to the district's staff at the end of the last day.", hour=16)
    conclude(engine, clock, insp, lead, cast.theme_leads, add.saved, date(2026, 11, 3))
    step("draft_report", date(2026, 11, 6))
    step("issue_report", date(2026, 11, 13))  # a day late: the report was due on 12 November
    _action_plan_in_progress(engine, clock, insp, cast)


def safeguarding_review(reference: str, on: date) -> dict:
    return {
        "case_reference": reference, "team": "Family Support", "allocated_worker": "C. Ravensworth",
        "age_band": AgeBand.UNDER_1, "legal_status": LegalStatus.CHILD_PROTECTION_PLAN,
        "risk_factors": [RiskFactor.NEGLECT, RiskFactor.DOMESTIC_VIOLENCE, RiskFactor.SUBSTANCE_MISUSE],
        "theme_id": HP,
        "grades": {"hp-assessment": "requires-improvement", "hp-planning": "inadequate", "hp-risk": "inadequate",
                   "hp-oversight": "inadequate"},
        "strengths": "The health visitor's notes are detailed and record the baby's weight at every visit.",
        "areas_for_development": "The baby has not been seen for 19 days although the plan says weekly visits. "
                                 "Unsafe sleeping was noted twice and not followed up. "
                                 "No manager has looked at the file since the conference.",
        "difference_made": "None visible: the risks recorded at the conference are unchanged and may have grown.",
        "safeguarding_concern": "Baby (3 months) on a child protection plan for neglect not seen for 19 days; unsafe "
                                "sleeping noted twice without follow-up; the mother's partner, a risk of domestic "
                                "abuse, is reported to be back in the home.",
        "recorded_on": on,
    }


CONVERSATION_DIFFERENCE = {
    "worker": "Workers can name a child whose life changed because of their plan.",
    "team_manager": "The manager could show how the team's figures changed after they acted on them.",
    "middle_manager": "Leaders know where practice is weak; the difference their actions make is not yet visible.",
    "partner_agency": "Partners describe joint work that reached the child sooner.",
    "elected_member": "The lead member's visits have led to questions about what children say, not only the figures.",
}


def conversation_difference(group: str, answers: dict) -> str:
    if "3" in answers:
        return f"Asked whether they are safer, they said: \u201c{answers['3']}\u201d"
    if answers:
        return "What they asked for was passed to the team manager the same day."
    return CONVERSATION_DIFFERENCE[group]


FINDINGS = {
    HP: (
        ("strength", "Domestic abuse is recognised early; police notifications are screened the same day and "
                     "safety plans are specific.", RiskFactor.DOMESTIC_VIOLENCE, ""),
        ("strength", "Children are seen, and seen alone; their words are recorded in most of the files reviewed.",
         None, ""),
        ("area_for_development", "Neglect is not recognised or analysed early enough: repeat referrals and long "
                                 "plans are mostly for neglect, and the cumulative impact on the child is rarely "
                                 "assessed. A themed inspection into neglect is proposed.", RiskFactor.NEGLECT,
         "neglect"),
        ("area_for_development", "Plans lack timescales and are not always understood by the family.", None, ""),
    ),
    LA: (
        ("strength", "Placements are stable and children say they feel part of their foster families.", None, ""),
        ("strength", "Care leavers are well known to their personal advisers and most live in suitable homes.",
         None, ""),
        ("area_for_development", "Frequent changes of social worker mean some children repeat their story to "
                                 "new workers.", None, ""),
    ),
    LMG: (
        ("strength", "Leaders know their teams and their cases: the district manager attends reviews and sits "
                     "with workers.", None, ""),
        ("strength", "Children's and families' views, gathered by care ambassadors, are heard by the lead member.",
         None, ""),
        ("area_for_development", "Performance information is reported but not yet used to ask why: the "
                                 "performance action group records figures and few actions.", None, ""),
        ("area_for_development", "Supervision is below standard in frequency and varies in quality.", None, ""),
    ),
}
JUDGEMENTS = {
    HP: ("requires-improvement",
         "Most children are safe and seen, and domestic abuse is handled well, but neglect is recognised late, "
         "too many plans drift, and one baby needed an immediate safeguarding plan during the inspection."),
    LA: ("good",
         "Children live in stable homes, permanence is planned early, and care leavers are well supported; "
         "changes of social worker are the main weakness."),
    LMG: ("good",
          "Leaders know frontline practice from direct contact with it and act on what they find, but "
          "performance information and supervision do not yet drive improvement consistently."),
}
RECOMMENDATIONS = (
    (HP, "Make sure neglect is recognised and its cumulative impact assessed, using the neglect toolkit in every "
         "assessment where neglect is a factor."),
    (HP, "Make every child in need and child protection plan specific, with timescales, and written so the "
         "family understands it."),
    (LA, "Reduce changes of social worker for children in care, and tell children before their worker changes."),
    (LMG, "Use the performance action group to ask why the figures look as they do, and follow each action "
          "through to the next meeting."),
    (LMG, "Bring supervision up to the standard in frequency and quality, with a reflective record on the child's file."),
)


def conclude(engine: Engine, clock: FixedClock, insp: str, lead: str, theme_leads: dict, saved: dict, on: date,
              judgements: dict = JUDGEMENTS, findings: dict = FINDINGS, recommendations=RECOMMENDATIONS) -> None:
    clock.set(on, 10)
    reviews = saved["file_review"]
    for theme, items in findings.items():
        for kind, text, factor, proposed in items:
            if factor is not None:
                linked = [r.id for r in reviews if factor in r.risk_factors][:6]
            else:
                themed = (*reviews, *saved["observation"], *saved["indicator"])
                linked = [e.id for e in themed if e.theme_id == theme][:3]
            # Every finding also rests on what people said: a second kind of independent source.
            linked += [c.id for c in saved["conversation"] if c.theme_id in (theme, None)][:2]
            conclusions.record_finding(engine, as_person=theme_leads[theme], inspection=insp, theme_id=theme, kind=kind,
                                       text=text, evidence_ids=tuple(linked), proposed_theme=proposed)
    clock.set(on, 14)
    for theme, (grade, reasons) in judgements.items():
        conclusions.propose_judgement(engine, as_person=theme_leads[theme], inspection=insp, theme_id=theme,
                                      grade=grade, reasons=reasons)
    clock.set(on + timedelta(days=1), 11)
    for theme in judgements:
        conclusions.sign_off_judgement(engine, as_person=lead, inspection=insp, theme_id=theme)
    for theme, text in recommendations:
        conclusions.add_recommendation(engine, as_person=lead, inspection=insp, theme_id=theme, text=text)


# (recommendation number, what, owner: "district" | "area", due, progress [(on, text)], done on)
MAIN_ACTIONS = (
    (0, "Neglect toolkit training for every social worker and team manager in Harrowmere", "district",
     date(2027, 1, 29), [(date(2026, 11, 18), "Two of five sessions booked with the safeguarding partnership.")], None),
    (0, "Area-wide neglect practice workshop for district managers, with the themed inspection's findings", "area",
     date(2027, 3, 31), [], None),
    (1, "Audit twenty plans a month against a plain-language standard and feed back to each worker", "district",
     date(2026, 11, 20), [(date(2026, 11, 17), "First ten plans audited; the audit form is being revised.")], None),
    (2, "Keep a child's social worker for at least a year unless the child asks otherwise; explain every change "
        "to the child in person", "district", date(2027, 2, 26), [], None),
    (3, "Rewrite the performance action group's terms of reference so every figure outside tolerance has an "
        "owner and an action", "district", date(2026, 12, 11),
     [(date(2026, 11, 19), "New terms of reference drafted with the team managers."),
      (date(2026, 11, 24), "Agreed at the district management team; first meeting under them held.")],
     date(2026, 11, 24)),
    (4, "Monthly supervision compliance report to each team manager, with a quarterly audit of supervision quality",
     "district", date(2026, 12, 18), [(date(2026, 11, 23), "Report built; first run shows 78% in timescale.")], None),
)


def _action_plan_in_progress(engine: Engine, clock: FixedClock, insp: str, cast: Cast) -> None:
    """The district manager drafts the action plan and starts on it; it is not yet submitted."""
    manager = cast.harrowmere_manager
    recommendations = engine.workspace.dossier(insp).recommendations
    owners = {"district": manager, "area": cast.north_area_manager}
    for number, what, owner, due, progress, done_on in MAIN_ACTIONS:
        clock.set(date(2026, 11, 16), 10 + number)
        action = actionplan.add_action(engine, as_person=manager, inspection=insp, what=what, owner=owners[owner],
                                       recommendation_id=recommendations[number].id, due=due)
        for index, (on, text) in enumerate(progress):
            finished = done_on is not None and index == len(progress) - 1
            clock.set(on, 16)
            actionplan.record_progress(engine, as_person=manager, inspection=insp, action_id=action.id, text=text,
                                       on=on, done=finished)


# the closed, the themed and the planned inspection ---------------------------------------------
CLOSED_FIELDWORK = (date(2025, 6, 9), date(2025, 6, 12))
CLOSED_TEAMS = {LegalStatus.CHILD_IN_NEED: ("Assessment",), LegalStatus.CHILD_PROTECTION_PLAN: ("Assessment",),
                LegalStatus.LOOKED_AFTER: ("Children in Care",), LegalStatus.CARE_LEAVER: ("Care Leavers",)}
CLOSED_FINDINGS = {
    HP: (("strength", "Thresholds are applied consistently at the front door and strategy discussions are timely.",
          None, ""),),
    LA: (("strength", "Children in care achieve permanence without delay; adoption timeliness is the best in the area.",
          None, ""),
         ("area_for_development", "Pathway plans for care leavers are not always written with the young person.",
          None, "")),
    LMG: (("strength", "A stable, well-supported workforce with manageable caseloads.", None, ""),),
}
CLOSED_JUDGEMENTS = {
    HP: ("good", "Children at risk are identified and protected promptly; help is well matched to need."),
    LA: ("good", "Stable placements and timely permanence; care leavers' plans need more of their own voice."),
    LMG: ("outstanding", "Leaders know practice in depth and have built a stable workforce that learns from audit."),
}
CLOSED_RECOMMENDATIONS = (
    (LA, "Write every pathway plan with the young person, in their words."),
    (LMG, "Share the district's supervision model with the other districts in the South area."),
)


def _closed_inspection(engine: Engine, clock: FixedClock, cast: Cast, rng: Random) -> None:
    lead = cast.south_director
    framework = engine.framework(FULL)
    clock.set(date(2025, 5, 19))
    team = [(cast.inspectors[2], "inspector"), (cast.inspectors[4], "inspector"),
            (cast.ambassadors[0], "care ambassador")]
    insp = planning.plan_inspection(
        engine, as_person=lead, district="Saltmarsh", framework_id=FULL, fieldwork_start=CLOSED_FIELDWORK[0],
        fieldwork_end=CLOSED_FIELDWORK[1], lead=lead, theme_leads=dict(cast.theme_leads), team=team, title=CLOSED_TITLE,
    ).id

    def step(event: str, on: date, by: str = lead) -> None:
        workflow.advance(engine, as_person=by, inspection=insp, event=event, on=clock.set(on))

    step("notify", date(2025, 6, 2))
    step("start_fieldwork", CLOSED_FIELDWORK[0])
    writer, record = Writer(rng), Recorder(engine, clock, insp)
    days = [CLOSED_FIELDWORK[0] + timedelta(days=n) for n in range(4)]
    for index, (outline, reference) in enumerate(zip(case_outlines(rng, 8), case_references(rng, "SLM", 8))):
        fields = file_review_fields(rng, writer, framework, outline, reference, CLOSED_TEAMS, days[index % 3])
        record("file_review", team[index % 2][0], fields)
    for index in (0, 4, 9):
        setting, practitioner, _, theme, notes, difference = OBSERVATIONS[index]
        record("observation", cast.inspectors[2], {
            "setting": setting, "practitioner": practitioner, "grade": "good", "theme_id": theme, "notes": notes,
            "difference_made": difference, "recorded_on": days[index % 4]})
    authors = {"inspector": cast.inspectors[4], "ambassador": cast.ambassadors[0], "lead": lead}
    for index in (0, 4, 8, 12, 16, 19):
        group, form, mode, who, notes, answers = CONVERSATIONS[index]
        record("conversation", authors[who], {
            "with_group": group, "format": form, "mode": mode, "notes": notes, "family_answers": answers,
            "difference_made": conversation_difference(group, answers), "recorded_on": days[index % 4]})
    for index, value in ((1, "91%"), (4, "6.0%"), (5, "88%"), (7, "96%")):
        name, _, comparator, _, theme, _, difference = INDICATORS[index]
        record("indicator", cast.theme_leads[LMG], {
            "name": name, "value": value, "comparator": comparator, "period": "2024–25", "theme_id": theme,
            "commentary": "Checked against the files reviewed: the figure reflects the practice seen.",
            "difference_made": difference, "recorded_on": days[0]})
    step("give_feedback", CLOSED_FIELDWORK[1])
    conclude(engine, clock, insp, lead, cast.theme_leads, record.saved, date(2025, 6, 16),
              CLOSED_JUDGEMENTS, CLOSED_FINDINGS, CLOSED_RECOMMENDATIONS)
    step("draft_report", date(2025, 6, 19))
    step("issue_report", date(2025, 6, 24))
    manager, area_manager = cast.saltmarsh_manager, cast.south_area_manager
    clock.set(date(2025, 6, 30))
    actions = [
        actionplan.add_action(engine, as_person=manager, inspection=insp, recommendation_id=r.id, owner=manager,
                              what=what, due=due)
        for r, what, due in zip(
            engine.workspace.dossier(insp).recommendations,
            ("Pathway plan workshop with care leavers; every plan rewritten at its next review",
             "Supervision model presented at the South area practice forum"),
            (date(2025, 10, 31), date(2025, 9, 30)),
        )
    ]
    step("submit_action_plan", date(2025, 7, 4), by=manager)
    step("approve_action_plan", date(2025, 7, 9), by=area_manager)
    step("start_monitoring", date(2025, 7, 9), by=area_manager)
    for action, done_on in zip(actions, (date(2025, 10, 20), date(2025, 9, 18))):
        clock.set(done_on, 15)
        actionplan.record_progress(engine, as_person=manager, inspection=insp, action_id=action.id, on=done_on,
                                   text="Done; evidence shared with the area manager.", done=True)
        clock.set(done_on + timedelta(days=7), 11)
        actionplan.verify_action(engine, as_person=area_manager, inspection=insp, action_id=action.id,
                                 on=done_on + timedelta(days=7))
    step("close", date(2025, 11, 3), by=area_manager)


def _themed_inspection(engine: Engine, clock: FixedClock, cast: Cast) -> None:
    main = engine.summary(MAIN_TITLE).inspection
    finding = next(f for f in engine.workspace.dossier(main.id).findings if f.proposed_theme)
    leads = dict(zip(("neglect-recognition", "neglect-impact", "neglect-response"),
                     (cast.theme_leads[HP], cast.theme_leads[LA], cast.theme_leads[LMG])))
    clock.set(date(2026, 11, 20), 14)
    planning.plan_themed_inspection(
        engine, as_person=main.lead_id, from_inspection=main.id, finding_id=finding.id, framework_id=NEGLECT,
        fieldwork_start=date(2027, 1, 19), fieldwork_end=date(2027, 1, 21), theme_leads=leads,
        team=[(cast.inspectors[0], "inspector"), (cast.inspectors[3], "inspector"),
              (cast.ambassadors[1], "care ambassador")],
    )


def _planned_inspection(engine: Engine, clock: FixedClock, cast: Cast) -> None:
    clock.set(date(2026, 11, 9), 11)
    planning.plan_inspection(
        engine, as_person=cast.south_director, district="Kestrel Downs", framework_id=FULL,
        fieldwork_start=date(2027, 2, 8), fieldwork_end=date(2027, 2, 12), lead=cast.south_director,
        theme_leads=dict(cast.theme_leads), title=PLANNED_TITLE,
        team=[(cast.inspectors[1], "inspector"), (cast.inspectors[2], "inspector"),
              (cast.ambassadors[0], "care ambassador")],
    )


# building, writing and importing the sample ------------------------------------------------------
def build_sample(root: Path) -> Engine:
    """The whole fictional authority, built through the engine into a new workspace at `root`."""
    clock = FixedClock(date(2025, 4, 1))
    rng = Random(SEED)
    with seeded_ids(SEED):
        engine = Engine.open(Path(root), clock=clock, create=True)
        cast = _authority(engine)
        _closed_inspection(engine, clock, cast, rng)
        _main_inspection(engine, clock, cast, rng)
        _planned_inspection(engine, clock, cast)
        _themed_inspection(engine, clock, cast)
    _add_uninspected_districts(engine, cast.north_director)
    clock.set(DEMO_TODAY)
    return engine


def bundle_texts(engine: Engine) -> dict[str, str]:
    """Each sample inspection as bundle text, by the file it is committed in."""
    texts = {}
    for name, title in BUNDLE_FILES.items():
        inspection = engine.summary(title).inspection
        # The references are invented, so the sample keeps them: the demo shows what a real team would see.
        exported = bundle.export_bundle(
            engine, as_person=inspection.lead_id, inspection=inspection.id, include_case_refs=True
        )
        texts[name] = bundle.export_text(exported)
    return texts


def write_sample(output: Path) -> list[Path]:
    """Build the sample in a scratch workspace and write its bundles into `output`."""
    output = Path(output)
    make_folder(output)
    with tempfile.TemporaryDirectory() as scratch:
        texts = bundle_texts(build_sample(Path(scratch) / "workspace"))
    written = []
    for name, text in texts.items():
        write_file(output / name, text.encode("utf-8"))
        written.append(output / name)
    return written


def sample_dir() -> Path | None:
    """The committed bundles: in a checkout, or where an installed wheel put them."""
    checkout = Path(__file__).resolve().parents[1]
    candidates = []
    if (checkout / "pyproject.toml").is_file():
        candidates.append(checkout / "inspections" / "sample")
    candidates += [Path(sys.prefix) / SHARE_FOLDER, Path(site.getuserbase()) / SHARE_FOLDER]
    return next((c for c in candidates if (c / next(iter(BUNDLE_FILES))).is_file()), None)


def build_demo(root: Path, *, clock=None, source: Path | None = None) -> Engine:
    """A new demo workspace at `root`, from the committed bundles: the same content as `build_sample`, in a moment.

    Its clock reads 26 November 2026 unless another is given.
    """
    folder = Path(source) if source else sample_dir()
    missing = [name for name in BUNDLE_FILES if folder is None or not (folder / name).is_file()]
    if missing:
        raise NotFound(
            f"The sample inspections are missing ({', '.join(missing)}): "
            "write them with 'python -m peerinspect.sample --output inspections/sample/'"
        )
    engine = Engine.open(Path(root), clock=clock or demo_clock(), create=True)
    for name in BUNDLE_FILES:
        text = (folder / name).read_text(encoding="utf-8")
        bundle.import_bundle(engine, text, source=name, as_person=_an_area_director(engine))
    _add_uninspected_districts(engine, _an_area_director(engine))
    return engine


def build_demo_on_disk_at_end(root: Path) -> None:
    """A new demo workspace at `root`, each file put on disk once at the end rather than at each of its thirty-odd saves.

    Only for a process that does nothing else and ends when this returns (the demo's second process): it
    acknowledges no save to anyone, and it ends only after every file of the workspace is on disk.
    """
    fsync, os.fsync = os.fsync, lambda fd: None
    try:
        build_demo(root)
    finally:
        os.fsync = fsync
    fsync_tree(root)


def _an_area_director(engine: Engine) -> str | None:
    return next((p.id for p in engine.workspace.people() if p.role is Role.AREA_DIRECTOR), None)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m peerinspect.sample",
        description="Write the fictional sample inspections as bundles (the same bytes every run).",
    )
    default = Path(__file__).resolve().parents[1] / "inspections" / "sample"
    parser.add_argument("--output", type=Path, default=default, help=f"folder for the bundles (default: {default})")
    args = parser.parse_args(argv)
    for path in write_sample(args.output):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

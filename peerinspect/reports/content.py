"""The written report as plain data: what is frozen when a report is issued and what every renderer reads.

The external report goes to the district. It carries no case reference, team or allocated worker of
any file reviewed, and no practitioner's name: evidence texts are included as written, because they
are the inspectors' words about practice. The internal version adds an appendix that lists the files.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date

from ..domain.authority import District, Person
from ..domain.dossier import Dossier
from ..domain.evidence import EVIDENCE_CLASSES, Conversation, Evidence, FileReview, Observation, PerformanceIndicator, evidence_kind
from ..domain.framework import Framework, Theme
from ..domain.impact import support_of_findings
from ..domain.vocabulary import ConversationGroup, FindingKind, JudgementStatus, ObservationSetting, TeamRole
from .profile import CaseProfile, Share, case_profile

CONTENT_FORMAT = 1

# How the report counts conversations: the groups the practice names, managers together.
CONVERSATION_GROUPS: tuple[tuple[str, str, tuple[ConversationGroup, ...]], ...] = (
    ("workers", "Workers", (ConversationGroup.WORKER,)),
    ("managers", "Managers", (ConversationGroup.TEAM_MANAGER, ConversationGroup.MIDDLE_MANAGER)),
    ("children", "Children and young people", (ConversationGroup.CHILD_OR_YOUNG_PERSON,)),
    ("parents", "Parents and carers", (ConversationGroup.PARENT_OR_CARER,)),
    ("partners", "Partner agencies", (ConversationGroup.PARTNER_AGENCY,)),
    ("members", "Elected members", (ConversationGroup.ELECTED_MEMBER,)),
)

EVIDENCE_KIND_TITLES = {cls.KIND: cls.TITLE for cls in EVIDENCE_CLASSES}

TEAM_ROLE_TITLES = {
    TeamRole.LEAD: "Leads the inspection",
    TeamRole.THEME_LEAD: "Theme lead",
    TeamRole.INSPECTOR: "Inspector",
    TeamRole.CARE_AMBASSADOR: "Care ambassador",
}


def build_report(
    dossier: Dossier,
    framework: Framework,
    *,
    people: Mapping[str, Person],
    district: District,
    report_due: date | None,
    issued_on: date | None,
    internal: bool = False,
) -> dict:
    inspection = dossier.inspection
    numbered = _numbered_recommendations(dossier, framework)
    content = {
        "format": CONTENT_FORMAT,
        "internal": internal,
        "title": f"Peer inspection of {district.name}",
        "district": district.name,
        "inspection": {
            "id": inspection.id,
            "kind": inspection.kind.value,
            "title": inspection.title,
            "notice_date": _iso(inspection.notice_date),
        },
        "framework": {
            "title": framework.title,
            "version": framework.version,
            "focus": framework.focus,
            "grades": [{"key": g.key, "label": g.label, "rank": g.rank} for g in sorted(framework.grades, key=lambda g: g.rank)],
        },
        "fieldwork": {"start": inspection.fieldwork_start.isoformat(), "end": inspection.fieldwork_end.isoformat()},
        "team": _team(dossier, framework, people),
        "lead": _name(people, inspection.lead_id),
        "feedback_given_on": _iso(inspection.feedback_given_on),
        "issue": issue_status(report_due, issued_on),
        "themes": [_theme(dossier, framework, theme, numbered, people) for theme in framework.themes],
        "general_file_findings": _file_findings(_unthemed_file_reviews(dossier.file_reviews, framework)),
        "key_question": _key_question(dossier, framework),
        "evidence": _evidence_base(dossier),
        "case_profile": profile_content(case_profile(dossier.file_reviews)),
        "safeguarding": _safeguarding(dossier, internal),
        "recommendations": list(numbered.values()),
        "impact": _impact(dossier, framework),
    }
    if internal:
        content["appendix"] = _appendix(dossier.file_reviews)
    return content


def content_hash(content: dict) -> str:
    """The same for equal content, whatever the order its keys were built in."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def issue_status(report_due: date | None, issued_on: date | None) -> dict:
    """Whether the written report met its deadline: on time, late by so many days, or not yet issued."""
    status = {"due": _iso(report_due), "issued_on": _iso(issued_on), "days_late": 0}
    if issued_on is None:
        status["state"] = "not_issued"
        status["text"] = f"Not yet issued (due {_long(report_due)})" if report_due else "Not yet issued"
    elif report_due is None:
        status["state"] = "no_deadline"
        status["text"] = f"Issued {_long(issued_on)}"
    elif issued_on <= report_due:
        status["state"] = "on_time"
        status["text"] = f"Issued {_long(issued_on)}: on time (due {_long(report_due)})"
    else:
        late = (issued_on - report_due).days
        status["state"] = "late"
        status["days_late"] = late
        status["text"] = f"Issued {_long(issued_on)}: late by {late} day{'s' if late != 1 else ''} (due {_long(report_due)})"
    return status


def profile_content(profile: CaseProfile) -> dict:
    def share(label: str, key: str, s: Share) -> dict:
        return {"key": key, "label": label, "count": s.count, "total": s.total, "percent": s.percent}

    return {
        "children": profile.children,
        "age_bands": [share(band.label, band.value, s) for band, s in profile.age_bands],
        "legal_statuses": [share(status.label, status.value, s) for status, s in profile.legal_statuses],
        "risk_factors": [share(factor.label, factor.value, s) for factor, s in profile.risk_factors],
        "risk_combinations": [
            share("at least two risk factors", "at_least_two", profile.at_least_two_risks),
            share("at least three risk factors", "at_least_three", profile.at_least_three_risks),
        ],
        "disability_or_sen": share("disability or special educational need", "disability_or_sen", profile.disability_or_sen),
    }


def _team(dossier: Dossier, framework: Framework, people: Mapping[str, Person]) -> list[dict]:
    inspection = dossier.inspection
    order = [inspection.lead_id] + [m.person_id for m in inspection.team if m.person_id != inspection.lead_id]
    team = []
    for person_id in dict.fromkeys(order):
        roles = inspection.roles_of(person_id)
        person = people.get(person_id)
        themes = [
            _theme_title(framework, m.theme_id)
            for m in inspection.team
            if m.person_id == person_id and m.role is TeamRole.THEME_LEAD and m.theme_id
        ]
        team.append(
            {
                "name": _name(people, person_id),
                "job": person.role.label if person else "",
                "roles": [TEAM_ROLE_TITLES[r] for r in TeamRole if r in roles],
                "themes": themes,
                "lead": person_id == inspection.lead_id,
            }
        )
    return team


def _theme(dossier: Dossier, framework: Framework, theme: Theme, numbered: dict, people: Mapping[str, Person]) -> dict:
    judgement = dossier.judgement_for(theme.id)
    grade = framework.grade(judgement.grade) if judgement else None
    findings = [f for f in dossier.findings if f.theme_id == theme.id]
    lead_id = dossier.inspection.theme_lead(theme.id)
    return {
        "id": theme.id,
        "title": theme.title,
        "summary": theme.summary,
        "grade": {"key": grade.key, "label": grade.label, "rank": grade.rank} if grade else None,
        "judgement_status": judgement.status.value if judgement else None,
        "signed_off": bool(judgement and judgement.status is JudgementStatus.SIGNED_OFF),
        "reasons": judgement.reasons if judgement else "",
        "strengths": [f.text for f in findings if f.kind is FindingKind.STRENGTH],
        "areas_for_development": [f.text for f in findings if f.kind is FindingKind.AREA_FOR_DEVELOPMENT],
        "findings": [_finding(support) for support in support_of_findings(dossier, framework) if support.finding.theme_id == theme.id],
        "proposed_themed_inspections": sorted({f.proposed_theme for f in findings if f.proposed_theme.strip()}),
        "file_findings": _file_findings(r for r in dossier.file_reviews if theme.id in _themes_of(r, framework)),
        "recommendations": [dict(item) for item in numbered.values() if item["theme_id"] == theme.id],
        "lead": _name(people, lead_id) if lead_id else "",
    }


def _finding(support) -> dict:
    return {
        "text": support.finding.text,
        "kind": support.finding.kind.value,
        "sources": [k.value for k in support.kinds],
        "source_count": support.count,
        "sources_text": support.text,
        "below_minimum": support.below_minimum,
    }


def _impact(dossier: Dossier, framework: Framework) -> dict:
    """The minimum kinds of source a finding needs, and the lead's reason, given at the issue step, for any below it."""
    reason = next((c.note for c in reversed(dossier.inspection.history) if c.event == "issue_report"), "")
    thin = [s for s in support_of_findings(dossier, framework) if s.below_minimum]
    return {"minimum_source_kinds": framework.minimum_source_kinds, "below_minimum": len(thin), "reason": reason if thin else ""}


def _themes_of(evidence: Evidence, framework: Framework) -> frozenset[str]:
    """The themes a piece of evidence speaks to: its own theme, or for a file review the themes it graded."""
    if evidence.theme_id and framework.theme(evidence.theme_id):
        return frozenset({evidence.theme_id})
    if isinstance(evidence, FileReview):
        return frozenset(t.id for t in framework.themes for c in t.criteria if c.id in evidence.grades)
    return frozenset()


def _unthemed_file_reviews(reviews: Iterable[FileReview], framework: Framework) -> list[FileReview]:
    return [r for r in reviews if not _themes_of(r, framework)]


def _file_findings(reviews: Iterable[FileReview]) -> dict:
    """What the file reviews said, summarised: how many files, and each distinct remark with how often it was made."""
    reviews = list(reviews)

    def remarks(texts: list[str]) -> list[dict]:
        counted = Counter(" ".join(t.split()) for t in texts if t.strip())
        return [{"text": text, "files": n} for text, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0].lower()))]

    return {
        "reviews": len(reviews),
        "with_strengths": sum(1 for r in reviews if r.strengths.strip()),
        "with_areas": sum(1 for r in reviews if r.areas_for_development.strip()),
        "strengths": remarks([r.strengths for r in reviews]),
        "areas_for_development": remarks([r.areas_for_development for r in reviews]),
    }


def _key_question(dossier: Dossier, framework: Framework) -> dict:
    """Every answer to 'so what difference has been made?', by theme, then by kind for evidence with no theme."""
    groups: dict[str, dict] = {}
    for theme in framework.themes:
        groups[theme.id] = {"title": theme.title, "answers": []}
    for kind, title in EVIDENCE_KIND_TITLES.items():
        groups[kind] = {"title": title, "answers": []}
    for evidence in dossier.evidence:
        text = evidence.difference_made.strip()
        if not text:
            continue
        theme = framework.theme(evidence.theme_id) if evidence.theme_id else None
        group = theme.id if theme else evidence_kind(evidence)
        groups[group]["answers"].append({"source": _source(evidence), "text": text})
    answered = [g for g in groups.values() if g["answers"]]
    return {
        "question": framework.key_question,
        "answers": sum(len(g["answers"]) for g in answered),
        "groups": answered,
    }


def _source(evidence: Evidence) -> str:
    """Where an answer came from, in words that name no child, worker or team."""
    if isinstance(evidence, FileReview):
        return "File review"
    if isinstance(evidence, Observation):
        return f"Observation of practice ({evidence.setting.label})"
    if isinstance(evidence, Conversation):
        return f"Conversation with {_group_phrase(evidence.with_group)}"
    assert isinstance(evidence, PerformanceIndicator)
    return f"Performance indicator: {evidence.name}"


# How repeats of one answer are counted, by the words its source begins with (see `_source`).
_ANSWER_NOUNS = (("File review", "files"), ("Observation of practice", "observations"), ("Conversation with", "conversations"))


def merged_answers(answers: list[dict]) -> list[dict]:
    """One group's answers to the key question, each said once: word-for-word repeats from the same kind of
    source are merged and counted ("4 files"), the most often given first, then in the order they were recorded."""
    counted = Counter((a["source"], " ".join(a["text"].split())) for a in answers)
    merged = sorted(counted.items(), key=lambda pair: -pair[1])
    return [{"source": source, "text": text, "times": n, "times_text": _times(source, n)} for (source, text), n in merged]


def _times(source: str, n: int) -> str:
    if n == 1:
        return ""
    noun = next((noun for start, noun in _ANSWER_NOUNS if source.startswith(start)), "times")
    return f"{n} {noun}"


def _group_phrase(group: ConversationGroup) -> str:
    return {
        ConversationGroup.WORKER: "a worker",
        ConversationGroup.TEAM_MANAGER: "a team manager",
        ConversationGroup.MIDDLE_MANAGER: "a middle manager",
        ConversationGroup.CHILD_OR_YOUNG_PERSON: "a child or young person",
        ConversationGroup.PARENT_OR_CARER: "a parent or carer",
        ConversationGroup.PARTNER_AGENCY: "a partner agency",
        ConversationGroup.ELECTED_MEMBER: "an elected member",
    }[group]


def _evidence_base(dossier: Dossier) -> dict:
    by_group = Counter(c.with_group for c in dossier.conversations)
    settings = Counter(o.setting for o in dossier.observations)
    return {
        "file_reviews": len(dossier.file_reviews),
        "observations": len(dossier.observations),
        "observation_settings": [{"label": s.label, "count": settings[s]} for s in ObservationSetting if settings[s]],
        "conversations": len(dossier.conversations),
        "conversation_groups": [
            {"key": key, "label": label, "count": sum(by_group[g] for g in members)}
            for key, label, members in CONVERSATION_GROUPS
        ],
        "indicators": len(dossier.indicators),
        "indicator_list": [
            {
                "name": i.name,
                "value": i.value,
                "comparator": i.comparator,
                "period": i.period,
                "commentary": i.commentary,
            }
            for i in dossier.indicators
        ],
    }


def _safeguarding(dossier: Dossier, internal: bool) -> dict:
    concerns = []
    for concern in sorted(dossier.concerns, key=lambda c: c.raised_on):
        item = {"raised_on": concern.raised_on.isoformat(), "plan_made_on": _iso(concern.plan.made_on if concern.plan else None)}
        if internal:
            item["description"] = concern.description
            evidence = dossier.find_evidence(concern.evidence_id) if concern.evidence_id else None
            item["case_reference"] = evidence.case_reference if isinstance(evidence, FileReview) else ""
        concerns.append(item)
    return {"count": len(concerns), "concerns": concerns}


def evidence_line(evidence: dict) -> str:
    """The evidence base in one line, for the first page: "32 files reviewed, 10 observations of practice, ..."."""
    counts = (
        (evidence["file_reviews"], "file reviewed", "files reviewed"),
        (evidence["observations"], "observation of practice", "observations of practice"),
        (evidence["conversations"], "conversation", "conversations"),
        (evidence["indicators"], "performance indicator", "performance indicators"),
    )
    parts = [f"{n} {one if n == 1 else many}" for n, one, many in counts]
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def safeguarding_sentence(safeguarding: dict) -> str:
    n = safeguarding["count"]
    if not n:
        return "No immediate safeguarding concern was raised during the inspection."
    raised = f"{n} immediate safeguarding concern{'s were' if n != 1 else ' was'} raised during the inspection"
    without = sum(1 for c in safeguarding["concerns"] if not c["plan_made_on"])
    if not without:
        return f"{raised}; {'each' if n != 1 else 'it'} had an immediate action plan rather than waiting for this report."
    return f"{raised}; {without} of them {'has' if without == 1 else 'have'} no immediate action plan yet."


def feedback_line(content: dict) -> str:
    given = content["feedback_given_on"]
    if not given:
        return "not yet given"
    on_last_day = given == content["fieldwork"]["end"]
    return f"{long_date(given)}, the last day of fieldwork" if on_last_day else long_date(given)


def findings_with_sources(theme: dict, kind: str) -> list[str]:
    """A theme's findings of one kind, each with the kinds of source behind it; reports issued before sources
    were counted show the findings alone."""
    if "findings" not in theme:
        return theme["strengths" if kind == FindingKind.STRENGTH.value else "areas_for_development"]
    return [
        f"{f['text']} ({f['sources_text']}{', below the minimum' if f['below_minimum'] else ''})"
        for f in theme["findings"] if f["kind"] == kind
    ]


def impact_sentence(content: dict) -> str:
    """How many findings rest on too few kinds of source, and why the lead issued the report with them; "" if none."""
    impact = content.get("impact") or {}
    thin, minimum = impact.get("below_minimum", 0), impact.get("minimum_source_kinds", 0)
    if not thin:
        return ""
    which = "finding rests" if thin == 1 else "findings rest"
    sentence = f"{thin} {which} on fewer than {minimum} kinds of independent source."
    return f"{sentence} The lead's reason for issuing the report as it is: {impact['reason']}" if impact.get("reason") else sentence


def inspection_line(content: dict) -> str:
    inspection = content["inspection"]
    kind = "Themed inspection" if inspection["kind"] == "themed" else "Full inspection"
    return f"{kind}: {inspection['title']}" if inspection["title"].strip() else kind


def _numbered_recommendations(dossier: Dossier, framework: Framework) -> dict[str, dict]:
    """Recommendations numbered once for the whole report, in the order of the framework's themes."""
    theme_order = {t.id: i for i, t in enumerate(framework.themes)}
    ordered = sorted(
        enumerate(dossier.recommendations),
        key=lambda pair: (theme_order.get(pair[1].theme_id, len(theme_order)), pair[0]),
    )
    return {
        rec.id: {
            "number": n,
            "theme_id": rec.theme_id,
            "theme": _theme_title(framework, rec.theme_id),
            "text": rec.text,
        }
        for n, (_, rec) in enumerate(ordered, start=1)
    }


def _appendix(reviews: Iterable[FileReview]) -> list[dict]:
    return [
        {
            "case_reference": r.case_reference,
            "team": r.team,
            "allocated_worker": r.allocated_worker,
            "age_band": r.age_band.label,
            "legal_status": r.legal_status.label,
            "risk_factors": [f.label for f in r.risk_factors],
            "recorded_on": r.recorded_on.isoformat(),
            "safeguarding": r.raises_safeguarding,
        }
        for r in sorted(reviews, key=lambda r: (r.team.lower(), r.case_reference))
    ]


def _theme_title(framework: Framework, theme_id: str | None) -> str:
    theme = framework.theme(theme_id) if theme_id else None
    return theme.title if theme else (theme_id or "")


def _name(people: Mapping[str, Person], person_id: str | None) -> str:
    person = people.get(person_id) if person_id else None
    return person.name if person else "(not on record)"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _long(day: date | None) -> str:
    return long_date(day.isoformat()) if day else ""


def long_date(iso: str | None) -> str:
    """'2025-03-07' as '7 March 2025', the way a report is read in England."""
    if not iso:
        return ""
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"

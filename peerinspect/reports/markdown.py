"""The written report as Markdown: what a district manager reads, in a file or an e-mail."""

from __future__ import annotations

import re

from .content import (
    evidence_line, feedback_line, findings_with_sources, impact_sentence, inspection_line, long_date, merged_answers,
    safeguarding_sentence,
)

# Characters that would change what Markdown shows: escaped so evidence text reads as written.
_INLINE = re.compile(r"([\\`*_<>\[\]])")
_BLOCK_MARK = re.compile(r"^(\s*)([#>+-])")
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])")


def text(value: str) -> str:
    """Free text as Markdown that shows exactly what was typed, paragraph breaks kept."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", value.strip())]
    return "\n\n".join(item(p) for p in paragraphs if p)


def item(value: str) -> str:
    """Free text as one list item: a single line that cannot start a heading or a nested list."""
    line = _INLINE.sub(r"\\\1", " ".join(value.split()))
    return _LIST_NUMBER.sub(r"\1\\\2", _BLOCK_MARK.sub(r"\1\\\2", line))


def cell(value: object) -> str:
    """Text for one table cell: one line, pipes escaped."""
    return _INLINE.sub(r"\\\1", " ".join(str(value).split())).replace("|", "\\|")


def share(entry: dict) -> str:
    return f"{entry['percent']}% ({entry['count']} of {entry['total']})"


def render_markdown(content: dict) -> str:
    out: list[str] = []
    add = out.append
    add(f"# {cell(content['title'])}")
    add("")
    if content.get("internal"):
        add("**Internal version: names case references and workers. Do not send outside the inspection team.**")
        add("")
    _facts(content, add)
    _summary(content, add)
    _team(content["team"], add)
    for theme in content["themes"]:
        _theme(theme, add)
    _general(content.get("general_file_findings") or {}, add)
    if impact_sentence(content):
        add(text(impact_sentence(content)))
        add("")
    _key_question(content["key_question"], add)
    _evidence(content["evidence"], add)
    _profile(content["case_profile"], add)
    _safeguarding(content["safeguarding"], content.get("internal", False), add)
    _recommendations(content["recommendations"], add)
    if content.get("appendix") is not None:
        _appendix(content["appendix"], add)
    return "\n".join(out).rstrip() + "\n"


def _facts(content: dict, add) -> None:
    fieldwork = content["fieldwork"]
    add("| | |")
    add("|---|---|")
    add(f"| District | {cell(content['district'])} |")
    add(f"| Inspection | {cell(inspection_line(content))} |")
    add(f"| Fieldwork | {long_date(fieldwork['start'])} to {long_date(fieldwork['end'])} |")
    add(f"| Inspection lead | {cell(content['lead'])} |")
    add(f"| Feedback to staff | {cell(feedback_line(content))} |")
    add(f"| Report | {cell(content['issue']['text'])} |")
    add(f"| Framework | {cell(content['framework']['title'])} (version {cell(content['framework']['version'])}) |")
    add(f"| Evidence | {cell(evidence_line(content['evidence']))} |")
    add(f"| Safeguarding | {cell(safeguarding_sentence(content['safeguarding']))} |")
    add("")


def _team(team: list[dict], add) -> None:
    add("## The inspection team")
    add("")
    for member in team:
        roles = ", ".join(member["roles"])
        if member["themes"]:
            roles += f" ({', '.join(member['themes'])})"
        job = f", {member['job']}" if member["job"] else ""
        add(f"- **{cell(member['name'])}**{cell(job)}: {cell(roles)}")
    add("")


def _grade_text(theme: dict) -> str:
    if not theme["grade"]:
        return "not yet judged"
    label = theme["grade"]["label"]
    return label if theme["signed_off"] else f"{label} (proposed, not yet signed off)"


def _summary(content: dict, add) -> None:
    add("## Summary of judgements")
    add("")
    add("| Theme | Judgement |")
    add("|---|---|")
    for theme in content["themes"]:
        add(f"| {cell(theme['title'])} | {cell(_grade_text(theme))} |")
    add("")


def _theme(theme: dict, add) -> None:
    add(f"## {cell(theme['title'])}")
    add("")
    add(f"**Judgement: {cell(_grade_text(theme))}**")
    add("")
    if theme["lead"]:
        add(f"Theme lead: {cell(theme['lead'])}")
        add("")
    if theme["reasons"]:
        add(text(theme["reasons"]))
        add("")
    _list("Strengths", findings_with_sources(theme, "strength"), add)
    _list("Areas for development", findings_with_sources(theme, "area_for_development"), add)
    _file_findings(theme["file_findings"], add)
    if theme["proposed_themed_inspections"]:
        _list("Proposed themed inspections", theme["proposed_themed_inspections"], add)
    if theme["recommendations"]:
        add("### Recommendations")
        add("")
        for rec in theme["recommendations"]:
            add(f"{rec['number']}. {item(rec['text'])}")
        add("")


def _list(title: str, items: list[str], add, level: str = "###") -> None:
    if not items:
        return
    add(f"{level} {title}")
    add("")
    for entry in items:
        add(f"- {item(entry)}")
    add("")


def _file_findings(findings: dict, add) -> None:
    if not findings["reviews"]:
        return
    add("### What the file reviews found")
    add("")
    n = findings["reviews"]
    add(
        f"Of the {n} file{'s' if n != 1 else ''} reviewed, {findings['with_strengths']} recorded strengths "
        f"and {findings['with_areas']} recorded areas for development."
    )
    add("")
    for title, key in (("Strengths in the files", "strengths"), ("Areas for development in the files", "areas_for_development")):
        if findings[key]:
            add(f"*{title}:*")
            add("")
            for remark in findings[key]:
                times = f" ({remark['files']} files)" if remark["files"] > 1 else ""
                add(f"- {item(remark['text'])}{times}")
            add("")


def _general(findings: dict, add) -> None:
    if not (findings.get("strengths") or findings.get("areas_for_development")):
        return
    add("## Across all themes")
    add("")
    _file_findings(findings, add)


def _key_question(key: dict, add) -> None:
    add(f"## {cell(key['question'])}")
    add("")
    if not key["groups"]:
        add("No evidence recorded an answer to the key question.")
        add("")
        return
    for group in key["groups"]:
        add(f"### {cell(group['title'])}")
        add("")
        for answer in merged_answers(group["answers"]):
            times = f" ({answer['times_text']})" if answer["times"] > 1 else ""
            add(f"- *{cell(answer['source'])}:* {item(answer['text'])}{times}")
        add("")


def _evidence(evidence: dict, add) -> None:
    add("## Evidence base")
    add("")
    add("| Evidence | Number |")
    add("|---|---:|")
    add(f"| Files reviewed | {evidence['file_reviews']} |")
    add(f"| Observations of practice | {evidence['observations']} |")
    add(f"| Conversations | {evidence['conversations']} |")
    for group in evidence["conversation_groups"]:
        add(f"| &nbsp;&nbsp;with {group['label'].lower()} | {group['count']} |")
    add(f"| Performance indicators scrutinised | {evidence['indicators']} |")
    add("")
    if evidence["observation_settings"]:
        settings = ", ".join(f"{s['label']} {s['count']}" for s in evidence["observation_settings"])
        add(f"Observations by setting: {cell(settings)}.")
        add("")
    if evidence["indicator_list"]:
        add("### Performance information")
        add("")
        add("| Indicator | Value | Comparator | Period | Commentary on quality |")
        add("|---|---|---|---|---|")
        for i in evidence["indicator_list"]:
            add(f"| {cell(i['name'])} | {cell(i['value'])} | {cell(i['comparator'])} | {cell(i['period'])} | {cell(i['commentary'])} |")
        add("")


def _profile(profile: dict, add) -> None:
    add("## Profile of the children whose files were reviewed")
    add("")
    add(f"Children reviewed: {profile['children']}")
    add("")
    sections = (
        ("Age", profile["age_bands"]),
        ("Legal status", profile["legal_statuses"]),
        ("Parental risk factors", profile["risk_factors"]),
        ("Risk factors in combination", profile["risk_combinations"]),
        ("Disability", [profile["disability_or_sen"]]),
    )
    add("| | Children |")
    add("|---|---:|")
    for title, items in sections:
        add(f"| **{title}** | |")
        for entry in items:
            add(f"| {cell(entry['label'])} | {share(entry)} |")
    add("")


def _safeguarding(safeguarding: dict, internal: bool, add) -> None:
    add("## Immediate safeguarding concerns")
    add("")
    n = safeguarding["count"]
    if not n:
        add("No immediate safeguarding concern was raised during the inspection.")
        add("")
        return
    add(safeguarding_sentence(safeguarding))
    add("")
    headers = ["Raised", "Immediate plan made"] + (["Case", "Concern"] if internal else [])
    add("| " + " | ".join(headers) + " |")
    add("|" + "---|" * len(headers))
    for concern in safeguarding["concerns"]:
        plan = long_date(concern["plan_made_on"]) or "**no plan yet**"
        row = [long_date(concern["raised_on"]), plan]
        if internal:
            row += [cell(concern.get("case_reference", "")), cell(concern.get("description", ""))]
        add("| " + " | ".join(row) + " |")
    add("")


def _recommendations(recommendations: list[dict], add) -> None:
    add("## Recommendations")
    add("")
    if not recommendations:
        add("No recommendations.")
        add("")
        return
    add("The district's action plan answers each recommendation.")
    add("")
    for rec in recommendations:
        theme = f" *({cell(rec['theme'])})*" if rec["theme"] else ""
        add(f"{rec['number']}. {item(rec['text'])}{theme}")
    add("")


def _appendix(rows: list[dict], add) -> None:
    add("## Appendix: files reviewed (internal)")
    add("")
    add("| Case reference | Team | Allocated worker | Age | Legal status | Risk factors | Reviewed |")
    add("|---|---|---|---|---|---|---|")
    for r in rows:
        risks = ", ".join(r["risk_factors"]) or "none"
        flag = " (safeguarding)" if r["safeguarding"] else ""
        add(
            f"| {cell(r['case_reference'])}{flag} | {cell(r['team'])} | {cell(r['allocated_worker'])} | {cell(r['age_band'])} "
            f"| {cell(r['legal_status'])} | {cell(risks)} | {long_date(r['recorded_on'])} |"
        )
    add("")

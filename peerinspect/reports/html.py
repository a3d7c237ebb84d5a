"""The written report as one self-contained HTML file that prints on A4: no fonts, scripts or images fetched.

Printed, page 1 is the summary (the key facts and the judgements); the team and the detail follow. Every page
carries the inspection's name and "Page N of M" in its footer, and every page of the internal version says it is
internal, through CSS page-margin boxes: Chromium prints them (since version 131), from its print dialog and
headless alike, in place of its own header and footer (the date and the file:/// address).
"""

from __future__ import annotations

import re
from html import escape

from .charts import grade_colours, grade_scale, share_bars
from .content import (
    evidence_line, feedback_line, findings_with_sources, impact_sentence, inspection_line, long_date, merged_answers,
    safeguarding_sentence,
)

FONT_STACK = '"Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif'
# The running footer gives the inspection's name up to this length, so it never crowds out the page number.
FOOTER_NAME_LIMIT = 90
INTERNAL_MARK = "Internal: names cases and workers. Not for sending outside the inspection team."

CSS = """
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { background: #ffffff; }
body {
  margin: 0 auto; padding: 14mm 10mm; max-width: 190mm; color: #1a1a1a; background: #ffffff;
  font-family: FONT_STACK;
  font-size: 11pt; line-height: 1.45;
}
h1, h2, h3 { color: #16324f; line-height: 1.2; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 21pt; margin: 0 0 2mm; }
h2 { font-size: 14.5pt; margin: 9mm 0 3mm; padding-bottom: 1mm; border-bottom: 2px solid #16324f; }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
p { margin: 0 0 2.5mm; }
.subtitle { font-size: 12pt; color: #3d3d3d; margin-bottom: 6mm; }
.internal { border: 2px solid #b2182b; color: #7a0f1d; padding: 2mm 3mm; font-weight: 700; margin: 0 0 5mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 4mm; font-size: 10pt; }
table.keep, figure, .keep { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 1.6mm 2mm; border-bottom: 1px solid #c8c8c8; }
th { background: #e8eef4; color: #16324f; font-weight: 700; }
th[scope="row"] { background: transparent; color: #1a1a1a; font-weight: 400; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.group th { background: #f4f6f8; font-weight: 700; color: #16324f; }
tr.sub th[scope="row"] { padding-left: 6mm; }
table.facts th[scope="row"] { width: 38mm; font-weight: 700; color: #16324f; }
table.grades td.scale { width: 118mm; padding: 1.5mm 2mm; }
table.grades th[scope="row"] { vertical-align: middle; font-weight: 700; }
.grade-badge { display: inline-block; padding: 0.3mm 2mm; border-radius: 1mm; font-weight: 700; border: 1px solid #1a1a1a; }
.proposed { font-style: italic; color: #4a4a4a; font-size: 9.5pt; }
figure { margin: 2mm 0 5mm; }
figcaption { font-size: 9.5pt; color: #3d3d3d; margin-top: 1mm; }
svg.chart { display: block; max-width: 100%; height: auto; }
ul, ol { margin: 0 0 3mm; padding-left: 7mm; }
li { margin-bottom: 1.2mm; break-inside: avoid; page-break-inside: avoid; }
.source { font-weight: 700; color: #16324f; }
.muted { color: #4a4a4a; }
.nowrap, .id { white-space: nowrap; hyphens: none; }
.team { break-before: page; page-break-before: always; }
.theme { break-before: auto; }
.late { color: #7a0f1d; font-weight: 700; }
ul.answers .times { white-space: nowrap; }
footer { margin-top: 10mm; font-size: 9pt; color: #4a4a4a; border-top: 1px solid #c8c8c8; padding-top: 2mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 10.5pt; }
  h2 { margin-top: 7mm; }
}
""".replace("FONT_STACK", FONT_STACK)


def page_css(content: dict) -> str:
    """The printed page: A4, the inspection's name and "Page N of M" at the foot, and on the internal version a
    mark at the head of every page."""
    box = f"font-family: {FONT_STACK}; font-size: 8.5pt; color: #4a4a4a;"
    # A page with no box of its own at the head gets the browser's: the date and the page's title.
    mark = css_string(INTERNAL_MARK) if content.get("internal") else '""'
    head = f"@top-center {{ content: {mark}; {box} color: #7a0f1d; font-weight: 700; }}\n"
    return (
        "@page {\n  size: A4; margin: 18mm 16mm 20mm 16mm;\n"
        f"  @bottom-left {{ content: {css_string(footer_name(content))}; {box} }}\n"
        f'  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); {box} white-space: nowrap; }}\n'
        f"  {head}}}\n"
    )


def footer_name(content: dict) -> str:
    name = " ".join((content["inspection"].get("title") or content["title"]).split())
    return name if len(name) <= FOOTER_NAME_LIMIT else name[: FOOTER_NAME_LIMIT - 1].rstrip() + "…"


def css_string(value: str) -> str:
    """Text as a quoted CSS string that cannot end the string, the rule or the <style> element it sits in."""
    return '"' + "".join(ch if ch.isalnum() or ch in " .,:;()'-–…&" else f"\\{ord(ch):x} " for ch in value) + '"'


def render_html(content: dict) -> str:
    grades = content["framework"]["grades"]
    internal = content.get("internal", False)
    body = [
        f"<h1>{esc(content['title'])}</h1>",
        f'<p class="subtitle">Written report · fieldwork {esc(long_date(content["fieldwork"]["start"]))} to '
        f'{esc(long_date(content["fieldwork"]["end"]))}</p>',
    ]
    if internal:
        body.append('<p class="internal">Internal version: names case references and workers. Do not send outside the inspection team.</p>')
    body += _facts(content)
    body += _summary(content["themes"], grades)
    body += _team(content["team"])
    for theme in content["themes"]:
        body += _theme(theme, grades)
    general = content.get("general_file_findings") or {}
    if general.get("strengths") or general.get("areas_for_development"):
        body += ['<section class="theme">', "<h2>Across all themes</h2>", *_file_findings(general), "</section>"]
    if impact_sentence(content):
        body.append(f'<p class="muted">{esc(impact_sentence(content))}</p>')
    body += _key_question(content["key_question"])
    body += _evidence(content["evidence"])
    body += _profile(content["case_profile"])
    body += _safeguarding(content["safeguarding"], internal)
    body += _recommendations(content["recommendations"])
    if content.get("appendix") is not None:
        body += _appendix(content["appendix"])
    body.append(f"<footer>{esc(content['framework']['title'])} · {esc(content['district'])} · {esc(content['issue']['text'])}</footer>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(content['title'])}</title>\n<style>{page_css(content)}{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def paragraphs(value: str) -> str:
    return "".join(f"<p>{esc(' '.join(p.split()))}</p>" for p in re.split(r"\n\s*\n", value.strip()) if p.strip())


def _facts(content: dict) -> list[str]:
    issue = content["issue"]
    issue_class = ' class="late"' if issue["state"] == "late" else ""
    rows = [
        ("District", esc(content["district"])),
        ("Inspection", esc(inspection_line(content))),
        ("Fieldwork", f"{esc(long_date(content['fieldwork']['start']))} to {esc(long_date(content['fieldwork']['end']))}"),
        ("Inspection lead", esc(content["lead"])),
        ("Feedback to staff", esc(feedback_line(content))),
        ("Report", f"<span{issue_class}>{esc(issue['text'])}</span>"),
        ("Framework", f"{esc(content['framework']['title'])} (version {esc(content['framework']['version'])})"),
        ("Evidence", esc(evidence_line(content["evidence"]))),
        ("Safeguarding", esc(safeguarding_sentence(content["safeguarding"]))),
    ]
    out = ['<table class="facts keep"><tbody>']
    out += [f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows]
    out.append("</tbody></table>")
    return out


def _team(team: list[dict]) -> list[str]:
    out = ['<section class="team">', "<h2>The inspection team</h2>", '<table class="keep"><thead><tr><th>Name</th><th>Role in the inspection</th></tr></thead><tbody>']
    for member in team:
        roles = ", ".join(member["roles"])
        if member["themes"]:
            roles += f" ({', '.join(member['themes'])})"
        job = f'<br><span class="muted">{esc(member["job"])}</span>' if member["job"] else ""
        out.append(f"<tr><td>{esc(member['name'])}{job}</td><td>{esc(roles)}</td></tr>")
    out += ["</tbody></table>", "</section>"]
    return out


def _badge(theme: dict, grades: list[dict]) -> str:
    grade = theme["grade"]
    if not grade:
        return '<span class="muted">Not yet judged</span>'
    scale = sorted(grades, key=lambda g: g["rank"])
    position = next((i for i, g in enumerate(scale) if g["key"] == grade["key"]), 0)
    fill, ink = grade_colours(position, len(scale))
    badge = f'<span class="grade-badge" style="background:{fill};color:{ink}">{esc(grade["label"])}</span>'
    if not theme["signed_off"]:
        badge += ' <span class="proposed">proposed, not yet signed off</span>'
    return badge


def _summary(themes: list[dict], grades: list[dict]) -> list[str]:
    out = [
        '<section class="keep">',
        "<h2>Summary of judgements</h2>",
        '<table class="grades keep"><thead><tr><th>Theme</th>'
        f"<th>Judgement, on the scale from {esc(_scale_ends(grades))}</th></tr></thead><tbody>",
    ]
    for theme in themes:
        key = theme["grade"]["key"] if theme["grade"] else None
        note = ""
        if not theme["grade"]:
            note = '<span class="proposed">not yet judged</span>'
        elif not theme["signed_off"]:
            note = '<span class="proposed">proposed, not yet signed off</span>'
        out.append(
            f'<tr><th scope="row">{esc(theme["title"])}</th>'
            f'<td class="scale">{grade_scale(theme["title"], key, grades)}{note}</td></tr>'
        )
    out += ["</tbody></table>", "</section>"]
    return out


def _scale_ends(grades: list[dict]) -> str:
    ranked = sorted(grades, key=lambda g: g["rank"])
    return f"{ranked[-1]['label']} to {ranked[0]['label']}" if ranked else ""


def _list(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [f"<h3>{esc(title)}</h3>", "<ul>", *(f"<li>{esc(i)}</li>" for i in items), "</ul>"]


def _theme(theme: dict, grades: list[dict]) -> list[str]:
    out = ['<section class="theme">', f"<h2>{esc(theme['title'])}</h2>", f"<p><strong>Judgement:</strong> {_badge(theme, grades)}</p>"]
    if theme["lead"]:
        out.append(f'<p class="muted">Theme lead: {esc(theme["lead"])}</p>')
    if theme["reasons"]:
        out.append(paragraphs(theme["reasons"]))
    out += _list("Strengths", findings_with_sources(theme, "strength"))
    out += _list("Areas for development", findings_with_sources(theme, "area_for_development"))
    out += _file_findings(theme["file_findings"])
    out += _list("Proposed themed inspections", theme["proposed_themed_inspections"])
    if theme["recommendations"]:
        out.append("<h3>Recommendations</h3>")
        out.append(_numbered(theme["recommendations"], with_theme=False))
    out.append("</section>")
    return out


def _file_findings(findings: dict) -> list[str]:
    n = findings["reviews"]
    if not n:
        return []
    out = [
        "<h3>What the file reviews found</h3>",
        f"<p>{_files_sentence(findings)}</p>",
    ]
    for title, key in (("Strengths in the files", "strengths"), ("Areas for development in the files", "areas_for_development")):
        if findings[key]:
            out.append(f'<p class="source">{title}</p><ul>')
            for remark in findings[key]:
                times = f' <span class="muted">({remark["files"]} files)</span>' if remark["files"] > 1 else ""
                out.append(f"<li>{esc(remark['text'])}{times}</li>")
            out.append("</ul>")
    return out


def _files_sentence(findings: dict) -> str:
    n = findings["reviews"]
    return (
        f"Of the {n} file{'s' if n != 1 else ''} reviewed, {findings['with_strengths']} recorded strengths "
        f"and {findings['with_areas']} recorded areas for development."
    )


def _key_question(key: dict) -> list[str]:
    out = ['<section class="key-question">', f"<h2>{esc(key['question'])}</h2>"]
    if not key["groups"]:
        out.append("<p>No evidence recorded an answer to the key question.</p>")
    for group in key["groups"]:
        out += [f"<h3>{esc(group['title'])}</h3>", '<ul class="answers">']
        for answer in merged_answers(group["answers"]):
            times = f' <span class="muted times">({esc(answer["times_text"])})</span>' if answer["times"] > 1 else ""
            out.append(f'<li><span class="source">{esc(answer["source"])}:</span> {esc(answer["text"])}{times}</li>')
        out.append("</ul>")
    out.append("</section>")
    return out


def _evidence(evidence: dict) -> list[str]:
    out = [
        '<section class="keep">',
        "<h2>Evidence base</h2>",
        '<table class="keep"><thead><tr><th>Evidence</th><th class="num">Number</th></tr></thead><tbody>',
        f'<tr><th scope="row">Files reviewed</th><td class="num">{evidence["file_reviews"]}</td></tr>',
        f'<tr><th scope="row">Observations of practice</th><td class="num">{evidence["observations"]}</td></tr>',
        f'<tr><th scope="row">Conversations</th><td class="num">{evidence["conversations"]}</td></tr>',
    ]
    out += [
        f'<tr class="sub"><th scope="row">with {esc(g["label"].lower())}</th><td class="num">{g["count"]}</td></tr>'
        for g in evidence["conversation_groups"]
    ]
    out.append(f'<tr><th scope="row">Performance indicators scrutinised</th><td class="num">{evidence["indicators"]}</td></tr>')
    out += ["</tbody></table>"]
    if evidence["observation_settings"]:
        settings = ", ".join(f"{s['label']} {s['count']}" for s in evidence["observation_settings"])
        out.append(f'<p class="muted">Observations by setting: {esc(settings)}.</p>')
    out.append("</section>")
    if evidence["indicator_list"]:
        out += [
            "<h3>Performance information</h3>",
            "<table><thead><tr><th>Indicator</th><th>Value</th><th>Comparator</th><th>Period</th><th>Commentary on quality</th></tr></thead><tbody>",
        ]
        for i in evidence["indicator_list"]:
            out.append(
                f"<tr><td>{esc(i['name'])}</td><td>{esc(i['value'])}</td><td>{esc(i['comparator'])}</td>"
                f"<td>{esc(i['period'])}</td><td>{esc(i['commentary'])}</td></tr>"
            )
        out.append("</tbody></table>")
    return out


def _share(entry: dict) -> str:
    return f"{entry['percent']}% ({entry['count']} of {entry['total']})"


def _profile(profile: dict) -> list[str]:
    n = profile["children"]
    out = [
        '<section class="profile">',
        "<h2>Profile of the children whose files were reviewed</h2>",
        f"<p>Children reviewed: <strong>{n}</strong></p>",
        '<figure class="keep">',
        share_bars(f"Age of the {n} children whose files were reviewed", profile["age_bands"]),
        "<figcaption>Age of the children: percentage of children reviewed, with the count.</figcaption>",
        "</figure>",
        '<figure class="keep">',
        share_bars(f"Parental risk factors in the {n} cases reviewed", profile["risk_factors"] + profile["risk_combinations"]),
        "<figcaption>Parental risk factors: a case can show more than one.</figcaption>",
        "</figure>",
        '<table class="keep"><thead><tr><th></th><th class="num">Children</th></tr></thead><tbody>',
    ]
    sections = (
        ("Age", profile["age_bands"]),
        ("Legal status", profile["legal_statuses"]),
        ("Parental risk factors", profile["risk_factors"]),
        ("Risk factors in combination", profile["risk_combinations"]),
        ("Disability", [profile["disability_or_sen"]]),
    )
    for title, entries in sections:
        out.append(f'<tr class="group"><th colspan="2">{title}</th></tr>')
        out += [f'<tr class="sub"><th scope="row">{esc(e["label"])}</th><td class="num">{_share(e)}</td></tr>' for e in entries]
    out += ["</tbody></table>", "</section>"]
    return out


def _safeguarding(safeguarding: dict, internal: bool) -> list[str]:
    out = ['<section class="keep">', "<h2>Immediate safeguarding concerns</h2>"]
    n = safeguarding["count"]
    if not n:
        out += ["<p>No immediate safeguarding concern was raised during the inspection.</p>", "</section>"]
        return out
    out.append(f"<p>{esc(safeguarding_sentence(safeguarding))}</p>")
    headers = ["Raised", "Immediate plan made"] + (["Case", "Concern"] if internal else [])
    out.append('<table class="keep"><thead><tr>' + "".join(f"<th>{h}</th>" for h in headers) + "</tr></thead><tbody>")
    for concern in safeguarding["concerns"]:
        plan = _date(concern["plan_made_on"]) if concern["plan_made_on"] else '<strong class="late">no plan yet</strong>'
        cells = [_date(concern["raised_on"]), plan]
        if internal:
            cells += [_id(concern.get("case_reference", "")), esc(concern.get("description", ""))]
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out += ["</tbody></table>", "</section>"]
    return out


def _id(value: str) -> str:
    """A case reference or a name that must read whole: never broken across lines at a hyphen."""
    return f'<span class="id">{esc(value)}</span>' if value else ""


def _date(iso: str) -> str:
    return f'<span class="nowrap">{esc(long_date(iso))}</span>'


def _numbered(recommendations: list[dict], *, with_theme: bool) -> str:
    items = []
    for rec in recommendations:
        theme = f' <span class="muted">({esc(rec["theme"])})</span>' if with_theme and rec["theme"] else ""
        items.append(f'<li value="{rec["number"]}">{esc(rec["text"])}{theme}</li>')
    return "<ol>" + "".join(items) + "</ol>"


def _recommendations(recommendations: list[dict]) -> list[str]:
    out = ["<section>", "<h2>Recommendations</h2>"]
    if not recommendations:
        out.append("<p>No recommendations.</p>")
    else:
        out.append("<p>The district's action plan answers each recommendation.</p>")
        out.append(_numbered(recommendations, with_theme=True))
    out.append("</section>")
    return out


def _appendix(rows: list[dict]) -> list[str]:
    out = [
        "<section>",
        "<h2>Appendix: files reviewed (internal)</h2>",
        "<table><thead><tr><th>Case reference</th><th>Team</th><th>Allocated worker</th><th>Age</th>"
        "<th>Legal status</th><th>Risk factors</th><th>Reviewed</th></tr></thead><tbody>",
    ]
    for r in rows:
        flag = ' <strong class="late">(safeguarding)</strong>' if r["safeguarding"] else ""
        out.append(
            f"<tr><td>{_id(r['case_reference'])}{flag}</td><td>{esc(r['team'])}</td><td>{_id(r['allocated_worker'])}</td>"
            f'<td class="nowrap">{esc(r["age_band"])}</td><td>{esc(r["legal_status"])}</td>'
            f"<td>{esc(', '.join(r['risk_factors']) or 'none')}</td><td>{_date(r['recorded_on'])}</td></tr>"
        )
    out += ["</tbody></table>", "</section>"]
    return out

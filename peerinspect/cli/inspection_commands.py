"""Running an inspection: planning, evidence, findings, judgements, lifecycle steps and the audit trail."""

from __future__ import annotations

import json
from pathlib import Path

import attrs

from ..domain.errors import InvalidInput, NeedsConfirmation, PeerInspectError, Problem, Refused, did_you_mean
from ..domain.evidence import EVIDENCE_KINDS
from ..engine import conclusions, evidence, history, impact, leavers, planning, queries, replanning, workflow
from . import audit_commands
from .context import as_date, emit_json, engine, pairs, report_made, show, table

TRUE, FALSE = {"yes", "true", "y", "1"}, {"no", "false", "n", "0", ""}


def plan(args) -> int:
    opened = engine(args)
    common = dict(
        as_person=args.as_person, fieldwork_start=as_date(args.start, "start"),
        fieldwork_end=as_date(args.end, "end"), theme_leads=dict(pairs(args.theme_lead, "theme-lead")),
        team=pairs(args.member, "member"),
    )
    if args.from_finding:
        source, _, finding = args.from_finding.partition(":")
        made = planning.plan_themed_inspection(
            opened, from_inspection=source, finding_id=finding, framework_id=args.framework, lead=args.lead,
            notice_date=as_date(args.notice, "notice"), **common
        )
    else:
        if not (args.district and args.lead):
            raise InvalidInput([Problem(f, "required") for f, v in (("district", args.district), ("lead", args.lead)) if not v])
        made = planning.plan_inspection(
            opened, district=args.district, framework_id=args.framework, lead=args.lead, notice_date=as_date(args.notice, "notice"), title=args.title or "", **common
        )
    report_made(args, made, f"Planned {made.title} ({made.id[:8]})")
    return 0


def change(args) -> int:
    made = replanning.change_plan(
        engine(args), as_person=args.as_person, inspection=args.inspection,
        fieldwork_start=as_date(args.start, "start"), fieldwork_end=as_date(args.end, "end"),
        notice_date=as_date(args.notice, "notice"), lead=args.lead,
        theme_leads=dict(pairs(args.theme_lead, "theme-lead")), add_team=pairs(args.member, "member"),
        remove_team=list(args.remove_member or ()),
    )
    if args.json:
        emit_json(made)
    else:
        show(f"Changed {made.title} ({made.id[:8]}): fieldwork {made.fieldwork_start} – {made.fieldwork_end}")
    return 0


def reassign(args) -> int:
    made = leavers.reassign_theme_lead(
        engine(args), as_person=args.as_person, inspection=args.inspection, theme_id=args.theme, to=args.to
    )
    if args.json:
        emit_json(made)
    else:
        show(f"{engine(args).person(made.theme_lead(args.theme)).name} now leads {args.theme} in {made.title} ({made.id[:8]})")
    return 0


def cancel(args) -> int:
    made = replanning.cancel_inspection(
        engine(args), as_person=args.as_person, inspection=args.inspection, reason=args.reason, on=as_date(args.date)
    )
    if args.json:
        emit_json(made)
    else:
        show(f"Cancelled {made.title} ({made.id[:8]}) on {made.cancelled.on}: {made.cancelled.reason}")
    return 0


def inspection_list(args) -> int:
    opened = engine(args)
    summaries = opened.summaries()
    districts = {d.id: d.name for d in opened.districts()}
    if args.json:
        emit_json([s.inspection for s in summaries])
    else:
        rows = [[s.id[:8], districts.get(s.inspection.district_id, "?"), s.inspection.kind.label,
                 f"{s.inspection.fieldwork_start} – {s.inspection.fieldwork_end}", s.inspection.status_label] for s in summaries]
        show(table(rows, ["id", "district", "kind", "fieldwork", "stage"]))
    return 0


def inspection_show(args) -> int:
    opened = engine(args)
    dossier, visible = evidence.evidence_for(opened, as_person=args.as_person, inspection=args.inspection)
    steps = workflow.open_steps(opened, as_person=args.as_person, inspection=dossier.inspection.id)
    progress = impact.fieldwork_progress(opened, as_person=args.as_person, inspection=dossier.inspection.id)
    if args.json:
        emit_json({
            "inspection": dossier.inspection, "evidence": visible, "next_events": [event for event, _ in steps],
            "targets": [{"what": p.what, "done": p.done, "target": p.target} for p in progress],
        })
        return 0
    people = opened.people_by_id()
    inspection = dossier.inspection
    show(f"{inspection.title} ({inspection.id})\n  stage: {inspection.stage.label}   fieldwork: {inspection.fieldwork_start} – {inspection.fieldwork_end}")
    if inspection.cancelled is not None:
        show(f"  cancelled on {inspection.cancelled.on}: {inspection.cancelled.reason}")
    show(f"  lead: {people[inspection.lead_id].name}")
    for member in inspection.team:
        theme = f" ({member.theme_id})" if member.theme_id else ""
        show(f"  {member.role.label}: {people[member.person_id].name}{theme}")
    counts = {kind: sum(isinstance(e, cls) for e in visible) for kind, cls in EVIDENCE_KINDS.items()}
    show("  evidence: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()))
    if progress:
        show("  targets: " + ", ".join(p.text for p in progress))
    for concern in dossier.concerns:
        _show_concern(concern, people)
    returned = queries.returned_plan(opened, inspection=inspection.id)
    if returned is not None:
        show(f"  action plan returned on {returned.deadline.returned_on}: {returned.deadline.return_reason}")
        show(f"    {returned.describe()}")
    for event, blockers in steps:
        show(f"  next: {event}" + (f" — needs: {'; '.join(blockers)}" if blockers else ""))
    return 0


def _mapping(fields: dict, name: str) -> dict:
    """A field the options add to, as the --file gave it: it must be an object to add to."""
    value = fields.get(name, {})
    if not isinstance(value, dict):
        raise InvalidInput(Problem(name, "must be a JSON object of KEY: VALUE"))
    return value


def _show_concern(concern, people) -> None:
    show(f"  safeguarding concern {concern.id[:8]} raised {concern.raised_on}: {concern.description}")
    plan = concern.plan
    if plan is None:
        show("    no immediate plan yet")
        return
    show(f"    immediate plan made {plan.made_on} by {people[plan.made_by].name}: "
          f"{people[plan.owner_id].name} — {plan.first_action}")
    for amendment in plan.amendments:
        show(f"    amended {amendment.on} by {people[amendment.by].name} ({amendment.reason}): "
              f"{people[amendment.owner_id].name} — {amendment.first_action}")


def evidence_add(args) -> int:
    from_file = _fields_file(Path(args.file)) if args.file else {}
    fields = dict(from_file)
    cls = EVIDENCE_KINDS.get(args.kind)
    if cls is None:
        raise InvalidInput(Problem("kind", f"{args.kind!r} is not a kind of evidence ({', '.join(EVIDENCE_KINDS)})"))
    fields.update(_typed_fields(cls, pairs(args.set, "set")))
    if args.grade:
        fields["grades"] = {**_mapping(fields, "grades"), **dict(pairs(args.grade, "grade"))}
    if args.date:
        fields["recorded_on"] = as_date(args.date)
    if args.answer:
        fields["family_answers"] = {**_mapping(fields, "family_answers"), **dict(pairs(args.answer, "answer"))}
    try:
        saved = evidence.add_evidence(
            engine(args), as_person=args.as_person, inspection=args.inspection, kind=args.kind, fields=fields,
            accept_warnings=args.accept_warnings,
        )
    except NeedsConfirmation as warning:
        raise NeedsConfirmation([*warning.problems, Problem("", "nothing was saved; add --accept-warnings to save it as it is")]) from None
    except InvalidInput as error:
        if not args.file:
            raise
        raise InvalidInput([_in_file(p, args.file, from_file) for p in error.problems]) from None
    if args.json:
        emit_json({"evidence": saved.evidence, "concern": saved.concern})
    elif args.id_only:
        print(saved.evidence.id)
    else:
        show(f"Saved {args.kind.replace('_', ' ')} {saved.evidence.id[:8]}")
        if saved.concern:
            show(f"Immediate safeguarding concern raised ({saved.concern.id[:8]}): make its immediate plan now with "
                  f"'peerinspect concern plan {args.inspection} {saved.concern.id[:8]} --owner PERSON --action TEXT'")
    return 0


def evidence_edit(args) -> int:
    from ..engine.core import one

    opened = engine(args)
    dossier = evidence.dossier_for(opened, as_person=args.as_person, inspection=args.inspection)
    current = one(dossier.evidence, args.evidence, "evidence")
    fields = _typed_fields(type(current), pairs(args.set, "set"))
    if args.grade:
        fields["grades"] = {**getattr(current, "grades", {}), **dict(pairs(args.grade, "grade"))}
    if args.answer:
        fields["family_answers"] = {**getattr(current, "family_answers", {}), **dict(pairs(args.answer, "answer"))}
    saved = evidence.edit_evidence(
        opened, as_person=args.as_person, inspection=args.inspection, evidence_id=current.id, changes=fields,
        revision=current.revision, amendment_reason=args.reason or "", accept_warnings=args.accept_warnings,
    )
    if args.json:
        emit_json({"evidence": saved.evidence, "concern": saved.concern})
    else:
        show(f"Saved {current.KIND.replace('_', ' ')} {saved.evidence.id[:8]}")
    return 0


def _fields_file(path: Path) -> dict:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInput(Problem(str(path), f"cannot be read: {error.strerror}")) from None
    except UnicodeDecodeError:
        raise InvalidInput(Problem(str(path), "is not UTF-8 text: save it as UTF-8 JSON")) from None
    except json.JSONDecodeError as error:
        raise InvalidInput(Problem(f"{path}:{error.lineno}", f"not valid JSON: {error.msg}")) from None
    if not isinstance(loaded, dict):
        raise InvalidInput(Problem(str(path), "should hold one JSON object of fields"))
    return loaded


def _in_file(problem: Problem, file: str, from_file: dict) -> Problem:
    """A problem with a field the file gave (or with the file as a whole, like an unknown key) names the file."""
    top = problem.field.split(".")[0].split("[")[0]
    if problem.field and top not in from_file:
        return problem
    return Problem(f"{file}: {problem.field}" if problem.field else file, problem.message)


def _typed_fields(cls: type, items: list[tuple[str, str]]) -> dict:
    """Text from --set turned into what each field holds: lists split on commas, yes/no for flags."""
    fields_by_name = {f.name: f for f in attrs.fields(cls)}
    typed: dict = {}
    problems = []
    for name, value in items:
        field = fields_by_name.get(name)
        if field is None:
            hint = did_you_mean(name, fields_by_name)
            problems.append(Problem(name, f"not a field of a {cls.__name__}{hint} ({', '.join(sorted(fields_by_name))})"))
        elif field.type in ("bool", bool):
            if value.lower() not in TRUE | FALSE:
                problems.append(Problem(name, f"{value!r} should be yes or no"))
            typed[name] = value.lower() in TRUE
        elif str(field.type).startswith("tuple"):
            typed[name] = [v.strip() for v in value.split(",") if v.strip()]
        else:
            typed[name] = value
    if problems:
        raise InvalidInput(problems)
    return typed


def finding_add(args) -> int:
    opened = engine(args)
    made = conclusions.record_finding(
        opened, as_person=args.as_person, inspection=args.inspection, theme_id=args.theme, kind=args.kind,
        text=args.text, evidence_ids=tuple(args.evidence or ()), proposed_theme=args.propose_themed or "",
        on=as_date(args.date),
    )
    support = next(s for s in impact.finding_sources(opened, as_person=args.as_person, inspection=args.inspection)
                   if s.finding.id == made.id)
    below = f"; the framework asks for {support.minimum}" if support.below_minimum else ""
    report_made(args, made, f"Recorded finding {made.id[:8]}: {support.text}{below}")
    return 0


def judgement_propose(args) -> int:
    made = conclusions.propose_judgement(
        engine(args), as_person=args.as_person, inspection=args.inspection, theme_id=args.theme, grade=args.grade,
        reasons=args.reasons, on=as_date(args.date),
    )
    report_made(args, made, f"Proposed {args.grade} for {args.theme} ({made.id[:8]})")
    return 0


def judgement_sign_off(args) -> int:
    made = conclusions.sign_off_judgement(
        engine(args), as_person=args.as_person, inspection=args.inspection, theme_id=args.theme, on=as_date(args.date)
    )
    report_made(args, made, f"Signed off the judgement for {args.theme}")
    return 0


def recommendation_add(args) -> int:
    made = conclusions.add_recommendation(
        engine(args), as_person=args.as_person, inspection=args.inspection, theme_id=args.theme, text=args.text,
        on=as_date(args.date),
    )
    report_made(args, made, f"Added recommendation {made.id[:8]}")
    return 0


def concern_raise(args) -> int:
    made = workflow.raise_concern(engine(args), as_person=args.as_person, inspection=args.inspection, description=args.description, on=as_date(args.date))
    report_made(args, made, f"Raised safeguarding concern {made.id[:8]}: its immediate plan is due within one working day")
    return 0


def concern_amend(args) -> int:
    workflow.amend_immediate_plan(
        engine(args), as_person=args.as_person, inspection=args.inspection, concern_id=args.concern,
        reason=args.reason, owner=args.owner, first_action=args.action, on=as_date(args.date),
    )
    show("Immediate plan amended; it keeps the date it was first made")
    return 0


def concern_plan(args) -> int:
    made = workflow.make_immediate_plan(
        engine(args), as_person=args.as_person, inspection=args.inspection, concern_id=args.concern,
        owner=args.owner, first_action=args.action, on=as_date(args.date),
    )
    report_made(args, made, f"Immediate plan recorded for concern {made.id[:8]}")
    return 0


def advance(args) -> int:
    made = workflow.advance(engine(args), as_person=args.as_person, inspection=args.inspection, event=args.event, on=as_date(args.date), note=args.note or "")
    if args.json:
        emit_json(made)
    else:
        show(f"{made.title}: now {made.stage.label}")
    return 0


def audit(args) -> int:
    if audit_commands.wants_workspace_verb(args):
        return audit_commands.run_workspace_verb(args)
    opened = engine(args)
    try:
        entries = history.audit_trail(opened, as_person=args.as_person, inspection=args.inspection)
    except Refused:
        raise
    except PeerInspectError:
        if not args.verify:
            raise
        entries = []  # a trail that cannot be read is what verify reports, below
    people = opened.people_by_id()
    if args.json:
        emit_json(entries)
    else:
        rows = [[str(e.seq), e.at.isoformat(timespec="seconds"), people[e.actor_id].name if e.actor_id in people else e.actor_id or "-",
                 e.action, f"{e.record_kind} {e.record_id[:8]}"] for e in entries]
        show(table(rows, ["#", "when", "who", "what", "record"]))
    if args.verify:
        problems = history.audit_problems(opened, as_person=args.as_person, inspection=args.inspection, anchor=args.anchor)
        for problem in problems:
            show(f"audit trail broken: {problem}")
        if not problems:
            show(f"audit trail intact: {len(entries)} entries, each following the one before, the last as the index recorded it")
            if args.anchor is not None:
                show("anchor found: nothing recorded up to it has changed since")
        return 2 if problems else 0
    return 0

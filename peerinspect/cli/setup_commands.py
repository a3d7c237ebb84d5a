"""Setting up: the workspace, districts, people, frameworks, and importing bundles."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.authority import Person
from ..domain.errors import InvalidInput, Problem
from ..domain.leavers import Duty
from ..domain.limits import displayable
from ..engine import authority, bundle, leavers
from ..engine.core import Engine
from ..framework import check_file, read_catalogue
from .context import as_date, emit_json, engine, report_made, show, table, workspace_root


def init(args) -> int:
    root = workspace_root(args)
    if getattr(args, "as_person", None):
        raise InvalidInput(Problem("--as", "a new workspace has nobody in it yet: leave out --as"))
    # Every argument is checked before anything is written, and whatever a refused init wrote is taken
    # away again: a refused init leaves no workspace behind.
    changes = {"authority": args.authority} if args.authority else {}
    if args.cycle_start:
        changes["cycle_start"] = as_date(args.cycle_start, "cycle_start")
    with leaves_nothing_on_failure(root):
        opened = Engine.create(root)
        if changes:
            authority.update_settings(opened, changes)
    show(f"Created a workspace at {root}")
    return 0


@contextmanager
def leaves_nothing_on_failure(root: Path) -> Iterator[None]:
    """Removes what the block created under `root` (and `root` itself, if it was new) when the block fails."""
    existed = root.exists()
    before = set(root.iterdir()) if existed and root.is_dir() else set()
    try:
        yield
    except BaseException:
        if not existed:
            shutil.rmtree(root, ignore_errors=True)
        elif root.is_dir():
            for path in set(root.iterdir()) - before:
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        raise


def settings(args) -> int:
    opened = engine(args)
    changes = {}
    if args.authority:
        changes["authority"] = args.authority
    if args.cycle_start:
        changes["cycle_start"] = as_date(args.cycle_start, "cycle_start")
    if args.due_soon_days is not None:
        changes["due_soon_days"] = args.due_soon_days
    if args.calendar_alarm_days is not None:
        changes["calendar_alarm_days"] = args.calendar_alarm_days
    if args.sign_in_required is not None:
        changes["sign_in_required"] = args.sign_in_required == "yes"
    if args.lockout_minutes is not None:
        changes["lockout_minutes"] = args.lockout_minutes
    if args.idle_minutes is not None:
        changes["idle_minutes"] = args.idle_minutes
    smtp = {name: value for name, value in (
        ("host", args.smtp_host), ("port", args.smtp_port), ("security", args.smtp_security and args.smtp_security.strip().lower()), ("sender", args.smtp_sender),
        ("user", args.smtp_user), ("send_at", args.smtp_send_at and args.smtp_send_at.strip()), ("send_as", args.smtp_send_as),
        ("allow_unencrypted_remote", None if args.smtp_allow_unencrypted_remote is None else args.smtp_allow_unencrypted_remote == "yes"),
    ) if value is not None}
    if smtp:
        changes["smtp"] = smtp
    current = authority.update_settings(opened, changes, as_person=args.as_person) if changes else opened.settings()
    if args.json:
        emit_json(current)
    else:
        show(f"authority: {current.authority}\ncycle start: {current.cycle_start} ({current.cycle_years} years, "
              f"{current.inspections_per_cycle} inspections of each district)\ndue soon: within {current.due_soon_days} days\n"
              f"calendar reminder: {f'{current.calendar_alarm_days} days before' if current.calendar_alarm_days else 'none'}\n"
              f"sign-in required: {'yes' if current.sign_in_required else 'no'} (locked {current.lockout_minutes} minutes "
              f"after five failures; ends after {current.idle_minutes} minutes idle)\n"
              f"reminders by email: {current.smtp.described}")
    return 0


def district_add(args) -> int:
    district = authority.add_district(engine(args), args.name, args.area, tuple(args.team or ()), as_person=args.as_person)
    report_made(args, district, f"Added district {district.name} ({district.id[:8]})")
    return 0


def district_list(args) -> int:
    opened = engine(args)
    districts, areas = opened.districts(), {a.id: a.name for a in opened.areas()}
    if args.json:
        emit_json(districts)
    else:
        rows = [[d.id[:8], d.name, areas.get(d.area_id, ""), ", ".join(d.teams), _day(d.closed_on)] for d in districts]
        show(table(rows, ["id", "district", "area", "teams", "closed"]))
        _warn_same_names(opened)
    return 0


def district_change(args) -> int:
    teams = () if args.no_teams else args.team
    district = authority.change_district(
        engine(args), as_person=args.as_person, district=args.district, name=args.name, area_ref=args.area, teams=teams,
    )
    report_made(args, district, f"Changed district {district.name} ({district.id[:8]})")
    return 0


def district_retire(args) -> int:
    district = authority.retire_district(
        engine(args), as_person=args.as_person, district=args.district, on=as_date(args.date)
    )
    report_made(args, district, f"Closed district {district.name} ({district.id[:8]}) from {district.closed_on}: "
                                "it leaves the cycle plan, its inspections stay")
    return 0


def area_add(args) -> int:
    area = authority.add_area(engine(args), args.name, as_person=args.as_person)
    report_made(args, area, f"Added area {area.name} ({area.id[:8]})")
    return 0


def area_list(args) -> int:
    opened = engine(args)
    areas = opened.areas()
    if args.json:
        emit_json(areas)
    else:
        districts = opened.districts()
        rows = [[a.id[:8], a.name, ", ".join(d.name for d in districts if d.area_id == a.id)] for a in areas]
        show(table(rows, ["id", "area", "districts"]))
        _warn_same_names(opened)
    return 0


def area_change(args) -> int:
    area = authority.change_area(engine(args), as_person=args.as_person, area_ref=args.area, name=args.name)
    report_made(args, area, f"Renamed area {area.name} ({area.id[:8]})")
    return 0


def person_add(args) -> int:
    person = authority.add_person(
        engine(args), args.name, args.role, area_ref=args.area, district_ref=args.district, email=args.email or "",
        as_person=args.as_person,
    )
    report_made(args, person, f"Added {person.name}, {person.role.label} ({person.id[:8]})")
    return 0


def person_list(args) -> int:
    opened = engine(args)
    people = opened.people()
    if args.json:
        emit_json(people)
    else:
        labels = authority.person_labels(opened, people)
        show(table([[p.id[:8], labels[p.id], p.email] for p in people], ["id", "name · role, district or area", "email"]))
    return 0


def person_change(args) -> int:
    person = authority.change_person(
        engine(args), as_person=args.as_person, person=args.person, name=args.name, role=args.role,
        area_ref=args.area, district_ref=args.district, email=args.email,
    )
    report_made(args, person, f"Changed {person.name}, {person.role.label} ({person.id[:8]})")
    return 0


def person_retire(args) -> int:
    person = authority.retire_person(engine(args), as_person=args.as_person, person=args.person, on=as_date(args.date))
    report_made(args, person, f"{person.name} ({person.id[:8]}) is retired from {person.left_on}: they can no longer "
                              "act, and their open duties wait to be handed on ('peerinspect person duties')")
    return 0


def person_duties(args) -> int:
    opened = engine(args)
    duties = leavers.duties_to_hand_on(opened, opened.person(args.as_person))
    if args.json:
        emit_json([_duty_json(d) for d in duties])
        return 0
    if not duties:
        show("No one who has left holds a duty you may hand on.")
        return 0
    rows = [[d.inspection.id[:8], d.record_id, f"{d.leaver.name} (left {d.leaver.left_on})", d.what, HAND_ON[d.duty]]
            for d in duties]
    show(table(rows, ["inspection", "record", "who left", "duty", "hand it on with"]))
    return 0


# How a script hands each kind of duty on: the verbs that change it.
HAND_ON = {
    Duty.THEME_LEAD: "inspection reassign INSPECTION --theme RECORD --to PERSON",
    Duty.ACTION_OWNER: "action update INSPECTION RECORD --owner PERSON",
    Duty.IMMEDIATE_PLAN_OWNER: "concern amend INSPECTION RECORD --owner PERSON --reason WHY",
}


def _duty_json(duty) -> dict:
    return {"duty": duty.duty.value, "inspection_id": duty.inspection.id, "record_id": duty.record_id,
            "left": {"id": duty.leaver.id, "name": duty.leaver.name, "left_on": str(duty.leaver.left_on)},
            "what": duty.what}


def _day(day) -> str:
    return day.isoformat() if day else ""


def _warn_same_names(opened: Engine) -> None:
    for line in authority.same_names(opened):
        print(displayable(f"peerinspect: warning: {line}"), file=sys.stderr)


def frameworks_list(args) -> int:
    extra = [workspace_root(args) / "frameworks"]
    catalogue = read_catalogue(extra)
    if args.json:
        emit_json({"frameworks": list(catalogue.frameworks.values()), "problems": [str(p) for p in catalogue.problems]})
    else:
        rows = [[f.id, f.kind.label, f.title, str(catalogue.sources[f.id])] for f in catalogue.frameworks.values()]
        show(table(rows, ["id", "kind", "title", "file"]))
        for problem in catalogue.problems:
            show(f"broken: {problem}")
    return 2 if catalogue.problems else 0


def frameworks_check(args) -> int:
    messages = check_file(Path(args.file))
    for message in messages:
        show(message)
    if not messages:
        show(f"{args.file}: valid")
    return 2 if messages else 0


def import_file(args) -> int:
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(Problem(str(path), f"cannot be read: {error}")) from None
    opened = engine(args)
    plan = bundle.plan_import(opened, text, source=str(path), as_person=args.as_person)
    if plan.is_empty:
        if args.json:
            emit_json({})
        else:
            show("Nothing to import: the workspace already holds everything in this bundle")
        return 0
    # With --json the summary goes to stderr, so stdout stays one JSON document.
    say = (lambda text: print(displayable(text, multiline=True), file=sys.stderr)) if args.json else show
    say(import_summary(plan, opened.people_by_id()))
    if not args.yes and not _confirmed():
        return 2
    added = bundle.apply_import(opened, plan)
    if args.json:
        emit_json(added)
    else:
        show("Imported " + ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in added.items()))
    return 0


def import_summary(plan: bundle.ImportPlan, held: dict[str, Person]) -> str:
    """Each person and role the import would add, so nobody gains a power unseen."""
    people = {**{p.id: p for p in plan.people}, **held}
    name = lambda person_id: people[person_id].name if person_id in people else person_id  # noqa: E731
    lines = [f"Importing {plan.source} adds:"]
    lines += [f"  area {a.name}" for a in plan.areas]
    lines += [f"  district {d.name}" for d in plan.districts]
    lines += [f"  person {p.name}, {p.role.label}" for p in plan.people]
    if plan.inspection is not None:
        lines.append(f"  inspection {plan.inspection.title or plan.inspection.id}, led by {name(plan.inspection.lead_id)}")
        lines += [
            f"    {m.role.label} {name(m.person_id)}" + (f" ({m.theme_id})" if m.theme_id else "")
            for m in plan.inspection.team
        ]
        records = {k: n for k, n in plan.counts().items() if k not in ("area", "district", "person", "inspection")}
        if records:
            lines.append("  with " + ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in records.items()))
    return "\n".join(lines)


def _confirmed() -> bool:
    if not sys.stdin.isatty():
        raise InvalidInput(Problem("--yes", "nothing was imported: pass --yes to import without being asked"))
    answer = input("Import these? [y/N] ")
    if answer.strip().lower() in ("y", "yes"):
        return True
    print("Nothing was imported", file=sys.stderr)
    return False

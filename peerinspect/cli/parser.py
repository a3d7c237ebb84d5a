"""The command line, declared in one place: each subcommand names the function that runs it.

Building the parser imports nothing but argparse: each command's module, and the engine behind it,
is imported when that command runs, so `--help` and a mistyped command answer at once.
"""

from __future__ import annotations

import argparse
from functools import wraps
from importlib import import_module


class _CommandModule:
    """A module of command functions, imported when one of them is first run rather than when it is named."""

    def __init__(self, name: str):
        self.name = name

    def __getattr__(self, function: str):
        module = self.name

        def run(args):
            return getattr(import_module(f".{module}", __package__), function)(args)

        run.command_function = (module, function)  # lets a test check every name without running anything
        return run


setup = _CommandModule("setup_commands")
inspections = _CommandModule("inspection_commands")
followup = _CommandModule("followup_commands")
actions = _CommandModule("action_commands")
reports = _CommandModule("report_commands")
upkeep = _CommandModule("workspace_commands")
tui = _CommandModule("tui_commands")
field = _CommandModule("field_commands")
signing = _CommandModule("account_commands")
serving = _CommandModule("serve_commands")

# Named here rather than imported from the mail package, so that building the parser imports nothing else.
SMTP_PASSWORD = "PEERINSPECT_SMTP_PASSWORD"


class _ChoicesFrom:
    """An argument's choices, read from the domain only when argparse checks a value or shows the choices.

    Give its argument a metavar: argparse formats one without a metavar as it is added, which would read them.
    """

    def __init__(self, load):
        self._load = load

    def __iter__(self):
        return iter(self._load())

    def __contains__(self, value) -> bool:
        return value in self._load()


def _evidence_kinds() -> list[str]:
    from ..domain.evidence import EVIDENCE_KINDS

    return list(EVIDENCE_KINDS)


def _lifecycle_events() -> list[str]:
    from ..domain.lifecycle import EVENTS

    return [e.name for e in EVENTS]


def installed_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("peerinspect")
    except metadata.PackageNotFoundError:
        return "(not installed)"


ROLES = "area director, senior manager, inspector, care ambassador, district manager or area manager"


class _PrintVersion(argparse.Action):
    """--version, looking the version up only when asked: reading package metadata is slow to import."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help="show the version and exit"):
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"peerinspect {installed_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peerinspect",
        description="Peer inspection of children's services. With no subcommand, opens the terminal UI.",
        epilog="Choosing a person with --as is not authentication: the workspace's file permissions protect it, "
               "and, where it requires sign-in, peerinspect login.",
    )
    parser.add_argument("--version", action=_PrintVersion)
    parser.add_argument("--workspace", metavar="DIR", help="the workspace folder (default: $PEERINSPECT_WORKSPACE, else your data folder)")
    parser.add_argument("--as", dest="as_person", metavar="PERSON", help="who is acting: a name or an id")
    parser.set_defaults(run=tui.open_tui, signs_in_itself=True)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(
        group, name: str, run, help: str, *, needs_person: bool = False, checks_person: bool = False,
        signs_in_itself: bool = False,
    ) -> argparse.ArgumentParser:
        sub = group.add_parser(name, help=help, description=help)
        sub.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.add_argument("--as", dest="as_person", metavar="PERSON", default=argparse.SUPPRESS, help="who is acting: a name or an id")
        if needs_person:
            run = _with_person(run)
        elif not checks_person:
            run = _known_person(run)
        # The terminal UI asks for a sign-in on its own screen; login and logout are how the command line signs in.
        sub.set_defaults(run=run, signs_in_itself=signs_in_itself)
        return sub

    def group(name: str, help: str):
        holder = commands.add_parser(name, help=help, description=help)
        holder.set_defaults(run=lambda args: holder.print_help() or 2)
        return holder.add_subparsers(title="commands", metavar="COMMAND")

    sub = command(commands, "demo", tui.demo, "open the terminal UI on a fresh copy of the sample inspection", checks_person=True)
    command(commands, "where", tui.where, "where the workspace and the terminal UI's settings file (theme, keys) are",
            checks_person=True)
    sub = command(commands, "init", setup.init, "create a workspace", checks_person=True)
    sub.set_defaults(signs_in_itself=True)
    sub.add_argument("--authority", help="the authority's name")
    sub.add_argument("--cycle-start", metavar="DATE", help="when the current three-year cycle began (YYYY-MM-DD)")

    sub = command(commands, "settings", setup.settings, "show or change the workspace settings")
    sub.add_argument("--authority", help="the authority's name")
    sub.add_argument("--cycle-start", metavar="DATE", help="when the current three-year cycle began")
    sub.add_argument("--due-soon-days", type=int, metavar="N", help="how many days before a deadline it counts as due soon")
    sub.add_argument("--calendar-alarm-days", type=int, metavar="N",
                     help="how many days before a deadline the exported calendar reminds (0: no reminder)")
    sub.add_argument("--sign-in-required", choices=("yes", "no"),
                     help="whether everyone must sign in (the terminal UI asks; commands act as whoever ran peerinspect login)")
    sub.add_argument("--lockout-minutes", type=int, metavar="N", help="how long five failed sign-ins lock a name")
    sub.add_argument("--idle-minutes", type=int, metavar="N", help="how long a sign-in lasts without being used")
    sub.add_argument("--smtp-host", metavar="HOST", help="the mail server reminders are sent through ('' to send none)")
    sub.add_argument("--smtp-port", type=int, metavar="N", help="its port: usually 587 for starttls, 465 for tls")
    sub.add_argument("--smtp-security", metavar="starttls|tls|none",
                     help="how the connection is encrypted; 'none' only to this machine unless allowed below")
    sub.add_argument("--smtp-sender", metavar="ADDRESS", help="the address reminders come from")
    sub.add_argument("--smtp-user", metavar="NAME",
                     help=f"the name the server knows the sender by; the password is read from ${SMTP_PASSWORD} only")
    sub.add_argument("--smtp-allow-unencrypted-remote", choices=("yes", "no"),
                     help="allow security 'none' to a host other than this machine")
    sub.add_argument("--smtp-send-at", metavar="HH:MM",
                     help="peerinspect serve emails everyone's reminders at this time each working day ('' for never)")
    sub.add_argument("--smtp-send-as", metavar="PERSON", help="who those morning reminders are sent as: an area director")
    _json(sub)

    sub = command(commands, "login", signing.login,
                  "sign in, where the workspace requires it: commands then act as you until you are idle too long",
                  checks_person=True, signs_in_itself=True)
    sub.add_argument("name", nargs="?", help="your name (asked for if left out)")
    _password_stdin(sub)
    command(commands, "logout", signing.logout, "sign out: end your sign-in to this workspace", checks_person=True,
            signs_in_itself=True)
    sub = command(commands, "serve", serving.serve,
                  "serve the terminal UI to web browsers, each tab its own session that opens on the sign-in screen "
                  "(the workspace must require sign-in)", checks_person=True, signs_in_itself=True)
    sub.add_argument("--host", default="127.0.0.1",
                     help="the address to listen on (default: 127.0.0.1, this machine only; put a TLS proxy in front "
                          "to serve others)")
    sub.add_argument("--port", type=_port, default=8000, help="the port to listen on (default: 8000)")
    accounts = group("account", "people's sign-ins: passwords")
    sub = command(accounts, "set", signing.set_password,
                  "give someone a first password, or a new one (area directors): they choose their own at first sign-in")
    sub.add_argument("person", help="their name or id")
    _password_stdin(sub)
    sub = command(accounts, "password", signing.change_password, "change your own password", needs_person=True)
    _password_stdin(sub)

    districts = group("district", "the authority's districts")
    sub = command(districts, "add", setup.district_add, "add a district")
    sub.add_argument("name")
    sub.add_argument("--area", required=True, help="its area (created if new)")
    sub.add_argument("--team", action="append", help="a team in the district (repeat for each)")
    _made(sub)
    _json(command(districts, "list", setup.district_list, "list districts, with the day each closed"))
    sub = command(districts, "change", setup.district_change, "rename a district, move it to another area, or set its teams")
    sub.add_argument("district", help="its name or id")
    sub.add_argument("--name", help="its new name")
    sub.add_argument("--area", help="the area it moves to")
    teams = sub.add_mutually_exclusive_group()
    teams.add_argument("--team", action="append", help="a team in the district (repeat for each): the list replaces the old one")
    teams.add_argument("--no-teams", action="store_true", help="the district has no teams")
    _json(sub)
    sub = command(districts, "retire", setup.district_retire,
                  "close a district that is merged or closed: it leaves the cycle plan, its history stays")
    sub.add_argument("district", help="its name or id")
    _json(_dated(sub, "the first day it is closed"))

    areas = group("area", "the authority's areas")
    sub = command(areas, "add", setup.area_add, "add an area")
    sub.add_argument("name")
    _made(sub)
    _json(command(areas, "list", setup.area_list, "list areas and their districts"))
    sub = command(areas, "change", setup.area_change, "rename an area")
    sub.add_argument("area", help="its name or id")
    sub.add_argument("--name", required=True, help="its new name")
    _json(sub)

    people = group("person", "the people who take part")
    sub = command(people, "add", setup.person_add, "add a person")
    sub.add_argument("name")
    sub.add_argument("--role", required=True, help=ROLES)
    sub.add_argument("--district", help="the district a district manager manages")
    sub.add_argument("--area", help="the area an area manager oversees")
    sub.add_argument("--email", help="their email address")
    _made(sub)
    _json(command(people, "list", setup.person_list, "list people: name, role, district or area, email, and who has left"))
    sub = command(people, "change", setup.person_change,
                  "correct a name or email address, change a role, or move someone to another district or area")
    sub.add_argument("person", help="their name or id")
    sub.add_argument("--name", help="their name as it should read")
    sub.add_argument("--role", help=ROLES)
    sub.add_argument("--district", help="the district they manage ('' for none)")
    sub.add_argument("--area", help="the area they oversee ('' for none)")
    sub.add_argument("--email", help="their email address ('' for none)")
    _json(sub)
    sub = command(people, "retire", setup.person_retire,
                  "record that someone leaves: from that day they cannot act and no list offers them")
    sub.add_argument("person", help="their name or id")
    _json(_dated(sub, "the first day they are gone"))
    _json(command(people, "duties", setup.person_duties,
                  "the duties of people who have left that you may hand on, and the verb for each", needs_person=True))

    frameworks = group("frameworks", "inspection frameworks")
    _json(command(frameworks, "list", setup.frameworks_list, "list the frameworks and any broken framework files"))
    sub = command(frameworks, "check", setup.frameworks_check, "check a framework file; exits 2 with every problem if it is invalid")
    sub.add_argument("file")

    sub = command(commands, "import", setup.import_file,
                  "import a JSON bundle of one inspection, as someone who may add its people and plan it "
                  "(importing twice changes nothing)")
    sub.add_argument("file")
    sub.add_argument("--yes", action="store_true", help="import without asking to confirm the people and roles it adds")
    _json(sub)

    inspection = group("inspection", "plan, list and show inspections")
    sub = command(inspection, "plan", inspections.plan, "plan an inspection", needs_person=True)
    sub.add_argument("--district")
    sub.add_argument("--framework", help="default: the full framework; with --from-finding, the themed one")
    sub.add_argument("--start", required=True, metavar="DATE", help="first day of fieldwork")
    sub.add_argument("--end", required=True, metavar="DATE", help="last day of fieldwork")
    sub.add_argument("--lead", help="the area director who leads")
    sub.add_argument("--theme-lead", action="append", metavar="THEME=PERSON")
    sub.add_argument("--member", action="append", metavar="PERSON=ROLE", help="team member: inspector, care ambassador")
    sub.add_argument("--notice", metavar="DATE", help="when short notice was given")
    sub.add_argument("--title")
    sub.add_argument("--from-finding", metavar="INSPECTION:FINDING", help="a themed inspection proposed by this emerging finding")
    _made(sub)
    sub = command(inspection, "change", inspections.change, "change a planned inspection (after fieldwork starts: add team members only)", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--start", metavar="DATE", help="first day of fieldwork")
    sub.add_argument("--end", metavar="DATE", help="last day of fieldwork")
    sub.add_argument("--notice", metavar="DATE", help="when short notice was given")
    sub.add_argument("--lead", help="the area director who leads")
    sub.add_argument("--theme-lead", action="append", metavar="THEME=PERSON", help="a new lead for a theme")
    sub.add_argument("--member", action="append", metavar="PERSON=ROLE", help="someone joining the team")
    sub.add_argument("--remove-member", action="append", metavar="PERSON", help="someone leaving the team")
    _json(sub)
    sub = command(inspection, "reassign", inspections.reassign,
                  "give the theme of a lead who has left to someone else, until the report is issued", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--theme", required=True, help="the theme's id")
    sub.add_argument("--to", required=True, metavar="PERSON", help="its new lead")
    _json(sub)
    sub = command(inspection, "cancel", inspections.cancel, "cancel an inspection, saying why (it stays in history)", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--reason", required=True)
    _dated(sub, "when it was called off")
    _json(sub)
    _json(command(inspection, "list", inspections.inspection_list, "list inspections"))
    sub = command(inspection, "show", inspections.inspection_show, "show an inspection as you may see it", needs_person=True)
    sub.add_argument("inspection")
    _json(sub)

    evidence = group("evidence", "record evidence")
    sub = command(evidence, "add", inspections.evidence_add, "add a file review, observation, conversation or indicator", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("kind", choices=_ChoicesFrom(_evidence_kinds), metavar="KIND", help="one of: %(choices)s")
    sub.add_argument("--set", action="append", metavar="FIELD=VALUE", help="a field; lists comma-separated")
    sub.add_argument("--grade", action="append", metavar="CRITERION=GRADE")
    sub.add_argument("--answer", action="append", metavar="QUESTION=ANSWER", help="a family feedback answer (questions 1-5)")
    sub.add_argument("--file", help="a JSON object of fields")
    sub.add_argument("--accept-warnings", action="store_true", help="save even if notes look like they hold a name or date of birth")
    _made(_dated(sub, "when it was recorded"))
    sub = command(evidence, "edit", inspections.evidence_edit, "change a piece of evidence", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("evidence", help="its id, or the first 4 or more characters of it")
    sub.add_argument("--set", action="append", metavar="FIELD=VALUE", help="a field; lists comma-separated")
    sub.add_argument("--grade", action="append", metavar="CRITERION=GRADE")
    sub.add_argument("--answer", action="append", metavar="QUESTION=ANSWER")
    sub.add_argument("--reason", help="after the report is issued: why it is amended")
    sub.add_argument("--accept-warnings", action="store_true", help="save even if notes look like they hold a name or date of birth")
    _json(sub)

    finding = group("finding", "emerging findings")
    sub = command(finding, "add", inspections.finding_add, "record an emerging finding", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--theme", required=True)
    sub.add_argument("--kind", required=True, choices=["strength", "area_for_development"])
    sub.add_argument("--text", required=True)
    sub.add_argument("--evidence", action="append", metavar="EVIDENCE_ID")
    sub.add_argument("--propose-themed", metavar="TOPIC", help="propose a themed inspection, e.g. neglect")
    _made(_dated(sub, "when it was recorded"))

    judgement = group("judgement", "judgements per theme")
    sub = command(judgement, "propose", inspections.judgement_propose, "propose a theme's judgement", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--theme", required=True)
    sub.add_argument("--grade", required=True)
    sub.add_argument("--reasons", required=True)
    _made(_dated(sub, "when it was proposed"))
    sub = command(judgement, "sign-off", inspections.judgement_sign_off, "sign off a theme's judgement", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--theme", required=True)
    _json(_dated(sub, "when it was signed off"))

    recommendation = group("recommendation", "the report's recommendations")
    sub = command(recommendation, "add", inspections.recommendation_add, "add a recommendation", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--theme", required=True)
    sub.add_argument("--text", required=True)
    _made(_dated(sub, "when it was written"))

    concern = group("concern", "immediate safeguarding concerns")
    sub = command(concern, "raise", inspections.concern_raise, "raise an immediate safeguarding concern", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--description", required=True)
    _made(_dated(sub, "when it was raised"))
    sub = command(concern, "plan", inspections.concern_plan, "record a concern's immediate action plan", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("concern")
    sub.add_argument("--owner", required=True)
    sub.add_argument("--action", required=True, help="the first action")
    _made(_dated(sub, "when the plan was made"))
    sub = command(concern, "amend", inspections.concern_amend,
                  "change a concern's immediate plan, saying why; the plan keeps its first date", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("concern")
    sub.add_argument("--reason", required=True, help="why the plan changes")
    sub.add_argument("--owner")
    sub.add_argument("--action", help="the first action, as it now stands")
    sub.add_argument("--date", metavar="DATE")

    sub = command(commands, "advance", inspections.advance, "take a lifecycle step", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("event", choices=_ChoicesFrom(_lifecycle_events), metavar="EVENT", help="the step, one of: %(choices)s")
    sub.add_argument("--date", metavar="DATE", help="when it happened (default today)")
    sub.add_argument("--note")
    _json(sub)

    sub = command(commands, "deadlines", followup.deadlines, "every open deadline and its state, overdue first")
    sub.add_argument("--today", metavar="DATE")
    sub.add_argument("--district")
    sub.add_argument("--person")
    sub.add_argument("--all", action="store_true", help="include deadlines already met")
    _json(sub)
    sub = command(commands, "cycle", followup.cycle, "districts against the current three-year cycle")
    sub.add_argument("--today", metavar="DATE")
    _json(sub)
    sub = command(commands, "reminders", followup.reminders, "a person's digest for the coming week", needs_person=True)
    sub.add_argument("--today", metavar="DATE")
    sub.add_argument("--send", action="store_true",
                     help="email everyone with an address their own digest, once a day, through the settings' mail server")
    _json(sub)

    action = group("action", "the district's action plan")
    sub = command(action, "add", actions.action_add, "add an action answering a recommendation", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--recommendation", required=True)
    sub.add_argument("--what", required=True)
    sub.add_argument("--owner")
    sub.add_argument("--due", metavar="DATE")
    _made(_dated(sub, "when it was added"))
    sub = command(action, "update", actions.action_update, "change an action, note progress, or mark it done", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("action")
    sub.add_argument("--what")
    sub.add_argument("--owner")
    sub.add_argument("--due", metavar="DATE")
    sub.add_argument("--note", help="a progress note")
    sub.add_argument("--done", action="store_true")
    _json(_dated(sub, "when the progress was made or the action done"))
    sub = command(action, "verify", actions.action_verify, "verify a done action, or send it back", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("action")
    sub.add_argument("--send-back", metavar="REASON")
    _json(_dated(sub, "when it was checked"))
    sub = command(action, "list", actions.action_list, "the action plan", needs_person=True)
    sub.add_argument("inspection")
    _json(sub)

    sub = command(commands, "report", reports.report, "the written report", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--format", choices=["md", "html", "json"], default="md")
    sub.add_argument("--output", metavar="FILE")
    sub.add_argument("--internal", action="store_true", help="the internal version, with case references")
    sub.add_argument("--version", type=int, help="an earlier issued version")
    _shareable(sub)

    export = group("export", "take data away")
    # No --shareable: even without case references a bundle holds every note of every conversation.
    sub = command(export, "bundle", reports.export_bundle, "the whole inspection as a JSON bundle", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--output", metavar="FILE")
    sub.add_argument("--include-case-refs", action="store_true", help="keep case references (the lead only)")
    sub = command(export, "actions", reports.export_actions, "the action plan as a spreadsheet", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--format", choices=["xlsx", "csv"], default="csv")
    sub.add_argument("--output", metavar="FILE")
    _shareable(sub)
    sub = command(export, "calendar", reports.export_calendar, "deadlines as an iCalendar file that updates on import: open ones, and met or withdrawn ones as cancelled")
    sub.add_argument("--person")
    sub.add_argument("--output", metavar="FILE")
    _shareable(sub)

    sub = command(
        commands, "audit", inspections.audit,
        "an inspection's audit trail; 'audit anchor' prints a digest to keep; 'audit --verify' checks the whole workspace",
        needs_person=True,
    )
    sub.add_argument("inspection", nargs="?", metavar="INSPECTION | anchor",
                     help="an inspection, or 'anchor' for a digest of the history so far (leave out with --verify for every trail)")
    sub.add_argument("--verify", action="store_true", help="check that no entry was edited, removed or reordered")
    sub.add_argument("--anchor", metavar="DIGEST", help="with --verify: a digest 'audit anchor' printed; proves nothing before it changed since")
    _made(sub)

    copies = group("field", "take an inspection onto a laptop with no network, and bring it home")
    sub = command(copies, "checkout", field.checkout,
                  "write a sealed field copy of an inspection for you (--as) to take into the field", needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--output", required=True, metavar="FILE", help="the copy to write (a new file)")
    _made(sub)
    sub = command(copies, "open", field.open_copy, "open a field copy in the terminal UI (it needs no other workspace)",
                  checks_person=True)
    sub.add_argument("file")
    sub = command(copies, "return", field.return_copy,
                  "bring a field copy home: merge what was saved in it (returning it twice changes nothing)", needs_person=True)
    sub.add_argument("file")
    _json(sub)
    sub = command(copies, "refresh", field.refresh,
                  "bring a field copy home, then write it again from home as it is now, for another day out", needs_person=True)
    sub.add_argument("file")
    _json(sub)
    sub = command(copies, "conflicts", field.conflicts,
                  "records changed both at home and in a field copy, with every version, for their authors and the lead",
                  needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("--all", action="store_true", help="settled conflicts too")
    _json(sub)
    sub = command(copies, "resolve", field.resolve, "settle a conflict: keep one version, or write a merged text",
                  needs_person=True)
    sub.add_argument("inspection")
    sub.add_argument("conflict")
    sub.add_argument("--keep", metavar="VERSION", help="the version to keep (its first 8 characters will do)")
    sub.add_argument("--set", action="append", metavar="FIELD=TEXT", help="the merged text of a field (repeat for each)")
    _json(sub)
    sub = command(copies, "list", field.copies, "the field copies of an inspection written so far", needs_person=True)
    sub.add_argument("inspection")
    _json(sub)

    workspace = group("workspace", "check and repair the workspace's files")
    command(workspace, "check", upkeep.workspace_check, "check that the index agrees with the inspection files; exits 2 if not")
    command(workspace, "repair", upkeep.workspace_repair, "rebuild the index's summaries from the inspection files, restoring a damaged index from its last-good copy")
    return parser


def _with_person(run):
    @wraps(run)
    def checked(args):
        if not args.as_person:
            from .context import signed_in_person

            signed_in_person(args)
        if not args.as_person:
            from ..domain.errors import InvalidInput, Problem

            raise InvalidInput(Problem("--as", "say who is acting: --as PERSON (a name or an id)"))
        return run(args)

    return checked


def _known_person(run):
    """A verb that does not need --as still refuses one that names nobody, rather than ignore a typo."""

    @wraps(run)
    def checked(args):
        if args.as_person:
            from .context import engine

            engine(args).person(args.as_person)
        return run(args)

    return checked


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 65535, not {text!r}")
    return int(text)


def _made(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """A verb that creates something: --json prints it whole, --id-only prints its id alone, for `ID=$(...)`."""
    printed = sub.add_mutually_exclusive_group()
    printed.add_argument("--json", action="store_true", help="print what was made as JSON, for scripts")
    printed.add_argument("--id-only", action="store_true", help="print only the new id, for ID=$(peerinspect ...)")
    return sub


def _dated(sub: argparse.ArgumentParser, what: str = "when it happened") -> argparse.ArgumentParser:
    sub.add_argument("--date", metavar="DATE", help=f"{what} (YYYY-MM-DD; default today)")
    return sub


def _shareable(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
    sub.add_argument("--shareable", action="store_true",
                     help="let others read the --output file (it is yours alone otherwise); never with case references")
    return sub


def _password_stdin(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
    sub.add_argument("--password-stdin", action="store_true",
                     help="read each password asked for from a line of standard input, for scripts (never an argument)")
    return sub


def _json(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
    sub.add_argument("--json", action="store_true", help="print JSON for scripts")
    return sub

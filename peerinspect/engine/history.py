"""The audit trail as people read and check it: a whole inspection's, one record's history, or every trail at once."""

from __future__ import annotations

from attrs import frozen

from ..domain.anchors import (
    WORKSPACE_TRAIL,
    Anchor,
    AnchorLink,
    anchor_of,
    extends,
    digest_problems,
    head_problems,
    link_problems,
    link_with_digest,
    links_by_subject,
    parse_digest,
)
from ..domain.audit import AuditEntry, chain_problems, touches, unaccounted_records
from ..domain.errors import NotFound, PeerInspectError, Refused
from ..domain.permissions import Act, decide
from ..domain.summary import InspectionSummary
from ..store.faults import UnreadableFile
from .access import require
from .core import Engine
from .evidence import dossier_for


def audit_trail(engine: Engine, *, as_person: str, inspection: str) -> list[AuditEntry]:
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    require(engine, person, Act.READ_AUDIT, summary.inspection)
    return engine.workspace.audit_entries(summary.id)


def audit_problems(engine: Engine, *, as_person: str, inspection: str, anchor: str | None = None) -> list[str]:
    """Every sign of tampering with one inspection: a broken chain, a record its trail does not account for,
    a trail that no longer has the heads the index recorded, and, given a kept digest, history rewritten before it."""
    digest = parse_digest(anchor) if anchor is not None else None
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    require(engine, person, Act.READ_AUDIT, summary.inspection)
    try:
        entries = engine.workspace.audit_entries(summary.id)
        unread = unaccounted_records(entries, engine.workspace.stored_documents(summary.id))
    except (UnreadableFile, NotFound):
        # A file removed or emptied holds no trail: the index's check names the file, the recorded heads what was lost.
        entries, unread = [], []
    links = engine.workspace.anchor_links()
    return (
        chain_problems(entries)
        + unread
        + engine.workspace.index_problems([summary.id])
        + _mended_on_opening(engine)
        + head_problems("this trail", links_by_subject(links).get(summary.id, []), entries)
        + _chain_of_links_problems(links, digest)
    )


def record_history(engine: Engine, *, as_person: str, inspection: str, record_id: str) -> list[AuditEntry]:
    """Who changed one record, when, and what they changed, oldest first.

    Open to those who may read the whole trail, and to those who may see the record:
    evidence they may read, or the actions of a plan they may read.
    """
    person = engine.person(as_person)
    summary = engine.summary(inspection)
    district = engine.district(summary.inspection.district_id)
    if decide(person, Act.READ_AUDIT, summary.inspection, district, today=engine.today()) is not None:
        dossier = dossier_for(engine, as_person=person.id, inspection=summary.id)
        visible = {e.id for e in dossier.evidence}
        if decide(person, Act.READ_ISSUED_REPORT, summary.inspection, district, today=engine.today()) is None:
            visible |= {a.id for a in dossier.actions}
        if record_id not in visible:
            require(engine, person, Act.READ_AUDIT, summary.inspection, district)
    entries = [e for e in engine.workspace.audit_entries(summary.id) if touches(e, record_id)]
    if not entries:
        raise NotFound(f"No history for record {record_id!r} in this inspection")
    return entries


@frozen(kw_only=True)
class WorkspaceCheck:
    """What verifying the whole workspace found, and what it covered."""

    problems: tuple[str, ...]  # signs of tampering, or of damage
    unrecorded: tuple[str, ...]  # trails that grew intact past the head the index last recorded
    inspections: int
    links: int
    anchored_at: AnchorLink | None  # the link the kept digest names, when one was given and found


def verify_workspace(engine: Engine, *, as_person: str, anchor: str | None = None) -> WorkspaceCheck:
    """Every trail in the workspace, the index's own included, checked against itself and against the anchor links."""
    require(engine, engine.person(as_person), Act.VERIFY_WORKSPACE)
    digest = parse_digest(anchor) if anchor is not None else None
    workspace = engine.workspace
    links = workspace.anchor_links()
    by_subject = links_by_subject(links)
    index_entries = workspace.audit_entries()
    own = [
        f"workspace trail: {p}"
        for p in chain_problems(index_entries) + unaccounted_records(index_entries, workspace.stored_documents())
    ]
    own, unrecorded = _split_heads("workspace trail", by_subject.get(WORKSPACE_TRAIL, []), index_entries, own)
    problems = _chain_of_links_problems(links, digest) + own + _mended_on_opening(engine)
    summaries = {s.id: s for s in workspace.summaries()}
    inspection_ids = sorted((set(workspace.inspection_ids()) | set(summaries) | set(by_subject)) - {WORKSPACE_TRAIL})
    for inspection_id in inspection_ids:
        summary = summaries.get(inspection_id)
        label = f"inspection {summary.inspection.title if summary else inspection_id[:8]} ({inspection_id[:8]})"
        found, grown = _inspection_problems(engine, inspection_id, label, by_subject.get(inspection_id, []), summary)
        problems += found
        unrecorded += grown
    return WorkspaceCheck(
        problems=tuple(problems),
        unrecorded=tuple(unrecorded),
        inspections=len(inspection_ids),
        links=len(links),
        anchored_at=link_with_digest(links, digest) if digest else None,
    )


def take_anchor(engine: Engine, *, as_person: str) -> Anchor:
    """A digest of the newest anchor link, for an area director to keep away from the workspace.

    Trails that only grew since the index last recorded them (a save cut off before the index
    followed, a workspace from before anchors) are recorded first: appending is what every save
    does, so this blesses nothing a save could not. Refused, with nothing written, while verify
    finds any other problem: a digest taken then would vouch for tampered history.
    """
    check = verify_workspace(engine, as_person=as_person)
    if check.problems:
        raise Refused(
            f"The audit trail is broken ({check.problems[0]}), so a digest now would vouch for a changed history. "
            "Run 'peerinspect audit --verify' to see every problem."
        )
    if check.unrecorded:
        engine.workspace.catch_up_heads()
    links = engine.workspace.anchor_links()
    # The digest will be kept away from the workspace: the link it names must outlive a power cut.
    engine.workspace.make_index_durable()
    return anchor_of(links, engine.today())


def _mended_on_opening(engine: Engine) -> list[str]:
    # Opening rebuilt summaries that disagreed with their files. Nothing is wrong now, but something was: a save cut
    # off between its two writes, or an index edited by hand. Verify says so rather than vouch for it silently.
    return [f"index, found on opening and rebuilt from the files: {note}" for note in engine.workspace.index_repairs]


def _chain_of_links_problems(links: list[AnchorLink], digest: str | None) -> list[str]:
    return link_problems(links) + (digest_problems(links, digest) if digest is not None else [])


def _split_heads(
    label: str, links: list[AnchorLink], entries: list[AuditEntry], problems: list[str]
) -> tuple[list[str], list[str]]:
    """A trail's own problems with its head problems added, either as damage or as growth the index has yet to record."""
    found = head_problems(label, links, entries)
    return (problems, found) if not problems and extends(links, entries) else (problems + found, [])


def _inspection_problems(
    engine: Engine, inspection_id: str, label: str, links: list[AnchorLink], summary: InspectionSummary | None
) -> tuple[list[str], list[str]]:
    workspace = engine.workspace
    try:
        entries = workspace.audit_entries(inspection_id)
        problems = chain_problems(entries) + unaccounted_records(entries, workspace.stored_documents(inspection_id))
        stored_summary = workspace.dossier(inspection_id).summary() if entries else None
    except (PeerInspectError, ValueError, KeyError) as error:
        # A file that cannot be read at all still has the heads the index recorded: say what is wrong with both.
        return [f"{label}: its file cannot be read ({error})"] + head_problems(label, links, []), []
    problems, unrecorded = _split_heads(label, links, entries, [f"{label}: {p}" for p in problems])
    if summary is None and entries:
        problems.append(f"{label}: the index has no summary of it")
    elif summary is not None and stored_summary is not None and not _same_summary(stored_summary, summary):
        problems.append(f"{label}: its summary in the index differs from its file")
    return problems, unrecorded


def _same_summary(one: InspectionSummary, other: InspectionSummary) -> bool:
    # The index keeps concerns and actions in the order they were saved, the file reading in date order: either is right.
    by_id = lambda records: sorted(records, key=lambda r: r.id)  # noqa: E731
    return (
        one.inspection == other.inspection
        and by_id(one.concerns) == by_id(other.concerns)
        and by_id(one.actions) == by_id(other.actions)
    )

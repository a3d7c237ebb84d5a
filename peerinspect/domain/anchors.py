"""Anchors: each audit trail's head recorded outside its own file, in a chain of links a digest can pin.

An inspection's trail proves only that its entries follow one another; whoever can edit
the file can recompute them all. So every time a trail's head moves, the workspace index
appends a link (previous link's hash, whose trail, its head, its entry count). A trail cut
short, rewritten, emptied or swapped no longer has the head a link recorded. Someone who
rewrites the links as well is caught by a digest of one link kept away from the workspace:
that link's hash covers every link before it, and so every head recorded up to then.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date

from attrs import frozen

from .audit import GENESIS, AuditEntry, chain_problems
from .errors import InvalidInput, Problem
from .records import Record

# The index's own trail (areas, districts, people, settings) is anchored under this name.
WORKSPACE_TRAIL = "workspace"
# Entries appended intact after the last recorded head are what a save cut short leaves; taking an anchor records them.
CATCH_UP_HINT = " ('peerinspect audit anchor' records them, if nothing else is wrong)"
DIGEST_LENGTH = 16  # hex characters: 64 bits, short enough to copy by hand, far too many to forge


@frozen(kw_only=True)
class AnchorLink(Record):
    KIND = "anchor"  # names its table and is stored in each document: never rename

    seq: int
    subject: str  # an inspection id, or WORKSPACE_TRAIL
    head: str  # the hash of the subject's last audit entry
    count: int  # how many entries its trail held then
    prev_hash: str
    hash: str


@frozen(kw_only=True)
class Anchor:
    """What an area director keeps elsewhere: the digest of the newest link, and what it covered."""

    digest: str
    link: int
    taken_on: date
    inspections: int

    @property
    def readable_digest(self) -> str:
        return "-".join(self.digest[i : i + 4] for i in range(0, len(self.digest), 4))


def _digest(seq: int, subject: str, head: str, count: int, prev_hash: str) -> str:
    body = json.dumps([seq, subject, head, count, prev_hash], separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def next_link(previous: AnchorLink | None, *, subject: str, head: AuditEntry) -> AnchorLink:
    seq = previous.seq + 1 if previous else 1
    prev_hash = previous.hash if previous else GENESIS
    return AnchorLink(
        seq=seq, subject=subject, head=head.hash, count=head.seq, prev_hash=prev_hash,
        hash=_digest(seq, subject, head.hash, head.seq, prev_hash),
    )


def anchor_of(links: list[AnchorLink], taken_on: date) -> Anchor:
    if not links:
        raise InvalidInput(Problem("anchor", "nothing has been recorded in this workspace yet, so there is nothing to anchor"))
    last = links[-1]
    inspections = {link.subject for link in links} - {WORKSPACE_TRAIL}
    return Anchor(digest=last.hash[:DIGEST_LENGTH], link=last.seq, taken_on=taken_on, inspections=len(inspections))


def parse_digest(text: str) -> str:
    """A digest as typed back from paper or an email: any case, with or without dashes and spaces."""
    digest = re.sub(r"[\s\-]", "", text).lower()
    if len(digest) != DIGEST_LENGTH or not re.fullmatch(r"[0-9a-f]+", digest):
        raise InvalidInput(Problem(
            "anchor", f"{text!r} is not an anchor digest: it is {DIGEST_LENGTH} characters 0-9 and a-f, as 'audit anchor' printed it"
        ))
    return digest


def link_problems(links: list[AnchorLink]) -> list[str]:
    """Every break in the chain of links: one edited, removed, inserted or reordered."""
    problems = []
    prev_hash, expected_seq = GENESIS, 1
    for link in links:
        if link.seq != expected_seq:
            problems.append(f"anchor link {link.seq}: expected link {expected_seq} here (a link was removed or reordered)")
        if link.prev_hash != prev_hash:
            problems.append(f"anchor link {link.seq}: does not follow the link before it")
        if _digest(link.seq, link.subject, link.head, link.count, link.prev_hash) != link.hash:
            problems.append(f"anchor link {link.seq}: its content was changed after it was written")
        prev_hash, expected_seq = link.hash, link.seq + 1
    return problems


def link_with_digest(links: list[AnchorLink], digest: str) -> AnchorLink | None:
    return next((link for link in links if link.hash.startswith(digest)), None)


def digest_problems(links: list[AnchorLink], digest: str) -> list[str]:
    """The kept digest must name a link of the chain as it stands; the chain after it is checked by link_problems."""
    if link_with_digest(links, digest) is not None:
        return []
    return [
        f"anchor {digest}: no link in the index has this digest: the history before it was rewritten "
        "(or the digest was taken from another workspace)"
    ]


def head_problems(label: str, links: list[AnchorLink], entries: list[AuditEntry]) -> list[str]:
    """Whether one trail, as stored now, still holds every head its links recorded, and nothing the index never saw.

    `links` are this trail's own links, oldest first. The first problem found is enough
    to name what happened; the rest would only repeat it.
    """
    hash_at = {entry.seq: entry.hash for entry in entries}
    held = max(hash_at, default=0)
    if not links:
        return [f"{label}: its {held} entries were never recorded in the index{CATCH_UP_HINT}"] if held else []
    recorded = links[-1].count
    if held == 0:
        return [f"{label}: the index recorded {recorded} entries, the trail holds none (its file was deleted, emptied or replaced)"]
    for link in links:
        if link.count <= held and hash_at.get(link.count) != link.head:
            return [
                f"{label}: entry {link.count} is not the one anchored in link {link.seq} "
                "(the trail was rewritten, or its file replaced by another)"
            ]
    if held < recorded:
        return [f"{label}: the index recorded {recorded} entries, the trail holds {held} (the last entries were removed)"]
    if held > recorded:
        return [f"{label}: entries {recorded + 1} to {held} were added without the index recording them{CATCH_UP_HINT}"]
    return []


def links_by_subject(links: list[AnchorLink]) -> dict[str, list[AnchorLink]]:
    grouped: dict[str, list[AnchorLink]] = {}
    for link in links:
        grouped.setdefault(link.subject, []).append(link)
    return grouped


def extends(links: list[AnchorLink], entries: list[AuditEntry]) -> bool:
    """Whether a trail only grew since its last link: the one change the index may record without a save behind it."""
    if not entries or chain_problems(entries):
        return False
    if not links:
        return True
    last = links[-1]
    hash_at = {entry.seq: entry.hash for entry in entries}
    return hash_at.get(last.count) == last.head and max(hash_at) > last.count

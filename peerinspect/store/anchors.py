"""The chain of anchor links in the workspace index: appended in the same write as the change it records.

Links live in their own table of the index, apart from the summaries, so rebuilding
summaries from the inspection files leaves them as they were.
"""

from __future__ import annotations

from tinydb.table import Document, Table

from ..domain.anchors import AnchorLink, next_link
from ..domain.audit import AuditEntry
from .converter import from_document, to_document
from .transaction import RecordDB

ANCHOR_TABLE = "anchor"


def append_link(db: RecordDB, subject: str, head: AuditEntry) -> AnchorLink:
    """Record a trail's new head; the caller commits it with whatever else it writes to the index."""
    table = db.table(ANCHOR_TABLE)
    link = next_link(_last_link(table), subject=subject, head=head)
    table.insert(Document(to_document(link), doc_id=_link_id(link.seq)))
    return link


def all_links(db: RecordDB) -> list[AnchorLink]:
    return sorted((from_document(dict(d)) for d in db.table(ANCHOR_TABLE).all()), key=lambda link: link.seq)


def _last_link(table: Table) -> AnchorLink | None:
    # Links are only ever appended, so the count finds the last one without reading them all.
    last = len(table)
    document = table.get(doc_id=_link_id(last)) if last else None
    if document is None and last:
        document = max(table.all(), key=lambda d: d["seq"])  # the chain has a gap: verify will say so
    return from_document(dict(document)) if document is not None else None


def _link_id(seq: int) -> str:
    return f"{seq:09d}"

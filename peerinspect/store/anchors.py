"""The chain of anchor links in the workspace index: appended in the same write as the change it records.

Links live in their own table of the index, apart from the summaries, so rebuilding
summaries from the inspection files leaves them as they were. Every save appends a
link, in the line it appends to the index's journal, and the index is rewritten whole
when its journal is folded or what only it holds changes, so the index keeps only the
newest links: once it holds SEAL_AFTER of them they move, in one piece, into a file of
their own under anchors/, written once and never again, and the index notes that
file with the last link in it. Rewriting the index stays that of a small file however
long the history grows; verify reads every sealed file.
"""

from __future__ import annotations

from pathlib import Path

import orjson
from tinydb.table import Document

from ..domain.anchors import AnchorLink, next_link
from ..domain.audit import AuditEntry
from .converter import from_document, to_document
from ..owner_only import make_folder
from .durable import write_atomically
from .transaction import RecordDB

ANCHOR_TABLE = "anchor"
SEALED_TABLE = "anchor_sealed"
ANCHORS_DIR = "anchors"
SEAL_AFTER = 1000  # about 300 KB of links; the index at county scale is about 150 KB without them


def append_link(db: RecordDB, folder: Path, subject: str, head: AuditEntry) -> AnchorLink:
    """Record a trail's new head; the caller commits it with whatever else it writes to the index."""
    table = db.table(ANCHOR_TABLE)
    link = next_link(_last_link(db), subject=subject, head=head)
    if len(table) >= SEAL_AFTER:
        _seal(db, folder)
    table.insert(Document(to_document(link), doc_id=_link_id(link.seq)))
    return link


def all_links(db: RecordDB, folder: Path) -> list[AnchorLink]:
    """Every link, the sealed ones first; a sealed file that is missing leaves a gap for verify to report."""
    documents: dict[int, dict] = {}
    for sealed in sorted(db.table(SEALED_TABLE).all(), key=lambda d: d["first"]):
        try:
            documents.update((d["seq"], d) for d in orjson.loads((folder / sealed["file"]).read_bytes()))
        except (OSError, ValueError, TypeError, KeyError):
            continue
    documents.update((d["seq"], dict(d)) for d in db.table(ANCHOR_TABLE).all())
    return [from_document(documents[seq]) for seq in sorted(documents)]


def _seal(db: RecordDB, folder: Path) -> None:
    table = db.table(ANCHOR_TABLE)
    documents = sorted((dict(d) for d in table.all()), key=lambda d: d["seq"])
    first, last = documents[0]["seq"], documents[-1]["seq"]
    name = f"{first:09d}-{last:09d}.json"
    make_folder(folder)
    # Written before the index drops these links: a crash between leaves them in the index, and the next seal rewrites
    # the same file with the same links.
    write_atomically(folder / name, orjson.dumps(documents))
    db.table(SEALED_TABLE).insert(Document({"file": name, "first": first, "last": last, "last_link": documents[-1]}, doc_id=name))
    table.truncate()


def _last_link(db: RecordDB) -> AnchorLink | None:
    table = db.table(ANCHOR_TABLE)
    sealed = max(db.table(SEALED_TABLE).all(), key=lambda d: d["last"], default=None)
    if not len(table):
        return from_document(dict(sealed["last_link"])) if sealed else None
    # Links are only ever appended, so the count finds the last one without reading them all.
    document = table.get(doc_id=_link_id((sealed["last"] if sealed else 0) + len(table)))
    if document is None:
        document = max(table.all(), key=lambda d: d["seq"])  # the chain has a gap: verify will say so
    return from_document(dict(document))


def _link_id(seq: int) -> str:
    return f"{seq:09d}"

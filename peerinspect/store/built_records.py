"""Records built from one file's stored documents, kept so that reading the file again builds only what changed.

Building a record from its document (every field structured and checked) costs many times what parsing the file
does: opening a 5,000-record inspection again took about 300 ms, nearly all of it building (bench/bench_open.py).
So each record is kept with the document it was built from, and used again while the file still holds that very
document, or an equal one:

- a save by this process changes documents in place, inside its transaction, and the table drops their records
  as it changes them (a transaction that fails drops the whole file's, with the parsed file itself);
- another process's save reaches this one through its journal, whose lines put new documents in place of the
  old: those, and only those, are built again;
- a file read afresh (folded by another process, or put back from a copy) holds new documents throughout: each is
  compared with the one its record was built from, and only those that differ are built again.

So a kept document always holds what its record was built from, and a record given out is always the file's.
"""

from __future__ import annotations

from typing import Any

from .converter import from_document


class BuiltRecords:
    """One file's records, table by table, each beside the document it was built from."""

    def __init__(self) -> None:
        self._tables: dict[str, dict[str, tuple[dict, Any]]] = {}

    def records(self, table: str, documents: dict[str, dict]) -> list[Any]:
        """The records of `documents` (the table as stored, by id), in its order; only new or changed ones are built."""
        kept = self._tables.get(table, {})
        now: dict[str, tuple[dict, Any]] = {}
        for record_id, document in documents.items():
            found = kept.get(record_id)
            if found is None or (found[0] is not document and found[0] != document):
                found = (document, from_document(dict(document)))
            now[record_id] = found
        self._tables[table] = now
        return [record for _, record in now.values()]

    def drop(self, table: str, record_ids: list[str] | None) -> None:
        """Forget the records of documents just changed in place (of the whole table, for None)."""
        if record_ids is None:
            self._tables.pop(table, None)
            return
        kept = self._tables.get(table)
        if kept:
            for record_id in record_ids:
                kept.pop(record_id, None)

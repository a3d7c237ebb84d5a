"""Counting the conversions of the index's summaries, to show what a view reads and how often."""

from __future__ import annotations

from collections import Counter

import pytest

from peerinspect.store import summaries as stored_summaries


@pytest.fixture
def conversions(monkeypatch) -> Counter:
    """How often each inspection's summary was converted whole, and how often only its inspection, by id."""
    counted: Counter = Counter()
    whole, part = stored_summaries.from_document, stored_summaries.structure

    def count_whole(document):
        counted["whole", document["inspection"]["id"]] += 1
        return whole(document)

    def count_part(data, cls):
        counted[cls.__name__, data.get("id") if isinstance(data, dict) else None] += 1
        return part(data, cls)

    monkeypatch.setattr(stored_summaries, "from_document", count_whole)
    monkeypatch.setattr(stored_summaries, "structure", count_part)
    return counted

"""An audit entry's changes read back exactly as the standard json module made them before: same hashes, same trail."""

import json
from datetime import date, datetime, timezone

from hypothesis import given
from hypothesis import strategies as st

from peerinspect.domain.audit import as_stored_json
from peerinspect.domain.vocabulary import AgeBand, Role

scalars = (st.none() | st.booleans() | st.integers(-2**53, 2**53) | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(max_size=20) | st.sampled_from(list(Role) + list(AgeBand)) | st.dates()
           | st.datetimes(timezones=st.sampled_from([None, timezone.utc])))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)


@given(st.dictionaries(st.text(max_size=12), values, max_size=6))
def test_changes_are_stored_as_the_standard_json_stored_them(changes):
    assert as_stored_json(changes) == json.loads(json.dumps(changes, default=str))


def test_dates_and_times_are_stored_as_their_text():
    moment = datetime(2026, 12, 14, 9, 30, tzinfo=timezone.utc)
    assert as_stored_json({"on": date(2026, 12, 14), "at": moment}) == {"on": "2026-12-14", "at": "2026-12-14 09:30:00+00:00"}

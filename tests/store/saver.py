"""Run as a separate process: saves observations one by one and prints each id once the save is acknowledged.

An optional fifth argument folds the journal into the inspection file whenever it holds more than that many bytes.
"""

import sys
from datetime import date, datetime
from pathlib import Path

from peerinspect.domain.evidence import Observation
from peerinspect.domain.vocabulary import ObservationSetting
from peerinspect.store import journal
from peerinspect.store.workspace import Workspace

root, inspection_id, count, tag = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
if len(sys.argv) > 5:
    journal.FOLD_AT_LEAST_BYTES, journal.FOLD_SHARE_OF_FILE = int(sys.argv[5]), 0
workspace = Workspace.open(root)
for n in range(count):
    with workspace.inspection(inspection_id) as tx:
        tx.attribute(at=datetime(2026, 3, 9, 10), actor_id=tag, action="add observation")
        saved = tx.put(
            Observation(
                inspection_id=inspection_id, author_id=tag, recorded_on=date(2026, 3, 9),
                setting=ObservationSetting.HOME_VISIT, practitioner=f"{tag} {n}", grade="good", notes="x" * 400,
            )
        )
    print(saved.id, flush=True)

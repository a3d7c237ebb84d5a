"""Run as a separate process: raises safeguarding concerns one by one, each save followed in the index, printing each id once acknowledged.

An optional third argument says how many (many more than any test waits for, by default); a fourth folds every
journal, the index's among them, whenever it holds more than that many bytes.
"""

import sys
from datetime import date, datetime
from pathlib import Path

from peerinspect.domain.safeguarding import SafeguardingConcern
from peerinspect.store import journal
from peerinspect.store.workspace import Workspace

root, inspection_id = Path(sys.argv[1]), sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
if len(sys.argv) > 4:
    journal.FOLD_AT_LEAST_BYTES, journal.FOLD_SHARE_OF_FILE = int(sys.argv[4]), 0
workspace = Workspace.open(root)
for n in range(count):
    with workspace.inspection(inspection_id) as tx:
        tx.attribute(at=datetime(2026, 3, 9, 10), actor_id="saver", action="raise concern")
        saved = tx.put(SafeguardingConcern(inspection_id=inspection_id, raised_by="saver", raised_on=date(2026, 3, 9), description=f"concern {n}"))
    print(saved.id, flush=True)

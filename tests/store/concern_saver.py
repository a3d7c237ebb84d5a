"""Run as a separate process: raises safeguarding concerns one by one, each save followed in the index, printing each id once acknowledged."""

import sys
from datetime import date, datetime
from pathlib import Path

from peerinspect.domain.safeguarding import SafeguardingConcern
from peerinspect.store.workspace import Workspace

root, inspection_id = Path(sys.argv[1]), sys.argv[2]
workspace = Workspace.open(root)
for n in range(100_000):
    with workspace.inspection(inspection_id) as tx:
        tx.attribute(at=datetime(2026, 3, 9, 10), actor_id="saver", action="raise concern")
        saved = tx.put(SafeguardingConcern(inspection_id=inspection_id, raised_by="saver", raised_on=date(2026, 3, 9), description=f"concern {n}"))
    print(saved.id, flush=True)

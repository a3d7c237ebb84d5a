"""Run as a separate process: `peerinspect field return` killed (SIGKILL) as it renames its Nth file into place,
as a power cut or `kill -9` would leave it. The rename itself never happens."""

import os
import signal
import sys
from datetime import datetime

from peerinspect.cli import context, main
from peerinspect.engine.core import Engine
from peerinspect.field import sealing

moment = datetime.fromisoformat(os.environ["KILLED_AT"])
sealing.SCRYPT_COST = min(sealing.COSTS_READ)


class _EngineAtTheMoment:
    @staticmethod
    def open(root, **kwargs):
        return Engine.open(root, clock=lambda: moment, **kwargs)


context.Engine = _EngineAtTheMoment
renames = [0]
_rename = os.replace


def _killed_at_the_nth_rename(source, target, *args, **kwargs):
    renames[0] += 1
    if renames[0] == int(os.environ["KILL_AT_RENAME"]):
        os.kill(os.getpid(), signal.SIGKILL)
    return _rename(source, target, *args, **kwargs)


os.replace = _killed_at_the_nth_rename
sys.exit(main(sys.argv[1:]))

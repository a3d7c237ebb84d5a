"""Run as a separate process: `peerinspect field return` killed (SIGKILL) as it makes its Nth write to the disk,
an appended journal line or a file renamed into place, as a power cut or `kill -9` would leave it. That write
itself never happens."""

import os
import signal
import sys
from datetime import datetime

from peerinspect.cli import context, main
from peerinspect.engine.core import Engine
from peerinspect.field import sealing
from peerinspect.store import journal

moment = datetime.fromisoformat(os.environ["KILLED_AT"])
sealing.SCRYPT_COST = min(sealing.COSTS_READ)


class _EngineAtTheMoment:
    @staticmethod
    def open(root, **kwargs):
        return Engine.open(root, clock=lambda: moment, **kwargs)


context.Engine = _EngineAtTheMoment
writes = [0]


def killed_at_the_nth_write(write):
    def write_unless_killed(*args, **kwargs):
        writes[0] += 1
        if writes[0] == int(os.environ["KILL_AT_WRITE"]):
            os.kill(os.getpid(), signal.SIGKILL)
        return write(*args, **kwargs)

    return write_unless_killed


os.replace = killed_at_the_nth_write(os.replace)
journal._append = killed_at_the_nth_write(journal._append)
sys.exit(main(sys.argv[1:]))

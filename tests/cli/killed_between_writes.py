"""Run as a separate process: one peerinspect command that is killed right after its inspection file is written,
before the workspace index follows, as a power cut or `kill -9` would leave it."""

import os
import signal
import sys
from datetime import date, datetime, time

from peerinspect.cli import context, main
from peerinspect.engine.core import Engine
from peerinspect.store.workspace import Workspace

# The day the command runs on, as the test that starts this process says.
if os.environ.get("KILLED_ON"):
    moment = datetime.combine(date.fromisoformat(os.environ["KILLED_ON"]), time(9, 30))

    class _EngineOnTheDay:
        @staticmethod
        def open(root, **kwargs):
            return Engine.open(root, clock=lambda: moment, **kwargs)

    context.Engine = _EngineOnTheDay


def die(self, tx):
    os.kill(os.getpid(), signal.SIGKILL)


Workspace._follow_in_index = die
sys.exit(main(sys.argv[1:]))

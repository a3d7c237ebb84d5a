"""Run as a separate process: one peerinspect command that is killed right after its inspection file is written,
before the workspace index follows, as a power cut or `kill -9` would leave it."""

import os
import signal
import sys

from peerinspect.cli import main
from peerinspect.store.workspace import Workspace


def die(self, tx):
    os.kill(os.getpid(), signal.SIGKILL)


Workspace._follow_in_index = die
sys.exit(main(sys.argv[1:]))

"""No acknowledged save is lost: a save in the field is in the sealed copy before it returns, and a return killed
at any write leaves home as it was before or as it is after, never between."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from peerinspect.engine.core import Engine
from peerinspect.field.checkout import check_out
from peerinspect.field.contents import read_copy
from peerinspect.field.opened import open_copy
from peerinspect.field.returning import return_copy

from .conftest import PASSPHRASE

KILLED = Path(__file__).with_name("killed_returning.py")
REPOSITORY = Path(__file__).resolve().parents[2]


def test_a_save_in_the_field_is_sealed_into_the_copy_before_it_is_acknowledged(world, tmp_path):
    path = tmp_path / "ivy.copy"
    check_out(world.engine, as_person=world.people["ivy"], inspection=world.inspection, output=path, passphrase=PASSPHRASE)
    field = world.open_copy(path)
    saved = world.conversation(field, "ivy", "Acknowledged, then the laptop died")
    # Read as a new process would, without the open copy's help: the save is there.
    contents, _ = read_copy(path, PASSPHRASE)
    inspection = b"".join(content for name, content in contents.files.items() if name.startswith(f"inspections/{world.inspection}."))
    assert saved.encode() in inspection and b"Acknowledged, then the laptop died" in inspection
    assert path.stat().st_mode & 0o777 == 0o600


def test_an_unsealed_copy_is_private_and_gone_once_closed(world, tmp_path):
    path = tmp_path / "ivy.copy"
    check_out(world.engine, as_person=world.people["ivy"], inspection=world.inspection, output=path, passphrase=PASSPHRASE)
    opened = open_copy(path, PASSPHRASE, open_engine=lambda root, **kw: Engine.open(root, clock=world.clock, **kw))
    assert opened.folder.stat().st_mode & 0o777 == 0o700
    opened.close()
    assert not opened.folder.exists()


def test_a_return_killed_at_any_write_leaves_home_before_or_after(world, tmp_path):
    path = tmp_path / "ivy.copy"
    shared = world.conversation(world.engine, "ivy", "Before going out")
    check_out(world.engine, as_person=world.people["ivy"], inspection=world.inspection, output=path, passphrase=PASSPHRASE)
    field = world.open_copy(path)
    world.conversation(field, "ivy", "Met the family")
    world.edit(field, "ivy", shared, notes="Before going out, and after")
    world.copies.pop().close()

    def records(root: Path) -> dict:
        return Engine.open(root, clock=world.clock).workspace.stored_documents(world.inspection)

    before = records(world.root)
    finished = tmp_path / "finished"
    shutil.copytree(world.root, finished)
    return_copy(Engine.open(finished, clock=world.clock), as_person=world.people["ivy"], path=path, passphrase=PASSPHRASE)
    after = records(finished)
    assert after != before

    outcomes = []
    for write in range(1, 6):
        home = tmp_path / f"killed-at-{write}"
        shutil.copytree(world.root, home)
        run = subprocess.run(
            [sys.executable, str(KILLED), "--workspace", str(home), "field", "return", str(path), "--as", world.people["ivy"]],
            env={**os.environ, "KILL_AT_WRITE": str(write), "KILLED_AT": world.clock.now.isoformat(),
                 "PEERINSPECT_FIELD_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(REPOSITORY)},
            capture_output=True, text=True, timeout=120,
        )
        held = records(home)
        assert held in (before, after), f"killed at write {write}: home is neither as before nor as after"
        outcomes.append(("killed" if run.returncode == -signal.SIGKILL else "finished", held == after))
    # The first write is the inspection's own journal line: killed there, nothing changed; from the next on, all of it.
    assert outcomes[0] == ("killed", False)
    assert ("killed", True) in outcomes and outcomes[-1] == ("finished", True)

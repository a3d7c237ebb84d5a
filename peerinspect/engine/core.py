"""The engine: every use case goes through here, so the CLI and the TUI obey the same rules.

Each use case checks who is acting and what the lifecycle allows, changes the store in
one transaction, and leaves exactly one audit entry. The clock is read here, in the
shell, and handed to the pure rules as `today`.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..domain.authority import District, Person
from ..domain.errors import InvalidInput, NotFound, Problem, StaleRecord
from ..domain.framework import Framework
from ..domain.inspection import Inspection
from ..domain.records import parse_date
from ..domain.audit import AuditEntry
from ..domain.summary import InspectionSummary
from ..framework import read_catalogue
from ..store.lock_wait import watched_wait
from ..store.transaction import Transaction
from ..store.workspace import INDEX_FILE, Workspace

Clock = Callable[[], datetime]


class Engine:
    def __init__(
        self,
        workspace: Workspace,
        frameworks: dict[str, Framework],
        clock: Clock = datetime.now,
        framework_problems: tuple[str, ...] = (),
    ):
        self.workspace = workspace
        self.frameworks = frameworks
        self.clock = clock
        self.framework_problems = framework_problems  # broken framework files, shown to the user as warnings
        # On a field copy, the person it was checked out for: only they act, and only as a field copy allows.
        self.field_holder: str | None = None

    @classmethod
    def open(
        cls, root: Path, *, clock: Clock = datetime.now, create: bool = False, workspace_class: type[Workspace] = Workspace
    ) -> "Engine":
        """The engine on a workspace folder, with the shipped frameworks and any in the workspace's frameworks/."""
        root = Path(root)
        if create and not (root / INDEX_FILE).exists():
            workspace = workspace_class.create(root, at=clock())
        else:
            workspace = workspace_class.open(root)
        catalogue = read_catalogue([root / "frameworks"])
        return cls(workspace, dict(catalogue.frameworks), clock, tuple(str(p) for p in catalogue.problems))

    @classmethod
    def create(cls, root: Path, *, clock: Clock = datetime.now) -> "Engine":
        """A new, empty workspace in this folder; refused if it already holds one."""
        Workspace.create(Path(root), at=clock())
        return cls.open(root, clock=clock)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    def day(self, value: date | str | None, field: str = "on") -> date:
        """A date given by the user (a date or ISO text), or today when none was given; a mistyped one names `field`."""
        if value is None:
            return self.today()
        try:
            return parse_date(value)
        except InvalidInput as error:
            raise InvalidInput(Problem(field, "; ".join(p.message for p in error.problems))) from None
        except ValueError as error:
            raise InvalidInput(Problem(field, str(error))) from None

    # lookups a person can type -------------------------------------------------
    def person(self, reference: str) -> Person:
        return resolve(reference, self.workspace.people(), "person", lambda p: p.name,
                       told_apart=lambda p: f"{p.name}, {p.role.label}")

    def district(self, reference: str) -> District:
        return resolve(reference, self.workspace.districts(), "district", lambda d: d.name)

    def district_of(self, inspection: Inspection) -> District:
        return self.district(inspection.district_id)

    def summary(self, reference: str) -> InspectionSummary:
        # Screens and scripts pass whole ids: look one up directly rather than reading every summary.
        found = self.workspace.summary(reference)
        if found is not None:
            return found
        return resolve(
            reference, self.workspace.summaries(), "inspection", lambda s: s.inspection.title or s.inspection.id
        )

    def framework(self, framework_id: str) -> Framework:
        try:
            return self.frameworks[framework_id]
        except KeyError:
            known = ", ".join(sorted(self.frameworks)) or "none"
            raise NotFound(f"No framework {framework_id!r} (known: {known})") from None

    @contextmanager
    def editing(self, reference: str) -> Iterator[tuple[Transaction, Inspection, Framework]]:
        """A transaction on one inspection, with the inspection as stored now and its framework."""
        summary = self.summary(reference)
        framework = self.framework(summary.inspection.framework_id)
        try:
            with self.workspace.inspection(summary.inspection.id) as tx:
                yield tx, tx.all(Inspection)[0], framework
        except StaleRecord as refused:
            person = self.people_by_id().get(refused.changed_by)
            if person is None:
                raise
            # The trail keeps UTC; the person reads this machine's own time.
            when = f" (at {refused.changed_at.astimezone():%H:%M on %d %b})" if refused.changed_at else ""
            raise refused.naming(person.name + when) from None

    # what screens and commands read: through the engine, never the workspace itself --------
    def people(self) -> list[Person]:
        return self.workspace.people()

    def people_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people()}

    def districts(self) -> list[District]:
        return self.workspace.districts()

    def areas(self) -> list:
        return self.workspace.areas()

    def settings(self):
        return self.workspace.settings()

    def summaries(self) -> list[InspectionSummary]:
        return self.workspace.summaries()

    def decide(self, person: Person, act, inspection: Inspection | None = None, district: District | None = None, **detail):
        """The rulebook's answer for this workspace as it stands: on today's date, and in a field copy only for its
        holder and what may be done away from home. None when the person may; otherwise why not."""
        from ..domain import permissions

        return permissions.decide(person, act, inspection, district, today=self.today(), field_holder=self.field_holder, **detail)

    def audit_entries(self, inspection_id: str) -> list[AuditEntry]:
        """An inspection's audit trail, for use cases that read it; who may see it is theirs to check."""
        return self.workspace.audit_entries(inspection_id)

    def watching_lock_waits(self, on_wait: Callable[[], None], stop: threading.Event):
        """Within this block, on this thread: `on_wait` is called once when a save must wait for another session's
        lock on a file, and setting `stop` gives the wait up (StoppedWaiting; nothing is saved)."""
        return watched_wait(on_wait, stop)

    @property
    def repairs(self) -> list[str]:
        """What opening the workspace found wrong and put right, in words."""
        return self.workspace.repairs

    @property
    def root(self) -> Path:
        return self.workspace.root

    def exposed_paths(self) -> list[Path]:
        """Workspace files or folders that people other than their owner can read."""
        return self.workspace.exposed_paths()


def resolve(
    reference: str, candidates: Iterable, what: str, name_of: Callable[[object], str],
    told_apart: Callable[[object], str] | None = None,
):
    """Find a record by its id, a unique id prefix of at least 4 characters, or its name (any case).

    When the name fits several, they are listed as `told_apart` shows them (their name, by default) with their ids."""
    candidates = list(candidates)
    wanted = reference.strip()
    exact = [c for c in candidates if c.id == wanted or name_of(c).lower() == wanted.lower()]
    if len(exact) == 1:
        return exact[0]
    if not exact and len(wanted) >= 4:
        exact = [c for c in candidates if c.id.startswith(wanted.lower())]
        if len(exact) == 1:
            return exact[0]
    if not exact and wanted:
        # A first name is enough when it names one person.
        exact = [c for c in candidates if name_of(c).lower().startswith(wanted.lower())]
        if len(exact) == 1:
            return exact[0]
    if len(exact) > 1:
        names = ", ".join(f"{(told_apart or name_of)(c)} ({c.id[:8]})" for c in exact)
        raise NotFound(f"{reference!r} matches more than one {what}: {names}; use the id")
    raise NotFound(f"No {what} {reference!r}")


def one(records: Iterable, reference: str, what: str):
    """The record of an inspection named by its id or an id prefix of at least 4 characters."""
    found = [r for r in records if r.id == reference or (len(reference) >= 4 and r.id.startswith(reference))]
    if len(found) != 1:
        raise NotFound(f"No {what} {reference!r} in this inspection" if not found else f"{reference!r} matches more than one {what}")
    return found[0]

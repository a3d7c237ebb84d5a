"""How far fieldwork has come against the framework's sample targets: case audits, observations, families."""

from __future__ import annotations

from attrs import frozen

from .dossier import Dossier
from .framework import Framework


@frozen(kw_only=True)
class TargetProgress:
    what: str  # "case audits"
    done: int
    target: int

    @property
    def met(self) -> bool:
        return self.done >= self.target

    @property
    def text(self) -> str:
        return f"{self.done} of {self.target} {self.what}"


def target_progress(dossier: Dossier, framework: Framework) -> tuple[TargetProgress, ...]:
    """One line per target the framework sets, in a fixed order; empty when it sets none."""
    targets = framework.targets
    done = {
        "case audits": (targets.case_audits, len(dossier.file_reviews)),
        "observations": (targets.observations, len(dossier.observations)),
        # Children, young people, parents and carers spoken to, each conversation counted once.
        "families spoken to": (targets.families, sum(c.with_group.is_family for c in dossier.conversations)),
    }
    return tuple(
        TargetProgress(what=what, done=count, target=target) for what, (target, count) in done.items() if target is not None
    )

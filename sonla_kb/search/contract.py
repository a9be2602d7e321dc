"""What every search backend answers with, besides a search: faults and reports."""

from dataclasses import dataclass, field


class IndexUnavailable(Exception):
    """The index is missing or cannot be read; search answers from the database."""


@dataclass
class RebuildResult:
    generation: str
    documents: int
    removed: list[str] = field(default_factory=list)


@dataclass
class CheckReport:
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    pending: int = 0
    absent: bool = False  # there is no index yet (a fresh install)
    problem: str | None = None
    unfinished: list[str] = field(default_factory=list)  # left by killed rebuilds
    repaired: bool = False

    @property
    def clean(self) -> bool:
        """True when the index holds exactly the public records, as they are now."""
        drift = self.missing or self.stale or self.extra or self.pending
        return not (drift or self.absent or self.problem)

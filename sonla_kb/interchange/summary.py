"""What an import did, section by section."""

from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class SectionCounts:
    """How many records of one section were created, updated or left as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Per record key: what happened to it, and the fields an update changed (for a preview).
    outcomes: dict[str, Outcome] = field(default_factory=dict, compare=False, repr=False)
    changed: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def add(self, outcome: Outcome, *, key: str = "", changed: tuple[str, ...] = ()) -> None:
        """Count one record; with its key, remember its outcome and changed fields too."""
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)
        if key:
            self.outcomes[key] = outcome
            if changed:
                self.changed[key] = changed

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class ImportSummary:
    """The counts of every section the import touched, in import order."""

    sections: dict[str, SectionCounts] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """One line per section, e.g. `policies: 2 created, 1 updated, 40 unchanged`."""
        if not self.sections:
            return ["nothing to import: the file has no sections"]
        return [f"{name}: {counts}" for name, counts in self.sections.items()]

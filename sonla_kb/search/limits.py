"""What one search may cost: caps on every expansion of a query, and a time budget.

Every backend holds to these caps. Whoosh, for one, runs what it is given: ``word~8``
builds an automaton whose size grows exponentially with the distance, ``{a TO}`` and
``*a*`` walk the whole lexicon, and ``a* b* c*`` OR together every term of three letters.
Each of these is capped here, the answer says in its notice what was cut, and a search
that runs past its time budget stops where it is and answers with what it has.
"""

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings
from django.utils.translation import gettext as _

MAX_EDITS = 2  # near spellings: never more edits than this, whatever the user types
MAX_FUZZY_LENGTH = 30  # longer words are matched as typed: their automaton is too costly
MAX_EXPANDING = 8  # prefixes, wildcards and near spellings in one query
MAX_TERMS = 500  # index terms one prefix, wildcard or near spelling may stand for
MAX_QUERY_TERMS = 1500  # ... and all of them in one query together
MAX_SCANNED = 100_000  # lexicon entries a wildcard may look at to find its terms
RANGE_FIELDS = frozenset({"year"})  # the only field where a range means something
MAX_CORRECTED = 6  # words of one query the spelling suggestion looks at
CHECK_EVERY = 512  # items between two looks at the clock
DEFAULT_BUDGET = 0.8  # seconds: with what follows the cut, an answer within a second

T = TypeVar("T")


def too_wide_notice(text: str) -> str:
    """Said when a prefix, wildcard or near spelling stands for more than MAX_TERMS words."""
    return _(
        "'%(text)s' matches too many words; only the first of them (in alphabetical order) "
        "were searched. Type more letters to narrow it."
    ) % {"text": text}


def too_many_notice(limit: int) -> str:
    """Said when a query has more than `limit` (MAX_EXPANDING) parts to expand."""
    return _(
        "Only the first %(limit)s prefixes, wildcards and near spellings of a query are "
        "expanded; the others were matched as typed."
    ) % {"limit": limit}


class OverBudget(Exception):
    """The search ran past its time budget."""


@dataclass
class Budget:
    """The time one search may take, and the notices of what its limits cut."""

    seconds: float
    started: float = field(default_factory=time.monotonic)
    notices: list[str] = field(default_factory=list)
    ran_out: bool = False

    @classmethod
    def start(cls, seconds: float | None = None) -> "Budget":
        """A budget starting now: `seconds`, or the SEARCH_TIME_BUDGET setting."""
        if seconds is None:
            seconds = getattr(settings, "SEARCH_TIME_BUDGET", DEFAULT_BUDGET)
        return cls(seconds=seconds)

    def expired(self) -> bool:
        """True once the time is up (and remembered, so the answer says so)."""
        if not self.ran_out and time.monotonic() - self.started > self.seconds:
            self.ran_out = True
        return self.ran_out

    def check(self) -> None:
        """Raise OverBudget once the time is up."""
        if self.expired():
            raise OverBudget

    def note(self, notice: str) -> None:
        """Add a notice for the answer, once."""
        if notice not in self.notices:
            self.notices.append(notice)

    def until_expired(self, items: Iterable[T], *, every: int = CHECK_EVERY) -> Iterator[T]:
        """The items, stopping early (quietly) when the time is up."""
        for i, item in enumerate(items):
            if i % every == 0 and self.expired():
                return
            yield item

    def notice(self) -> str | None:
        """Every notice, the time-out last, as one text (None when there is none)."""
        notices = list(self.notices)
        if self.ran_out:
            notices.append(
                _(
                    "This search took longer than %(seconds)s seconds, so it stopped early: the "
                    "results and the total may be incomplete. Fewer prefixes (word*) or near "
                    "spellings (word~) make it faster."
                )
                % {"seconds": f"{self.seconds:g}"}
            )
        return " ".join(notices) or None

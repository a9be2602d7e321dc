"""Precision, nDCG and recall of one ranking against graded judgments (pure functions).

A ranking is the list of record ids an engine returned, best first. Judgments map a
record id to its grade (3, 2 or 1); a record not in them has grade 0, not relevant.
"""

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence

RELEVANT = 1  # the lowest grade that counts as relevant


def precision_at(ranking: Sequence[str], grades: Mapping[str, int], *, k: int) -> float | None:
    """Relevant records in the first k places, out of k or of all the relevant ones if fewer.

    The denominator is min(k, relevant) so that a query with two relevant records scores
    1 when both come first (plain P@k would cap it at 2/k); an empty place is a miss.
    """
    relevant = sum(1 for g in grades.values() if g >= RELEVANT)
    if not relevant:
        return None
    hits = sum(1 for rid in ranking[:k] if grades.get(rid, 0) >= RELEVANT)
    return hits / min(k, relevant)


def dcg_at(gains: Iterable[int], *, k: int) -> float:
    """Discounted cumulative gain of grades in rank order: sum of (2^g - 1) / log2(rank + 1)."""
    first = itertools.islice(gains, k)
    return sum((2**g - 1) / math.log2(rank + 1) for rank, g in enumerate(first, start=1))


def ndcg_at(ranking: Sequence[str], grades: Mapping[str, int], *, k: int) -> float | None:
    """DCG of the first k results over the DCG of the ideal ranking; None with nothing judged."""
    ideal = dcg_at(sorted(grades.values(), reverse=True), k=k)
    if ideal == 0:
        return None
    return dcg_at((grades.get(rid, 0) for rid in ranking), k=k) / ideal


def recall_at(ranking: Sequence[str], grades: Mapping[str, int], *, k: int) -> float | None:
    """The share of the relevant records found in the first k results; None with none judged."""
    relevant = {rid for rid, g in grades.items() if g >= RELEVANT}
    if not relevant:
        return None
    return len(relevant & set(ranking[:k])) / len(relevant)


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the values that are not None; None when there are none."""
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def misses(ranking: Sequence[str], grades: Mapping[str, int], *, k: int) -> list[str]:
    """The relevant records not in the first k results, best grade first, then by id."""
    found = set(ranking[:k])
    missing = [rid for rid, g in grades.items() if g >= RELEVANT and rid not in found]
    return sorted(missing, key=lambda rid: (-grades[rid], rid))


def unjudged(ranking: Sequence[str], *, read: Iterable[str], k: int) -> list[str]:
    """The records in the first k results that were not read when the judgments were written."""
    known = set(read)
    return [rid for rid in ranking[:k] if rid not in known]

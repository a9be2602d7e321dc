"""Collecting Whoosh hits within a search's time budget (sonla_kb/search/limits.py)."""

from contextlib import suppress

from whoosh.collectors import FilterCollector, TimeLimit, TopCollector, WrappingCollector

from ...limits import CHECK_EVERY, Budget


class DeadlineCollector(WrappingCollector):
    """Stops collecting hits when the budget runs out; the hits so far stay in the child.

    Whoosh's TimeLimitCollector does the same with a timer thread (or SIGALRM, which a
    server process must not take); here the clock is read every few hundred hits.
    """

    def __init__(self, child, budget: Budget):
        self.child = child
        self.budget = budget
        self.seen = 0

    def collect(self, sub_docnum):
        """Collect one hit, raising TimeLimit when the budget has run out."""
        self.seen += 1
        if self.seen % CHECK_EVERY == 0 and self.budget.expired():
            raise TimeLimit
        return self.child.collect(sub_docnum)


def collect(searcher, query, *, budget: Budget, limit: int, filter: set[int] | None = None):
    """The top `limit` hits of `query` (among `filter`), as far as the budget allows."""
    # No block-quality skipping and no matcher replacement: both trust each matcher's
    # max_quality, which the constant-score bonus (exact accents) misstates, so on an
    # index of several segments the best hits were dropped and pages disagreed.
    top = TopCollector(limit=limit, usequality=False, replace=0)
    collector = DeadlineCollector(top, budget)
    if filter is not None:
        # Outermost, as Whoosh wraps it: it passes on only the documents it lets through.
        collector = FilterCollector(collector, filter)
    with suppress(TimeLimit):  # the budget noted it; the hits found so far are the answer
        searcher.search_with_collector(query, collector)
    return collector.results()

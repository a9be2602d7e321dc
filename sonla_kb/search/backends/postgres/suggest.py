"""Completions for the search box from PostgreSQL: themes, then titles by prefix."""

import logging

from django.db import DatabaseError, connection, transaction

from ...completion import LIMIT, completions
from ...limits import MAX_TERMS
from .tokens import lexeme, quoted

log = logging.getLogger(__name__)


def suggest(prefix: str, *, limit: int = LIMIT) -> list[str]:
    """Up to `limit` completions of what the user has typed so far."""
    return completions(prefix, titles=_titles, limit=limit)


def _titles(words: list[str], *, limit: int) -> list[str]:
    *whole, last = words
    query = " & ".join([*(quoted(lexeme("t", w)) for w in whole), f"{quoted(lexeme('t', last))}:*"])
    try:
        with transaction.atomic(), connection.cursor() as cur:
            # Bounded like any search: a prefix of more words than a search may expand
            # stands for the first of them only.
            cur.execute(
                "SELECT count(*) FROM (SELECT 1 FROM search_word WHERE word LIKE %s LIMIT %s) w",
                [lexeme("t", last).replace("%", "\\%").replace("_", "\\_") + "%", MAX_TERMS + 1],
            )
            cur.execute(
                "SELECT fields->>'title' FROM search_document WHERE vector @@ %s::tsquery"
                " ORDER BY type = 'feedback', ts_rank(vector, %s::tsquery) DESC, id LIMIT %s",
                [query, query, limit],
            )
            return [row[0] for row in cur.fetchall()]
    except DatabaseError:
        log.exception("Suggestions could not be read from PostgreSQL")
        return []

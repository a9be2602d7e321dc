"""The indexed words, with how many records hold each: prefixes, near spellings, corrections."""

from django.db import connection

from ... import spelling

CANDIDATES = 200  # words of the vocabulary looked at for one near spelling
SIMILARITY = 0.2  # the pg_trgm similarity a candidate needs


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def starting(prefix: str, *, limit: int) -> list[str]:
    """Up to `limit` indexed words starting with `prefix`, in alphabetical order."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT word FROM search_word WHERE word LIKE %s ORDER BY word LIMIT %s",
            [_like(prefix), limit],
        )
        return [row[0] for row in cur.fetchall()]


def near(word: str, *, edits: int, prefix: int) -> list[str]:
    """Indexed words within `edits` of `word` sharing its first `prefix` characters."""
    return [w for w, _docs in near_counted(word, edits=edits, prefix=prefix)]


def near_counted(word: str, *, edits: int, prefix: int) -> list[tuple[str, int]]:
    """The same words, each with the number of records holding it."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT word, docs FROM search_word WHERE word LIKE %s AND similarity(word, %s) > %s"
            " ORDER BY similarity(word, %s) DESC, word LIMIT %s",
            [_like(word[:prefix]), word, SIMILARITY, word, CANDIDATES],
        )
        rows = cur.fetchall()
    # A word whose length differs by more than the edits cannot be within them: most of
    # the candidates are left out so, before the (slower) edit distance is computed.
    return [
        (w, n)
        for w, n in rows
        if abs(len(w) - len(word)) <= edits and spelling.edits(w, word) <= edits
    ]


def known(words: list[str]) -> set[str]:
    """Which of these words the index holds."""
    with connection.cursor() as cur:
        cur.execute("SELECT word FROM search_word WHERE word = ANY(%s)", [words])
        return {row[0] for row in cur.fetchall()}


def nearest(word: str, *, prefix: int) -> tuple[int, int, str] | None:
    """The closest indexed word within two edits (the commonest on a tie), with its rank."""
    found = [
        (spelling.edits(w, word), -n, w) for w, n in near_counted(word, edits=2, prefix=prefix)
    ]
    found = [f for f in found if f[2] != word]
    return min(found) if found else None


def counts(words: list[str]) -> dict[str, int]:
    """How many records hold each of these words (those the index holds)."""
    with connection.cursor() as cur:
        cur.execute("SELECT word, docs FROM search_word WHERE word = ANY(%s)", [words])
        return dict(cur.fetchall())

"""The indexed words, with how many records hold each: prefixes, near spellings, corrections."""

from django.db import connection

CANDIDATES = 200  # words of the vocabulary looked at for one near spelling
SIMILARITY = 0.2  # the pg_trgm similarity a candidate needs


def edits(a: str, b: str) -> int:
    """The edit distance between two words, a swap of two letters counting as one."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        row = [i]
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            best = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, previous2[j - 2] + 1)
            row.append(best)
        previous2, previous = previous, row
    return previous[-1]


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
    return [w for w, _docs in _near(word, max_edits=edits, prefix=prefix)]


def _near(word: str, *, max_edits: int, prefix: int) -> list[tuple[str, int]]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT word, docs FROM search_word WHERE word LIKE %s AND similarity(word, %s) > %s"
            " ORDER BY similarity(word, %s) DESC, word LIMIT %s",
            [_like(word[:prefix]), word, SIMILARITY, word, CANDIDATES],
        )
        rows = cur.fetchall()
    return [(w, n) for w, n in rows if edits(w, word) <= max_edits]


def known(words: list[str]) -> set[str]:
    """Which of these words the index holds."""
    with connection.cursor() as cur:
        cur.execute("SELECT word FROM search_word WHERE word = ANY(%s)", [words])
        return {row[0] for row in cur.fetchall()}


def nearest(word: str, *, prefix: int) -> tuple[int, int, str] | None:
    """The closest indexed word within two edits (the commonest on a tie), with its rank."""
    found = [(edits(w, word), -n, w) for w, n in _near(word, max_edits=2, prefix=prefix)]
    found = [f for f in found if f[2] != word]
    return min(found) if found else None

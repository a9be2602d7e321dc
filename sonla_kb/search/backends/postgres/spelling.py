"""Did you mean, from PostgreSQL: the vocabulary's words near a misspelled one (pg_trgm), the
rules being the common ones (sonla_kb/search/spelling.py)."""

from django.db import connection

from ... import spelling
from ...analysis import exact_word, fold, folded_word, has_accents, stem
from ...limits import MAX_SCANNED, Budget
from . import vocabulary
from .store import index_state
from .tokens import lexeme, quoted

_accented: dict[str, dict[str, str]] = {}  # the forms, by the index state they were read at


def _word_for_stem(stemmed: str, typed: str) -> str | None:
    """The word closest to what was typed, as written in a record holding this stem."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT fields->>'title', fields->>'content' FROM search_document"
            " WHERE vector @@ %s::tsquery LIMIT %s",
            [quoted(lexeme("e", stemmed)), spelling.SAMPLE_DOCS],
        )
        rows = cur.fetchall()
    texts = [f"{title or ''} {content or ''}" for title, content in rows]
    return spelling.written_form(texts, stemmed=stemmed, typed=typed)


def correct(word: str) -> str | None:
    """The nearest indexed word within two edits of `word` (the most common on a tie)."""
    folded = fold(word)
    first = 3 if len(folded) >= 6 else 2
    candidates = []
    for letter in ("t", "g", "v"):
        found = vocabulary.nearest(lexeme(letter, folded), prefix=len(letter) + 1 + first)
        if found:
            candidates.append((found[0], found[1], found[2].partition(":")[2]))
    stemmed = stem(folded)
    found = vocabulary.nearest(lexeme("e", stemmed), prefix=2 + first)
    if found:
        written = _word_for_stem(found[2].partition(":")[2], folded)
        if written:
            candidates.append((found[0], found[1], written))
    candidates = [c for c in candidates if c[2] != folded]
    return min(candidates)[2] if candidates else None


def _accented_forms(*, budget: Budget) -> dict[str, str]:
    """Each folded Vietnamese word of the index, as it is most often written with accents.

    Read once for each state of the index from the exact words (at most MAX_SCANNED).
    """
    state = index_state()
    known = _accented.get(state)
    if known is not None:
        return known
    with connection.cursor() as cur:
        cur.execute(
            "SELECT substr(word, 3), docs FROM search_word WHERE word LIKE 'x:%%'"
            " ORDER BY word LIMIT %s",
            [MAX_SCANNED],
        )
        known = spelling.accented_forms(cur.fetchall())
    if not budget.expired():
        _accented.clear()  # only the latest state is kept
        _accented[state] = known
    return known


def _near(letter: str, word: str) -> list[str]:
    """The closest words of one field within two edits, sharing the first letter."""
    found = vocabulary.near_counted(lexeme(letter, word), edits=2, prefix=len(letter) + 2)
    ranked = sorted((spelling.edits(w, lexeme(letter, word)), -n, w) for w, n in found)
    return [w.partition(":")[2] for _d, _n, w in ranked[: spelling.VIETNAMESE_CANDIDATES]]


def _frequency(words: list[str]) -> dict[str, int]:
    counts = vocabulary.counts([lexeme("v", w) for w in words])
    return {w.partition(":")[2]: n for w, n in counts.items()}


def correct_vietnamese(word: str, *, budget: Budget) -> str | None:
    """The nearest Vietnamese syllable of the index within two edits."""
    accents = has_accents(word)
    return spelling.nearest_vietnamese(
        word,
        exact=_near("x", exact_word(word)) if accents else [],
        folded=_near("v", folded_word(word)),
        accented=_accented_forms(budget=budget) if accents else {},
        frequency=_frequency,
    )


def _known(folded: list[str]) -> set[str]:
    forms = {w: (lexeme("t", w), lexeme("v", w), lexeme("e", stem(w))) for w in folded}
    held = vocabulary.known([f for fs in forms.values() for f in fs])
    return {w for w, fs in forms.items() if held.intersection(fs)}


def suggestion_for(words: tuple[str, ...], query: str, *, budget: Budget) -> str | None:
    """The query with unknown words replaced by the nearest indexed word, or None."""
    return spelling.suggestion_for(
        words,
        query,
        budget=budget,
        known=_known,
        correct=correct,
        correct_vietnamese=lambda word: correct_vietnamese(word, budget=budget),
    )

"""Did you mean: unknown words of a query replaced by the nearest indexed word (pg_trgm)."""

from django.db import connection

from ...analysis import WORD_RE, fold, folded_word, stem, written_like
from ...limits import MAX_CORRECTED, MAX_FUZZY_LENGTH, Budget
from . import vocabulary
from .tokens import lexeme

MIN_LENGTH = 4
SAMPLE_DOCS = 5  # records read to find how a stem is written


def _word_for_stem(stemmed: str, typed: str) -> str | None:
    """The word closest to what was typed, as written in a record holding this stem."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT fields->>'title', fields->>'content' FROM search_document"
            " WHERE vector @@ %s::tsquery LIMIT %s",
            [f"'{lexeme('e', stemmed)}'", SAMPLE_DOCS],
        )
        rows = cur.fetchall()
    words = {
        w.lower()
        for title, content in rows
        for w in WORD_RE.findall(f"{title or ''} {content or ''}")
        if stem(fold(w)) == stemmed
    }
    return min(words, key=lambda w: (vocabulary.edits(typed, fold(w)), w), default=None)


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


def suggestion_for(words: tuple[str, ...], query: str, *, budget: Budget) -> str | None:
    """The query with unknown words replaced by the nearest indexed word, or None."""
    unknown = [
        w
        for w in dict.fromkeys(words)
        if MIN_LENGTH <= len(w) <= MAX_FUZZY_LENGTH and not w.isdigit()
    ][:MAX_CORRECTED]
    if not unknown:
        return None
    forms = {
        w: [lexeme("t", folded_word(w)), lexeme("v", folded_word(w)), lexeme("e", stem(fold(w)))]
        for w in unknown
    }
    held = vocabulary.known([f for fs in forms.values() for f in fs])
    suggestion, changed = query, False
    for word in unknown:
        if budget.expired() or any(f in held for f in forms[word]):
            continue
        found = correct(word)
        if found:
            suggestion = suggestion.replace(word, written_like(found, typed=word))
            changed = True
    return suggestion if changed else None

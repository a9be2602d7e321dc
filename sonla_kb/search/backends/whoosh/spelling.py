"""Did you mean: a corrected query when words of it are found nowhere in the index.

Corrections come from the folded whole words of titles, themes and Vietnamese text, and from
the English stems; a stem is turned back into a word as it is written in a record.
"""

from itertools import islice

from whoosh.query import Term
from whoosh.searching import Searcher
from whoosh.support.levenshtein import damerau_levenshtein

from ...analysis import WORD_RE, fold, folded_word, stem
from ...limits import MAX_CORRECTED, MAX_FUZZY_LENGTH, Budget

MIN_LENGTH = 4
SAMPLE_DOCS = 5  # records read to find how a stem is written


def _known(reader, folded: str) -> bool:
    return (
        ("title", folded) in reader
        or ("text_vi", folded) in reader
        or ("text_en", stem(folded)) in reader
    )


def _word_for_stem(searcher: Searcher, stemmed: str, typed: str) -> str | None:
    """The word closest to what was typed, as written in a record holding this stem."""
    words: set[str] = set()
    for docnum in islice(searcher.docs_for_query(Term("text_en", stemmed)), SAMPLE_DOCS):
        fields = searcher.stored_fields(docnum)
        text = f"{fields.get('title', '')} {fields.get('content') or ''}"
        words.update(w.lower() for w in WORD_RE.findall(text) if stem(fold(w)) == stemmed)
    return min(words, key=lambda w: (damerau_levenshtein(typed, fold(w)), w), default=None)


def correct(searcher: Searcher, word: str) -> str | None:
    """The nearest indexed word within two edits of `word` (the most common on a tie)."""
    reader = searcher.reader()
    folded = fold(word)
    # Candidates share the first letters: the scan (pure-Python edit distances) stays short.
    options = {"limit": 1, "maxdist": 2, "prefix": 3 if len(folded) >= 6 else 2}
    candidates: list[tuple[int, int, str]] = []
    for field in ("title", "tag", "text_vi"):
        for found in searcher.corrector(field).suggest(folded, **options):
            distance = damerau_levenshtein(folded, found)
            candidates.append((distance, -reader.doc_frequency(field, found), found))
    stemmed = stem(folded)
    for found in searcher.corrector("text_en").suggest(stemmed, **options):
        written = _word_for_stem(searcher, found, folded)
        if written:
            distance = damerau_levenshtein(stemmed, found)
            candidates.append((distance, -reader.doc_frequency("text_en", found), written))
    candidates = [c for c in candidates if c[2] != folded]
    return min(candidates)[2] if candidates else None


def suggestion_for(
    searcher: Searcher, words: tuple[str, ...], query: str, *, budget: Budget
) -> str | None:
    """The query with unknown words replaced by the nearest indexed word, or None.

    Only the first few unknown words are looked at, each at most MAX_FUZZY_LENGTH long,
    and none once the search's time is up: a suggestion is help, not a second search.
    """
    reader = searcher.reader()
    suggestion = query
    changed = False
    unknown = [
        w
        for w in dict.fromkeys(words)
        if MIN_LENGTH <= len(w) <= MAX_FUZZY_LENGTH and not w.isdigit()
    ]
    for word in unknown[:MAX_CORRECTED]:
        if budget.expired() or _known(reader, folded_word(word)):
            continue
        found = correct(searcher, word)
        if found:
            suggestion = suggestion.replace(word, found)
            changed = True
    return suggestion if changed else None

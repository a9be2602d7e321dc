"""Did you mean, from the Whoosh index: its words near a misspelled one (the rules are the
common ones, in sonla_kb/search/spelling.py)."""

import weakref
from functools import partial
from itertools import islice

from whoosh.query import Term
from whoosh.searching import Searcher

from ... import spelling
from ...analysis import exact_word, fold, folded_word, has_accents, stem
from ...limits import MAX_SCANNED, Budget

_accented: "weakref.WeakKeyDictionary[Searcher, dict[str, str]]" = weakref.WeakKeyDictionary()


def _known(reader, folded: list[str]) -> set[str]:
    return {
        w
        for w in folded
        if ("title", w) in reader or ("text_vi", w) in reader or ("text_en", stem(w)) in reader
    }


def _word_for_stem(searcher: Searcher, stemmed: str, typed: str) -> str | None:
    """The word closest to what was typed, as written in a record holding this stem."""
    docs = islice(searcher.docs_for_query(Term("text_en", stemmed)), spelling.SAMPLE_DOCS)
    texts = []
    for docnum in docs:
        fields = searcher.stored_fields(docnum)
        texts.append(f"{fields.get('title', '')} {fields.get('content') or ''}")
    return spelling.written_form(texts, stemmed=stemmed, typed=typed)


def correct(searcher: Searcher, word: str) -> str | None:
    """The nearest indexed word within two edits of `word` (the most common on a tie)."""
    reader = searcher.reader()
    folded = fold(word)
    # Candidates share the first letters: the scan (pure-Python edit distances) stays short.
    options = {"limit": 1, "maxdist": 2, "prefix": 3 if len(folded) >= 6 else 2}
    candidates: list[tuple[int, int, str]] = []
    for field in ("title", "tag", "text_vi"):
        for found in searcher.corrector(field).suggest(folded, **options):
            distance = spelling.edits(folded, found)
            candidates.append((distance, -reader.doc_frequency(field, found), found))
    stemmed = stem(folded)
    for found in searcher.corrector("text_en").suggest(stemmed, **options):
        written = _word_for_stem(searcher, found, folded)
        if written:
            distance = spelling.edits(stemmed, found)
            candidates.append((distance, -reader.doc_frequency("text_en", found), written))
    candidates = [c for c in candidates if c[2] != folded]
    return min(candidates)[2] if candidates else None


def _accented_forms(searcher: Searcher, *, budget: Budget) -> dict[str, str]:
    """Each folded Vietnamese word of the index, as it is most often written with accents.

    Read once per searcher from the exact field's lexicon (at most MAX_SCANNED words).
    """
    known = _accented.get(searcher)
    if known is not None:
        return known
    reader = searcher.reader()
    words = (
        (written, reader.doc_frequency("exact", written))
        for written in (raw.decode("utf-8") for raw in islice(reader.lexicon("exact"), MAX_SCANNED))
    )
    known = spelling.accented_forms(budget.until_expired(words))
    if not budget.expired():  # a cut-short reading is used once, not kept
        _accented[searcher] = known
    return known


def correct_vietnamese(searcher: Searcher, word: str, *, budget: Budget) -> str | None:
    """The nearest Vietnamese syllable of the index within two edits."""
    reader = searcher.reader()
    options = {"limit": spelling.VIETNAMESE_CANDIDATES, "maxdist": 2, "prefix": 1}
    accents = has_accents(word)
    exact = searcher.corrector("exact").suggest(exact_word(word), **options) if accents else []
    return spelling.nearest_vietnamese(
        word,
        exact=exact,
        folded=searcher.corrector("text_vi").suggest(folded_word(word), **options),
        accented=_accented_forms(searcher, budget=budget) if accents else {},
        frequency=lambda words: {w: reader.doc_frequency("text_vi", w) for w in words},
    )


def suggestion_for(
    searcher: Searcher, words: tuple[str, ...], query: str, *, budget: Budget
) -> str | None:
    """The query with unknown words replaced by the nearest indexed word, or None."""
    return spelling.suggestion_for(
        words,
        query,
        budget=budget,
        known=partial(_known, searcher.reader()),
        correct=partial(correct, searcher),
        correct_vietnamese=partial(correct_vietnamese, searcher, budget=budget),
    )

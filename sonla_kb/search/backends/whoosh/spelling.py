"""Did you mean: a corrected query when words of it are found nowhere in the index.

English (and unaccented) words are corrected from the folded whole words of titles, themes
and Vietnamese text, and from the English stems; a stem is turned back into a word as it is
written in a record. A query typed with Vietnamese accents is corrected syllable by syllable,
from the Vietnamese words of the index alone, with the accents they are written with there
(``xuất khẩuu`` → ``xuất khẩu``), never to a stop word or to a word that is not a Vietnamese
syllable.
"""

import re
import weakref
from itertools import islice

from whoosh.query import Term
from whoosh.searching import Searcher
from whoosh.support.levenshtein import damerau_levenshtein

from ...analysis import (
    WORD_RE,
    exact_word,
    fold,
    folded_word,
    has_accents,
    is_syllable,
    stem,
    written_like,
)
from ...limits import MAX_CORRECTED, MAX_FUZZY_LENGTH, MAX_SCANNED, Budget

MIN_LENGTH = 4  # shorter English words are left alone: too many near neighbours
SAMPLE_DOCS = 5  # records read to find how a stem is written
# Words too common to be what a misspelled word meant (as the exact field writes them).
_STOP_WORDS_TEXT = (
    "và của các là cho được có trong với những một này đã để theo về từ khi thì mà như "
    "đến ra vào cũng nhưng hay hoặc bị do nên lại rất đó ở tại nếu vì sẽ đang còn"
)
VIETNAMESE_STOP_WORDS = frozenset(exact_word(w) for w in _STOP_WORDS_TEXT.split(" "))
_accented: "weakref.WeakKeyDictionary[Searcher, dict[str, str]]" = weakref.WeakKeyDictionary()


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


def _accented_forms(searcher: Searcher, *, budget: Budget) -> dict[str, str]:
    """Each folded Vietnamese word of the index, as it is most often written with accents.

    Read once per searcher from the exact field's lexicon (at most MAX_SCANNED words).
    """
    known = _accented.get(searcher)
    if known is not None:
        return known
    reader = searcher.reader()
    best: dict[str, tuple[int, str]] = {}
    words = islice(reader.lexicon("exact"), MAX_SCANNED)
    for raw in budget.until_expired(words):
        written = raw.decode("utf-8")
        frequency = reader.doc_frequency("exact", written)
        key = folded_word(written)
        if key not in best or frequency > best[key][0]:
            best[key] = (frequency, written)
    known = {key: written for key, (_, written) in best.items()}
    if not budget.expired():  # a cut-short reading is used once, not kept
        _accented[searcher] = known
    return known


def _vietnamese_candidate(word: str) -> bool:
    return is_syllable(word) and exact_word(word) not in VIETNAMESE_STOP_WORDS


def correct_vietnamese(searcher: Searcher, word: str, *, budget: Budget) -> str | None:
    """The nearest Vietnamese syllable of the index within two edits.

    A word typed with accents keeps them where they are right and is given the index's own
    elsewhere: ``khẩuu`` becomes ``khẩu``, not ``khâu`` or ``khau``. A word typed without
    accents is compared folded, and stays without them.
    """
    reader = searcher.reader()
    typed, folded = exact_word(word), folded_word(word)
    options = {"limit": 5, "maxdist": 2, "prefix": 1}
    distances: dict[str, int] = {}
    if has_accents(word):
        for found in searcher.corrector("exact").suggest(typed, **options):
            distances[found] = damerau_levenshtein(typed, found)
        accented = _accented_forms(searcher, budget=budget)
    else:
        accented = {}
    for found in searcher.corrector("text_vi").suggest(folded, **options):
        written = accented.get(found, found)
        # Accents that differ from those typed count as one more edit.
        extra = int(bool(accented) and written != typed)
        distances.setdefault(written, damerau_levenshtein(folded, found) + extra)
    choices = [
        (distance, -reader.doc_frequency("text_vi", folded_word(found)), found)
        for found, distance in distances.items()
        if found not in (typed, folded) and _vietnamese_candidate(found)
    ]
    return min(choices)[2] if choices else None


def suggestion_for(
    searcher: Searcher, words: tuple[str, ...], query: str, *, budget: Budget
) -> str | None:
    """The query with unknown words replaced by the nearest indexed word, or None.

    Only the first few unknown words are looked at, each at most MAX_FUZZY_LENGTH long,
    and none once the search's time is up: a suggestion is help, not a second search.
    A query with Vietnamese accents is corrected as Vietnamese, with no minimum length.
    """
    reader = searcher.reader()
    vietnamese = any(has_accents(w) for w in words)
    shortest = 1 if vietnamese else MIN_LENGTH
    suggestion = query
    changed = False
    unknown = [
        w
        for w in dict.fromkeys(words)
        if shortest <= len(w) <= MAX_FUZZY_LENGTH and not w.isdigit()
    ]
    for word in unknown[:MAX_CORRECTED]:
        if budget.expired() or _known(reader, folded_word(word)):
            continue
        as_vietnamese = vietnamese and (has_accents(word) or is_syllable(word))
        found = (
            correct_vietnamese(searcher, word, budget=budget)
            if as_vietnamese
            else correct(searcher, word)
        )
        if found:
            found = written_like(found, typed=word)
            pattern = rf"(?<!\w){re.escape(word)}(?!\w)"
            suggestion = re.sub(pattern, found.replace("\\", r"\\"), suggestion)
            changed = True
    return suggestion if changed else None

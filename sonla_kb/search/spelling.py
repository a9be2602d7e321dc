"""Did you mean: how every backend corrects a query, whatever its index.

A backend says which words its index holds and offers the nearest indexed words; the rules
are here. English (and unaccented) words are corrected from the folded whole words of
titles, themes and Vietnamese text, and from the English stems; a stem is turned back into
a word as it is written in a record. A query typed with Vietnamese accents is corrected
syllable by syllable, from the Vietnamese words of the index alone, with the accents they
are written with there (``xuất khẩuu`` → ``xuất khẩu``), never to a stop word or to a word
that is not a Vietnamese syllable.
"""

import re
from collections.abc import Callable, Iterable, Mapping

from .analysis import (
    WORD_RE,
    exact_word,
    fold,
    folded_word,
    has_accents,
    is_syllable,
    stem,
    written_like,
)
from .limits import MAX_CORRECTED, MAX_FUZZY_LENGTH, Budget

MIN_LENGTH = 4  # shorter English words are left alone: too many near neighbours
SAMPLE_DOCS = 5  # records read to find how a stem is written
VIETNAMESE_CANDIDATES = 5  # near syllables looked at for one Vietnamese word, in each form
# Words too common to be what a misspelled word meant (as the exact field writes them).
_STOP_WORDS_TEXT = (
    "và của các là cho được có trong với những một này đã để theo về từ khi thì mà như "
    "đến ra vào cũng nhưng hay hoặc bị do nên lại rất đó ở tại nếu vì sẽ đang còn"
)
VIETNAMESE_STOP_WORDS = frozenset(exact_word(w) for w in _STOP_WORDS_TEXT.split(" "))


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


def written_form(texts: Iterable[str], *, stemmed: str, typed: str) -> str | None:
    """The word of these texts with this stem closest to what was typed (lower case)."""
    words = {w.lower() for text in texts for w in WORD_RE.findall(text) if stem(fold(w)) == stemmed}
    return min(words, key=lambda w: (edits(typed, fold(w)), w), default=None)


def accented_forms(words: Iterable[tuple[str, int]]) -> dict[str, str]:
    """Each folded word, as it is most often written with accents.

    `words` are the exact field's words, each with the number of records holding it.
    """
    best: dict[str, tuple[int, str]] = {}
    for written, frequency in words:
        key = folded_word(written)
        if key not in best or frequency > best[key][0]:
            best[key] = (frequency, written)
    return {key: written for key, (_, written) in best.items()}


def _vietnamese_candidate(word: str) -> bool:
    return is_syllable(word) and exact_word(word) not in VIETNAMESE_STOP_WORDS


def nearest_vietnamese(
    word: str,
    *,
    exact: Iterable[str],
    folded: Iterable[str],
    accented: Mapping[str, str],
    frequency: Callable[[list[str]], Mapping[str, int]],
) -> str | None:
    """The nearest Vietnamese syllable of the index, from the backend's near words.

    `exact` are indexed exact words near the word as typed with its accents (none when it
    has none), `folded` indexed folded words near it folded, `accented` how each folded
    word is most often written, and `frequency` the records holding each folded word.
    A word typed with accents keeps them where they are right and is given the index's own
    elsewhere: ``khẩuu`` becomes ``khẩu``, not ``khâu`` or ``khau``. A word typed without
    accents is compared folded, and stays without them.
    """
    typed, plain = exact_word(word), folded_word(word)
    distances: dict[str, int] = {found: edits(typed, found) for found in exact}
    for found in folded:
        written = accented.get(found, found)
        # Accents that differ from those typed count as one more edit.
        extra = int(bool(accented) and written != typed)
        distances.setdefault(written, edits(plain, found) + extra)
    found = [w for w in distances if w not in (typed, plain) and _vietnamese_candidate(w)]
    counts = frequency([folded_word(w) for w in found]) if found else {}
    choices = [(distances[w], -counts.get(folded_word(w), 0), w) for w in found]
    return min(choices)[2] if choices else None


def suggestion_for(
    words: tuple[str, ...],
    query: str,
    *,
    budget: Budget,
    known: Callable[[list[str]], set[str]],
    correct: Callable[[str], str | None],
    correct_vietnamese: Callable[[str], str | None],
) -> str | None:
    """The query with unknown words replaced by the nearest indexed word, or None.

    `known` tells which folded words the index holds (in titles, Vietnamese text, or as an
    English stem); `correct` and `correct_vietnamese` are the backend's nearest words.
    Only the first few unknown words are looked at, each at most MAX_FUZZY_LENGTH long,
    and none once the search's time is up: a suggestion is help, not a second search.
    A query with Vietnamese accents is corrected as Vietnamese, with no minimum length.
    """
    vietnamese = any(has_accents(w) for w in words)
    shortest = 1 if vietnamese else MIN_LENGTH
    looked_at = [
        w
        for w in dict.fromkeys(words)
        if shortest <= len(w) <= MAX_FUZZY_LENGTH and not w.isdigit()
    ][:MAX_CORRECTED]
    if not looked_at or budget.expired():
        return None
    held = known([folded_word(w) for w in looked_at])
    suggestion, changed = query, False
    for word in looked_at:
        if budget.expired() or folded_word(word) in held:
            continue
        as_vietnamese = vietnamese and (has_accents(word) or is_syllable(word))
        found = correct_vietnamese(word) if as_vietnamese else correct(word)
        if found:
            found = written_like(found, typed=word)  # the capitals and the y the user wrote
            pattern = rf"(?<!\w){re.escape(word)}(?!\w)"
            suggestion = re.sub(pattern, found.replace("\\", r"\\"), suggestion)
            changed = True
    return suggestion if changed else None

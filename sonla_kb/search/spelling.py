"""Did you mean: a corrected query when words of it are found nowhere in the index."""

from whoosh.searching import Searcher

from .analysis import fold, lower, stem

MIN_LENGTH = 4


def _known(reader, word: str) -> bool:
    folded = fold(word)
    return (
        ("title", folded) in reader
        or ("text_vi", folded) in reader
        or ("text_en", stem(folded)) in reader
    )


def suggestion_for(searcher: Searcher, words: tuple[str, ...], query: str) -> str | None:
    """The query with unknown words replaced by the nearest indexed word, or None."""
    reader = searcher.reader()
    corrector = searcher.corrector("exact")
    suggestion = query
    changed = False
    for word in dict.fromkeys(words):
        if len(word) < MIN_LENGTH or word.isdigit() or _known(reader, word):
            continue
        found = corrector.suggest(lower(word), limit=1, maxdist=2, prefix=1)
        if found and found[0] != lower(word):
            suggestion = suggestion.replace(word, found[0])
            changed = True
    return suggestion if changed else None

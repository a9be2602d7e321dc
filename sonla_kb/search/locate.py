"""Where in a record's attached files the words were found: "slides.pptx, slide 7"."""

from collections.abc import Sequence
from dataclasses import replace

from django.utils.translation import gettext as _

from .analysis import ENGLISH_STOP_WORDS, WORD_RE, fold, folded_word, nfc, stem
from .snippets import Terms, find_matches, make_snippet

# Characters of page text looked at per result: bounds the work on a long report.
SCAN_BUDGET = 400_000
OPERATORS = {"and", "or", "not", "andnot", "andmaybe"}


def location_label(name: str, unit: str, number: int) -> str:
    """'slides.pptx, slide 7', 'report.pdf, page 3' or 'scan.pdf, page 3 (recognised text)',
    in the page's language."""
    if unit == "slide":
        return _("%(name)s, slide %(number)s") % {"name": name, "number": number}
    if unit == "ocr-page":
        return _("%(name)s, page %(number)s (recognised text)") % {"name": name, "number": number}
    return _("%(name)s, page %(number)s") % {"name": name, "number": number}


def best_page(pages: Sequence[Sequence], terms: Terms) -> Sequence | None:
    """The stored page ([name, unit, number, text]) with the most matches, or None."""
    best, best_count, scanned = None, 0, 0
    for page in pages:
        if scanned > SCAN_BUDGET:
            break
        text = page[3]
        scanned += len(text)
        count = len(find_matches(text, terms))
        if count > best_count:
            best, best_count = page, count
    return best


def snippet_and_location(
    content: str, pages: Sequence[Sequence], terms: Terms
) -> tuple[str, str | None]:
    """The snippet from the record's own text; from a file's page when only a page matches,
    with where that page is."""
    if terms and pages and not find_matches(content, terms):
        page = best_page(pages, terms)
        if page is not None:
            name, unit, number, text = page
            return make_snippet(text, terms), location_label(name, unit, number)
    return make_snippet(content, terms), None


def query_terms(query: str) -> Terms:
    """The words of a query as snippets match them: folded whole words and English stems."""
    typed = [w for w in WORD_RE.findall(nfc(query)) if w not in OPERATORS]
    words = [folded_word(w) for w in typed]
    meaningful = [w for w in words if w not in ENGLISH_STOP_WORDS] or words
    return Terms.of(words=meaningful, stems=[stem(w) for w in meaningful], typed=typed)


def pages_matching(query: str, pages: Sequence[str]) -> list[int]:
    """Numbers (from 1) of the pages holding every word of the query; else those holding any."""
    terms = query_terms(query)
    if not terms:
        return []
    wanted = len(terms.words)
    every, some = [], []
    for number, text in enumerate(pages, start=1):
        found = _words_found(text, terms)
        if found:
            some.append(number)
            if len(found) >= wanted:
                every.append(number)
    return every or some


def _words_found(text: str, terms: Terms) -> set[str]:
    """Which query words a page holds (a word counts when it or its stem matches).

    A page is found as search finds its record, with or without the accents typed; only the
    marks on the page then keep to the accents.
    """
    folded = fold(text)
    found = set()
    for start, end in find_matches(
        text, replace(terms, accented=frozenset(), accent_folds=frozenset())
    ):
        for word in WORD_RE.findall(folded[start:end]):
            found.add(word if word in terms.words else stem(word))
    # A stem stands for its word: count each query word once.
    return {w for w in terms.words if w in found or stem(w) in found}

"""Text analysis: accent folding that keeps character offsets, and the three word forms
every backend indexes (the Whoosh analysers are in backends/whoosh/analyzers.py):

- ``FoldedAnalyzer``: lower case, accents folded (``đ`` → ``d``), no stop words, no minimum
  length. Vietnamese text, titles, names and themes: ``an toàn`` and ``y tế`` stay whole.
- ``EnglishAnalyzer``: the same folding, then English stop words and Porter stemming.
- ``ExactAnalyzer``: accented words only, lower case, accents kept; they let exact-accent
  matches rank first.

Folding is one ``str.translate`` with a table that maps each character to exactly one
character, so a folded text has the same length and offsets as the original: snippets
find matches in the folded text and cut the original at the same places.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Word characters, keeping decimals and dotted abbreviations together ("4.0", "e.g").
WORD_RE = re.compile(r"\w+(?:[.,]\w+)*", re.UNICODE)
# Whoosh's English stop list, kept as it was so both backends drop the same words.
ENGLISH_STOP_WORDS = frozenset(
    {
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "did",
        "do",
        "does",
        "doing",
        "don",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "s",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "t",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
    }
)
_SPECIAL = {"đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ß", "æ": "æ"}


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0x00C0, 0x0250), (0x0370, 0x0530), (0x1E00, 0x2000), (0xFF21, 0xFF5B)]
    for start, end in [(0x41, 0x5B), *ranges]:
        for code in range(start, end):
            char = chr(code)
            lowered = char.lower()
            base = "".join(
                c for c in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(c)
            )
            base = unicodedata.normalize("NFKC", base)
            target = _SPECIAL.get(char, base if len(base) == 1 else lowered)
            if len(target) == 1 and target != char:
                table[code] = target
    return table


FOLD_TABLE = _build_fold_table()
LOWER_TABLE = {code: chr(code).lower() for code in FOLD_TABLE if len(chr(code).lower()) == 1}


_TONE_MARKS = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ` ´ ̉ ˜ .
# Old tone placement (hòa, khỏe, thủy) to new (hoà, khoẻ, thuỷ): the same words, so both
# are indexed and searched as one. Two characters become two: offsets are kept.
OLD_TONES: dict[str, str] = {}
for _first, _second in (("o", "a"), ("o", "e"), ("u", "y")):
    for _mark in _TONE_MARKS:
        for _f, _s in (
            (_first, _second),
            (_first.upper(), _second.upper()),
            (_first.upper(), _second),
        ):
            _old = unicodedata.normalize("NFC", _f + _mark) + _s
            OLD_TONES[_old] = _f + unicodedata.normalize("NFC", _s + _mark)
# Only at the end of a syllable (hòa, not hoàng), and not after q, where u is a consonant.
_OLD_TONE_RE = re.compile("(?<![qQ])(" + "|".join(OLD_TONES) + r")(?!\w)")
# i or y alone after a consonant: lí/lý, kĩ/kỹ, mĩ/mỹ, tỉ/tỷ are one word each.
_I_Y_RE = re.compile(r"^(?:[bcdghklmnprstvx]|ch|gh|kh|ng|ngh|nh|ph|th|tr)([yýỳỷỹỵ])$")
_Y_ENDINGS = tuple("yýỳỷỹỵ")  # what a word ends with for _I_Y_RE to match
_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")


# A Vietnamese syllable, folded: an onset, one to three vowels, a final consonant.
_SYLLABLE_RE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$"
)


def is_syllable(word: str) -> bool:
    """True when a word could be one Vietnamese syllable ('khẩu', 'xa'; not 'code', 'OCOP')."""
    return bool(_SYLLABLE_RE.match(fold(word)))


def nfc(text: str) -> str:
    """Composed Unicode (NFC): text typed with combining accents or pasted from a PDF."""
    return unicodedata.normalize("NFC", text) if not text.isascii() else text


def new_tones(text: str) -> str:
    """Old tone placement moved to the new one ('hòa' → 'hoà'), keeping the length."""
    return _OLD_TONE_RE.sub(lambda m: OLD_TONES[m.group(1)], text) if not text.isascii() else text


def vi_word(word: str) -> str:
    """One spelling of a lower-case syllable written with i or y ('lý' → 'lí', 'ky' → 'ki')."""
    if len(word) > 4 or not word.endswith(_Y_ENDINGS) or not _I_Y_RE.match(word):
        return word
    return word.translate(_Y_TO_I)


_I_TO_Y = str.maketrans("iíìỉĩị", "yýỳỷỹỵ")
_Y_LETTERS = frozenset("yýỳỷỹỵYÝỲỶỸỴ")


def written_like(word: str, *, typed: str) -> str:
    """A correction as the user writes: capitals as typed, and y where the index's one
    spelling of i/y has i but the user wrote y ('lí' for 'lýy' is shown 'lý')."""
    if any(c in _Y_LETTERS for c in typed) and _I_Y_RE.match(word.translate(_I_TO_Y)):
        word = word.translate(_I_TO_Y)
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def folded_word(word: str) -> str:
    """A word as the folded fields index it: folded, then one spelling of i/y."""
    return vi_word(fold(word))


def exact_word(word: str) -> str:
    """A word as the exact field indexes it: lower case, new tone placement, one i/y."""
    return vi_word(new_tones(lower(nfc(word))))


def fold(text: str) -> str:
    """Lower-case and strip accents, keeping the length: 'Cà Phê Đà Lạt' → 'ca phe da lat'."""
    return text.translate(FOLD_TABLE)


def lower(text: str) -> str:
    """Lower-case, keeping accents and the length."""
    return text.translate(LOWER_TABLE)


def has_accents(text: str) -> bool:
    """True when folding changes more than the letter case (the text carries accents)."""
    return fold(text) != lower(text)


_PORTER = snowballstemmer.stemmer("porter")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Porter stem of a folded English word."""
    return _PORTER.stemWord(word)

"""Vietnamese alphabetical order without ICU: a sort key for `sorted(..., key=vietnamese_key)`.

Python compares code points, which puts "Chương" (ư, U+01B0) before "Chỉ" (ỉ, U+1EC9) and "đ"
after "z". Vietnamese dictionaries order letters as a ă â b c d đ e ê g h i k l m n o ô ơ p q
r s t u ư v x y, then, for words equal in their letters, by tone: none, grave, hook, tilde,
acute, dot below (a à ả ã á ạ).
"""

import unicodedata

# f, j, w and z are not Vietnamese letters but appear in loanwords and names.
ALPHABET = tuple("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Marks that make a different letter (breve, circumflex, horn), not a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Tone marks in dictionary order; no mark is tone 0.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_PUNCTUATION, _DIGIT, _LETTER, _OTHER = range(4)


def _units(text: str) -> list[tuple[str, int]]:
    """Each base character with its letter mark, paired with its tone, in reading order."""
    units: list[tuple[str, int]] = []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if unicodedata.combining(char) and units:
            base, tone = units[-1]
            if char in _LETTER_MARKS and unicodedata.normalize("NFC", base + char) in _LETTER_RANK:
                units[-1] = (unicodedata.normalize("NFC", base + char), tone)
            elif char in _TONES:
                units[-1] = (base, _TONES[char])
            continue
        units.append((char, 0))
    return units


def _primary(char: str) -> tuple[int, int]:
    """Where one character sorts, ignoring tone: spaces and punctuation, digits, letters, rest."""
    if char in _LETTER_RANK:
        return (_LETTER, _LETTER_RANK[char])
    if char.isdigit():
        return (_DIGIT, ord(char))
    if char.isalpha():
        return (_OTHER, ord(char))
    return (_PUNCTUATION, ord(char))


def vietnamese_key(text: str) -> tuple:
    """A key that sorts strings in Vietnamese alphabetical order, then by tone, then as written."""
    units = _units(text)
    return (
        tuple(_primary(char) for char, _tone in units),
        tuple(tone for _char, tone in units),
        text,
    )

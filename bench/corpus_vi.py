"""Vietnamese text written by people: the messages of the Vietnamese gettext catalogues.

Every catalogue under /usr/share/locale/vi/LC_MESSAGES is read with Python's
`gettext.GNUTranslations`, in sorted order, each real file once. Only the translations
(msgstr) are kept, and only those that read as Vietnamese prose: no format directives
(`%s`, `{0}`, `$1`), no markup or mnemonics (`<b>`, `&amp;`, `_Open`, `--option`), at least
four words and 20 characters, mostly letters, a third of the words or more with
Vietnamese letters and no other letters beyond ASCII; whitespace collapsed, NFC, each
message once (compared in lower case).

Several messages make one paragraph (`VIETNAMESE.per_paragraph`), so a Vietnamese record
has about as many characters as an English one.
"""

import gettext
import re
import unicodedata
from pathlib import Path

from .corpus import Voice

LOCALE_ROOT = Path("/usr/share/locale/vi/LC_MESSAGES")
MIN_WORDS, MIN_CHARS = 4, 20
# printf (%s, %-10.3lu, %(name)s, %%), Python/C# braces, shell variables, autoconf @VAR@.
_FORMAT_RE = re.compile(
    r"%(?:\(\w+\))?[-+ #0'*]*(?:\d+\$)?(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t|I)?[a-zA-Z%]"
    r"|\{[^{}]*\}|\$\{?\w|@\w+@"
)
# Tags, entities, GTK mnemonics (_Mở), identifiers (foo_bar), command-line options, escapes.
_MARKUP_RE = re.compile(r"<[^>]*>|&#?\w+;|(?:^|\s)_\w|\w_\w|--|\\")
_VIETNAMESE_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
)


def catalogue_files(root: Path = LOCALE_ROOT) -> list[Path]:
    """The .mo files under root, sorted, each real file once (symlinks skipped)."""
    if not root.is_dir():
        return []
    return [p for p in sorted(root.glob("*.mo")) if p.is_file() and not p.is_symlink()]


def read_catalogue(path: Path) -> list[str]:
    """The translations of one catalogue, in the file's order (the header left out)."""
    try:
        with open(path, "rb") as handle:
            catalogue = gettext.GNUTranslations(handle)
    except (OSError, UnicodeDecodeError, ValueError):  # not a catalogue we can read
        return []
    return [text for msgid, text in catalogue._catalog.items() if msgid != "" and text]


def clean_message(text: str) -> str | None:
    """The message as one line of NFC text, or None when it is not Vietnamese prose."""
    if _FORMAT_RE.search(text) or _MARKUP_RE.search(text):
        return None
    line = " ".join(unicodedata.normalize("NFC", text).split())
    words = line.split(" ")
    if len(words) < MIN_WORDS or len(line) < MIN_CHARS:
        return None
    letters = sum(c.isalpha() for c in line)
    if letters < 0.7 * len(line) or letters + len(words) - 1 < 0.88 * len(line):
        return None
    if sum(not w.isascii() for w in words) < len(words) / 3:
        return None  # an untranslated or a name-only message
    if any(c.isalpha() and not c.isascii() and c not in _VIETNAMESE_LETTERS for c in line):
        return None  # a foreign name (São Lourenço) or another script
    return line


def collect_messages(root: Path = LOCALE_ROOT) -> tuple[list[str], int]:
    """The distinct Vietnamese prose messages under root, in file order; and how many files."""
    seen: set[str] = set()
    messages: list[str] = []
    files = catalogue_files(root)
    for path in files:
        for text in read_catalogue(path):
            line = clean_message(text)
            if line is None or line.lower() in seen:
                continue
            seen.add(line.lower())
            messages.append(line)
    return messages, len(files)


def split_sentences(text: str) -> list[str]:
    """Sentences: a break after . ! or ? before a capital letter (Vietnamese ones too)."""
    pieces = re.split(r"(?<=[.!?])\s+", text)
    sentences: list[str] = []
    for piece in pieces:
        if sentences and not piece[:1].isupper():
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences


VIETNAMESE = Voice(
    language="vi",
    unit="message",
    per_paragraph=(3, 7),
    issuers=(
        "Ủy ban nhân dân tỉnh Sơn La",
        "Hội đồng nhân dân tỉnh Sơn La",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Công Thương",
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "Thủ tướng Chính phủ",
    ),
    people=(
        "Một đại biểu",
        "Một nông dân",
        "Giám đốc hợp tác xã",
        "Một nhà nghiên cứu",
        "Một doanh nghiệp xuất khẩu",
    ),
    organisations=(
        "Hợp tác xã cà phê Thuận Châu",
        "Doanh nghiệp cà phê Mai Sơn",
        "Trường Đại học Tây Bắc",
        "Sở Nông nghiệp và Phát triển nông thôn Sơn La",
        "Công ty rang xay cà phê Hà Nội",
    ),
    # The shape of a Vietnamese document number: 12/2021/NQ-HĐND, 345/QĐ-UBND ...
    numbers={
        "resolution": "NQ-HĐND",
        "decision": "QĐ-UBND",
        "plan": "KH-UBND",
        "programme": "CTr-UBND",
        "directive": "CT-UBND",
        "other": "TB-UBND",
    },
    split_sentences=split_sentences,
)

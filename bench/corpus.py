"""A kb-format corpus of N records built from real text, in English or Vietnamese.

English: the paragraphs of /usr/share/doc. Files are read in sorted order, paragraphs
split on blank lines, kept when they are 80–2000 characters of mostly letters, and
deduplicated. Vietnamese: the messages of the Vietnamese gettext catalogues
(`bench.corpus_vi`), several messages to a paragraph.

Records draw their texts from one shuffle with a fixed seed, one record after another, so
the first 5,000 records of the 50,000-record corpus are the 5,000-record corpus. When the
texts run out they are reused in a new shuffle, with their sentences rotated (the report
says how often). Both languages have the same shares of record types.
"""

import argparse
import datetime as dt
import gzip
import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DOC_ROOT = Path("/usr/share/doc")
SEED = 20250601
MIN_CHARS, MAX_CHARS = 80, 2000
TEXT_SUFFIXES = {"", ".txt", ".md", ".rst", ".text", ".debian"}
TEXT_NAMES = ("readme", "changelog", "copyright", "news", "authors", "todo", "thanks", "faq")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_BULLET_RE = re.compile(r"^\s*(?:[*+\-]|\d+[.)])\s+", re.MULTILINE)
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

THEMES = [
    ("Branding", "branding", "Thương hiệu"),
    ("Export", "export", "Xuất khẩu"),
    ("GAP", "gap", "Thực hành nông nghiệp tốt (GAP)"),
    ("Geographical indications", "geographical-indications", "Chỉ dẫn địa lý"),
    ("High technology", "high-technology", "Công nghệ cao"),
    ("Investment and credit", "investment-and-credit", "Đầu tư và tín dụng"),
    ("Linkage chains", "linkage-chains", "Chuỗi liên kết"),
    ("Market development", "market-development", "Phát triển thị trường"),
    ("OCOP", "ocop", "Mỗi xã một sản phẩm (OCOP)"),
    ("Planting area codes", "planting-area-codes", "Mã số vùng trồng"),
    ("Processing", "processing", "Chế biến"),
    ("Science and technology", "science-and-technology", "Khoa học và công nghệ"),
    ("Sustainability", "sustainability", "Phát triển bền vững"),
]
KINDS = ("resolution", "decision", "plan", "programme", "directive", "other")
STATUSES = ("in_force", "expired", "superseded", "proposed")
ISSUERS = (
    "Son La Provincial People's Committee",
    "Son La Provincial People's Council",
    "Department of Agriculture and Rural Development",
    "Department of Industry and Trade",
    "Ministry of Agriculture and Rural Development",
    "Prime Minister",
)
PEOPLE = ("A delegate", "A farmer", "A cooperative director", "A researcher", "An exporter")
ORGANISATIONS = (
    "A coffee cooperative in Thuan Chau",
    "A coffee enterprise in Mai Son",
    "Tay Bac University",
    "Son La Department of Agriculture",
    "A roaster in Hanoi",
)
FIRST_DAY, LAST_DAY = dt.date(2017, 1, 1), dt.date(2025, 12, 31)
WORKSHOP_DATE = "2025-06-01"


@dataclass(frozen=True)
class Voice:
    """Who writes a corpus's records and in which language; what its source texts are."""

    language: str
    unit: str  # one source text: "paragraph" or "message"
    per_paragraph: tuple[int, int]  # how many source texts make one paragraph of a record
    issuers: tuple[str, ...]
    people: tuple[str, ...]
    organisations: tuple[str, ...]
    numbers: dict[str, str] | None = None  # policy number suffix by kind; None: BENCH-i/year
    split_sentences: Callable[[str], list[str]] | None = None  # None: English sentences


ENGLISH = Voice(
    language="en",
    unit="paragraph",
    per_paragraph=(1, 1),
    issuers=ISSUERS,
    people=PEOPLE,
    organisations=ORGANISATIONS,
)


def doc_files(root: Path = DOC_ROOT) -> list[Path]:
    """The readable text files under root, sorted, each real file once (symlinks skipped)."""
    files: list[Path] = []
    seen: set[tuple[int, int]] = set()
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or not _looks_like_text(path):
            continue
        stat = path.stat()
        if (stat.st_dev, stat.st_ino) in seen:
            continue
        seen.add((stat.st_dev, stat.st_ino))
        files.append(path)
    return files


def _looks_like_text(path: Path) -> bool:
    name = path.name[:-3] if path.name.endswith(".gz") else path.name
    lowered = name.lower()
    suffix = Path(lowered).suffix
    return suffix in TEXT_SUFFIXES or lowered.startswith(TEXT_NAMES)


def read_text(path: Path) -> str | None:
    """The file's text (gunzipped if .gz), or None when it is not UTF-8 text."""
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        return raw.decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile):
        return None


def split_paragraphs(text: str) -> Iterator[str]:
    """Paragraphs (split on blank lines), bullets removed and whitespace collapsed."""
    for block in _BLANK_LINE_RE.split(text.replace("\r\n", "\n")):
        yield " ".join(_BULLET_RE.sub("", block).split())


def is_prose(paragraph: str) -> bool:
    """True for 80–2000 characters of mostly letters and spaces."""
    size = len(paragraph)
    if not MIN_CHARS <= size <= MAX_CHARS:
        return False
    letters = sum(c.isalpha() for c in paragraph)
    spaces = paragraph.count(" ")
    return letters >= 0.7 * size and letters + spaces >= 0.88 * size


def collect_paragraphs(root: Path = DOC_ROOT) -> tuple[list[str], int]:
    """The distinct prose paragraphs under root, in file order; and how many files were read."""
    seen: set[str] = set()
    paragraphs: list[str] = []
    files = doc_files(root)
    for path in files:
        text = read_text(path)
        if text is None:
            continue
        for paragraph in split_paragraphs(text):
            norm = paragraph.lower()
            if norm in seen or not is_prose(paragraph):
                continue
            seen.add(norm)
            paragraphs.append(paragraph)
    return paragraphs, len(files)


@dataclass
class CorpusStats:
    """What went into a corpus file: counts by type, and how much text was reused."""

    records: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    language: str = "en"
    unit: str = "paragraph"  # what a source text is
    texts_available: int = 0
    texts_used: int = 0
    reused: int = 0  # text draws beyond the first pass (varied by sentence rotation)
    passes: int = 1  # how many times the texts were shuffled and drawn
    chars: int = 0
    files_read: int = 0


class _Draw:
    """Texts one after another from seeded shuffles; later passes rotate sentences."""

    def __init__(
        self, paragraphs: list[str], seed: int, split: Callable[[str], list[str]] | None = None
    ):
        self.paragraphs = paragraphs
        self.seed = seed
        self.split = split or _SENTENCE_RE.split
        self.passes = 0
        self.order: list[int] = []
        self.pos = 0
        self.draws = 0
        self._shuffle()

    def _shuffle(self) -> None:
        self.order = list(range(len(self.paragraphs)))
        random.Random(self.seed + self.passes).shuffle(self.order)
        self.pos = 0

    def next(self) -> str:
        if self.pos >= len(self.order):
            self.passes += 1
            self._shuffle()
        text = self.paragraphs[self.order[self.pos]]
        self.pos += 1
        self.draws += 1
        return _rotate(text, self.passes, self.split) if self.passes else text


def _rotate(text: str, by: int, split: Callable[[str], list[str]]) -> str:
    sentences = split(text)
    if len(sentences) < 2:
        return text
    k = by % len(sentences)
    return " ".join(sentences[k:] + sentences[:k])


def _title(text: str, words: int = 8) -> str:
    title = " ".join(text.split()[:words]).rstrip(",.;:!?-–(")[:300]
    return title[:1].upper() + title[1:] if title else "Untitled"


def _date(rng: random.Random) -> str:
    span = (LAST_DAY - FIRST_DAY).days
    return (FIRST_DAY + dt.timedelta(days=rng.randrange(span + 1))).isoformat()


def _tags(rng: random.Random) -> list[str]:
    return [t[0] for t in rng.sample(THEMES, rng.randint(1, 3))]


def record_type(index: int) -> str:
    """The type of the index-th record: 60% policies, 25% feedback, 15% presentations."""
    slot = index % 20
    return "policy" if slot < 12 else "feedback" if slot < 17 else "presentation"


def _as_sentence(text: str) -> str:
    """A message as a sentence of a paragraph: a capital first, a full stop last."""
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".!?…" else text.rstrip(":;,") + "."


class _Paragraphs:
    """A record's paragraphs: one source text each, or several messages joined as sentences."""

    def __init__(self, draw: _Draw, voice: Voice, seed: int):
        self.draw = draw
        self.low, self.high = voice.per_paragraph
        # Its own generator: an English corpus draws exactly what it drew before voices.
        self.rng = random.Random(f"{seed}-paragraphs")

    def next(self) -> str:
        if self.high <= 1:
            return self.draw.next()
        count = self.rng.randint(self.low, self.high)
        return " ".join(_as_sentence(self.draw.next()) for _ in range(count))


def build_kb(
    size: int, paragraphs: list[str], *, seed: int = SEED, voice: Voice = ENGLISH
) -> tuple[dict, CorpusStats]:
    """A kb-format document of `size` records (policies, feedback, presentations).

    `paragraphs` are the source texts: paragraphs, or for a voice with several to a
    paragraph, messages.
    """
    if not paragraphs:
        raise ValueError(f"no {voice.unit}s to build a corpus from")
    rng = random.Random(seed)
    draw = _Draw(paragraphs, seed, voice.split_sentences)
    source = _Paragraphs(draw, voice, seed)
    sections: dict[str, list[dict[str, Any]]] = {
        "policies": [],
        "feedback": [],
        "presentations": [],
    }
    for i in range(size):
        kind = record_type(i)
        texts = [source.next() for _ in range(rng.randint(1, 3))]
        if kind == "policy":
            sections["policies"].append(_policy(i, texts, rng, voice))
        elif kind == "feedback":
            sections["feedback"].append(_feedback(i, texts, rng, sections["policies"], voice))
        else:
            order = len(sections["presentations"]) + 1
            sections["presentations"].append(_presentation(i, order, texts, rng, voice))
    document = {
        "format": "sonla-kb/1",
        "themes": [{"name": n, "slug": s, "name_vi": vi, "description": ""} for n, s, vi in THEMES],
        "workshop": {
            "title": "Benchmark workshop",
            "date": WORKSHOP_DATE,
            "venue": "Son La",
            "organisers": "",
            "summary": "A workshop record for the benchmark corpus.",
        },
        **sections,
    }
    stats = CorpusStats(
        records=size,
        by_type={name: len(rows) for name, rows in sections.items()},
        language=voice.language,
        unit=voice.unit,
        texts_available=len(paragraphs),
        texts_used=min(draw.draws, len(paragraphs)),
        reused=max(0, draw.draws - len(paragraphs)),
        passes=draw.passes + 1,
        chars=sum(len(json.dumps(r, ensure_ascii=False)) for s in sections.values() for r in s),
    )
    return document, stats


def _policy(i: int, texts: list[str], rng: random.Random, voice: Voice) -> dict[str, Any]:
    issued = _date(rng)
    kind = rng.choice(KINDS)
    number = f"BENCH-{i}/{issued[:4]}"
    if voice.numbers:
        number = f"{i}/{issued[:4]}/{voice.numbers[kind]}"
    return {
        "key": f"pol-{i:06d}",
        "number": number,
        "title": _title(texts[0]),
        "kind": kind,
        "issuer": rng.choice(voice.issuers),
        "issued_on": issued,
        "effective_from": issued if rng.random() < 0.7 else None,
        "status": rng.choice(STATUSES),
        "summary": texts[0],
        "body": "\n\n".join(texts[1:]),
        "source_url": "",
        "tags": _tags(rng),
        "language": voice.language,
        "sample": True,
    }


def _feedback(
    i: int, texts: list[str], rng: random.Random, policies: list[dict[str, Any]], voice: Voice
) -> dict[str, Any]:
    about = None
    if policies and rng.random() < 0.3:
        about = {"type": "policy", "key": rng.choice(policies)["key"]}
    return {
        "key": f"fb-{i:06d}",
        "author": rng.choice(voice.people),
        "organisation": rng.choice(voice.organisations),
        "about": about,
        "text": "\n\n".join(texts),
        "submitted_on": _date(rng),
        "published": True,
        "tags": _tags(rng),
        "language": voice.language,
        "sample": True,
    }


def _presentation(
    i: int, order: int, texts: list[str], rng: random.Random, voice: Voice
) -> dict[str, Any]:
    return {
        "key": f"pre-{i:06d}",
        "order": order,
        "title": _title(texts[0]),
        "speaker": rng.choice(voice.people),
        "organisation": rng.choice(voice.organisations),
        "summary": texts[0],
        "body": "\n\n".join(texts[1:]),
        "tags": _tags(rng),
        "language": voice.language,
        "sample": True,
        "files": [],
    }


def write_kb(
    path: Path, size: int, paragraphs: list[str], *, seed: int = SEED, voice: Voice = ENGLISH
) -> CorpusStats:
    """Write a corpus of `size` records to path; return what went into it."""
    document, stats = build_kb(size, paragraphs, seed=seed, voice=voice)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=0), encoding="utf-8")
    return stats


def main(argv: list[str] | None = None) -> None:
    """Write one corpus file: `python -m bench.corpus --size N [--corpus vi] --out FILE`."""
    from .corpora import CORPORA  # the registry imports this module

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="en")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    chosen = CORPORA[args.corpus]
    paragraphs, files = chosen.collect()
    stats = write_kb(args.out, args.size, paragraphs, voice=chosen.voice)
    stats.files_read = files
    print(json.dumps(stats.__dict__, indent=1))


if __name__ == "__main__":
    main()

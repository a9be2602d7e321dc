"""The benchmark's corpora by name: where each one's text comes from and who writes it."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import corpus, corpus_vi


@dataclass(frozen=True)
class Corpus:
    """One corpus: its name on the command line, its source texts and its voice."""

    name: str
    label: str
    root: Path
    voice: corpus.Voice
    collect: Callable[[], tuple[list[str], int]]


CORPORA: dict[str, Corpus] = {
    "en": Corpus(
        "en", "English", corpus.DOC_ROOT, corpus.ENGLISH, lambda: corpus.collect_paragraphs()
    ),
    "vi": Corpus(
        "vi",
        "Vietnamese",
        corpus_vi.LOCALE_ROOT,
        corpus_vi.VIETNAMESE,
        lambda: corpus_vi.collect_messages(),
    ),
}


def parse_names(text: str) -> list[str]:
    """`en,vi` as a list of known corpus names, in the order given, each once."""
    names: list[str] = []
    for name in (part.strip() for part in text.split(",")):
        if not name:
            continue
        if name not in CORPORA:
            known = ", ".join(CORPORA)
            raise ValueError(f"unknown corpus {name!r}: the corpora are {known}")
        if name not in names:
            names.append(name)
    if not names:
        raise ValueError("no corpus named")
    return names

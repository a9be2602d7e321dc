"""The index schema: one document per public record, whatever its type.

Text is indexed in the field of its language (``text_en`` stemmed, ``text_vi`` folded
only), once more in ``exact`` with accents kept, and titles in ``title`` (folded, whole
words). Neighbouring words are indexed once more as pairs: ``pairs_vi`` (folded, of the
title and the Vietnamese text) and ``pairs_en`` (stems of the English text). ``type``,
``year``, ``tagid`` and ``language`` are single tokens: filters and facets.
"""

from typing import Any

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analyzers import PAIR_BREAK, EnglishAnalyzer, ExactAnalyzer, FoldedAnalyzer, PairAnalyzer

# The pair field holding the neighbouring words of each field with positions.
PAIRS_OF = {"title": "pairs_vi", "text_vi": "pairs_vi", "text_en": "pairs_en"}
FIELD_BOOSTS = {"title": 2.5, "text_en": 1.0, "text_vi": 1.0}


def build_schema() -> Schema:
    """A new instance of the schema."""
    folded = FoldedAnalyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        type=KEYWORD(stored=True, lowercase=True),
        key=STORED(),
        url=STORED(),
        title=TEXT(analyzer=folded, stored=True, field_boost=FIELD_BOOSTS["title"]),
        title_translated=STORED(),  # shown under the title, marked as a translation
        text_en=TEXT(analyzer=EnglishAnalyzer()),
        text_vi=TEXT(analyzer=folded),
        exact=TEXT(analyzer=ExactAnalyzer(), phrase=False),
        pairs_vi=TEXT(analyzer=PairAnalyzer(folded), phrase=False),
        pairs_en=TEXT(analyzer=PairAnalyzer(EnglishAnalyzer()), phrase=False),
        content=STORED(),
        tag=TEXT(analyzer=folded),
        tagid=KEYWORD(commas=True, lowercase=True),
        tagnames=STORED(),
        speaker=TEXT(analyzer=folded),
        issuer=TEXT(analyzer=folded),
        number=TEXT(analyzer=folded),
        kind=KEYWORD(lowercase=True),  # a policy's kind: resolution, decision, plan ...
        year=ID(stored=True),
        date=STORED(),
        datenum=NUMERIC(int, bits=32, sortable=True),
        language=KEYWORD(stored=True, lowercase=True),
        sample=STORED(),
        pages=STORED(),  # attached files' text per page or slide: the snippet says where
        fingerprint=STORED(),
    )


def with_pairs(doc: dict[str, Any]) -> dict[str, Any]:
    """A document as the index takes it: its fields, and the values of the pair fields."""
    return {
        **doc,
        "pairs_vi": f"{doc.get('title') or ''}{PAIR_BREAK}{doc.get('text_vi') or ''}",
        "pairs_en": doc.get("text_en") or "",
    }

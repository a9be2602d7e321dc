"""The index schema: one document per public record, whatever its type.

Text is indexed in the field of its language (``text_en`` stemmed, ``text_vi`` folded
only), once more in ``exact`` with accents kept, and titles in ``title`` (folded, whole
words). ``type``, ``year``, ``tagid`` and ``language`` are single tokens: filters and facets.
"""

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analyzers import EnglishAnalyzer, ExactAnalyzer, FoldedAnalyzer

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

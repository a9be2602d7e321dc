"""A Whoosh index of random short texts, in several segments with deleted documents, as
live edits leave an index: for tests that compare two ways of reading it."""

import random
from pathlib import Path

from whoosh import index as whoosh_index

from sonla_kb.search.backends.whoosh.schema import build_schema, with_pairs

SYLLABLES = ["ca", "phe", "son", "la", "tap", "tin", "chi", "dan", "dia", "ly", "gap", "ocop"]
ACCENTED = ["cà", "phê", "sơn", "tập", "chỉ", "dẫn", "địa", "lý"]
ENGLISH = ["coffee", "planting", "area", "areas", "code", "the", "of", "brand", "export"]


def _text(rng: random.Random, words: list[str]) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(1, 30)))


def random_index(folder: Path, *, seed: int = 7, segments: int = 3, per_segment: int = 40):
    """Segments of random documents, every seventh deleted; and one rare word's document."""
    rng = random.Random(seed)
    ix = whoosh_index.create_in(str(folder), build_schema())
    number = 0
    for _ in range(segments):
        writer = ix.writer()
        for _ in range(per_segment):
            number += 1
            doc = {
                "id": f"d{number}",
                "type": rng.choice(["policy", "feedback"]),
                "title": _text(rng, SYLLABLES)[:40],
                "text_vi": _text(rng, SYLLABLES),
                "text_en": _text(rng, [*SYLLABLES, *ENGLISH]),
                "exact": _text(rng, ACCENTED),
                "year": str(rng.choice([2019, 2020])),
            }
            writer.add_document(**with_pairs(doc))
        writer.commit(merge=False)
    writer = ix.writer()
    for number in range(1, segments * per_segment + 1, 7):
        writer.delete_by_term("id", f"d{number}")
    rare = {"id": "rare", "title": "rarissimo", "text_vi": "rarissimo", "exact": "hiếm"}
    writer.add_document(**with_pairs(rare))
    writer.commit(merge=False)
    return ix

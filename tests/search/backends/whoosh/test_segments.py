"""The project's segment writer writes what Whoosh's own writes, pair fields added."""

import random

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from sonla_kb.search.backends.whoosh.schema import build_schema, with_pairs
from sonla_kb.search.backends.whoosh.segments import KbSegmentWriter

from .builders import SYLLABLES


def _docs():
    rng = random.Random(5)
    for number in range(60):
        words = [rng.choice(SYLLABLES) for _ in range(rng.randint(1, 80))]
        yield {"id": f"d{number}", "title": " ".join(words[:3]), "text_vi": " ".join(words)}


def _terms(folder, writer_class, prepare):
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = writer_class(ix)
    for doc in _docs():
        writer.add_document(**prepare(doc))
    writer.commit()
    with ix.searcher() as s:
        reader = s.reader()
        return {
            (field, text): (info.doc_frequency(), info.min_length(), info.max_length())
            for field, text in reader.all_terms()
            for info in [reader.term_info(field, text)]
        }


def test_the_same_terms_lengths_and_frequencies_as_whooshs_writer(tmp_path):
    ours = _terms(tmp_path / "ours", KbSegmentWriter, lambda doc: doc)
    whooshs = _terms(tmp_path / "whoosh", SegmentWriter, with_pairs)
    assert ours == whooshs
    assert any(field == "pairs_vi" for field, _ in ours)

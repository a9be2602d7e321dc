"""The pair fields hold a term exactly where a two-word phrase of the text matches."""

import itertools

import pytest
from whoosh import query as wq

from sonla_kb.search.analysis import stem
from sonla_kb.search.backends.whoosh.querying import parse_text

from .builders import ENGLISH, SYLLABLES, random_index


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return random_index(tmp_path_factory.mktemp("pairs"), seed=11)


def _docs(searcher, q) -> set[int]:
    return {hit.docnum for hit in searcher.search(q, limit=None)}


@pytest.mark.parametrize("first, second", list(itertools.product(SYLLABLES[:6], SYLLABLES[:6])))
def test_a_folded_pair_is_where_the_phrase_is_in_the_title_or_the_vietnamese_text(
    index, first, second
):
    with index.searcher() as s:
        phrases = _docs(s, wq.Phrase("text_vi", [first, second])) | _docs(
            s, wq.Phrase("title", [first, second])
        )
        assert _docs(s, wq.Term("pairs_vi", f"{first} {second}")) == phrases


@pytest.mark.parametrize("first, second", list(itertools.product(ENGLISH, ENGLISH[:5])))
def test_an_english_pair_is_where_the_stemmed_phrase_is(index, first, second):
    stems = [stem(first), stem(second)]
    with index.searcher() as s:
        assert _docs(s, wq.Term("pairs_en", " ".join(stems))) == _docs(
            s, wq.Phrase("text_en", stems)
        )


def test_no_pair_joins_the_end_of_the_title_to_the_start_of_the_text(index):
    with index.searcher() as s:
        doc = s.document(id="rare")
        assert doc["title"] == "rarissimo"
        assert not _docs(s, wq.Term("pairs_vi", "rarissimo rarissimo"))


def test_the_pair_bonus_is_a_term_of_the_pair_fields():
    words = {leaf.fieldname for leaf in parse_text("tập tin").query.leaves()}
    assert {"pairs_vi", "pairs_en"} <= words
    assert not any(isinstance(leaf, wq.Phrase) for leaf in parse_text("tập tin").query.leaves())

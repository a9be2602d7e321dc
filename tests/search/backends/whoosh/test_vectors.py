"""Whole-posting evaluation gives Whoosh's own documents and scores, on every query shape.

The index has several segments and deleted documents, as live edits leave it; the
queries are random trees of the shapes the parser and the bonuses build.
"""

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from whoosh import query as wq

from sonla_kb.search.analysis import stem
from sonla_kb.search.backends.whoosh.expansion import TermSet
from sonla_kb.search.backends.whoosh.querying import parse_text
from sonla_kb.search.backends.whoosh.vectors import CACHE, ArrayCache, evaluate
from sonla_kb.search.limits import Budget

from .builders import ACCENTED, ENGLISH, SYLLABLES, random_index


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    ix = random_index(tmp_path_factory.mktemp("vectors"))
    with ix.searcher() as searcher:
        assert len(searcher.leaf_searchers()) > 1
        assert searcher.reader().has_deletions()
    return ix


QUICK = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
FIELDS = ["title", "text_vi", "text_en"]
terms = st.builds(
    wq.Term,
    st.sampled_from(FIELDS),
    st.sampled_from([*SYLLABLES, "rarissimo", "absent"]),
    boost=st.sampled_from([1.0, 2.5]),
)
exact_terms = st.builds(wq.Term, st.just("exact"), st.sampled_from([*ACCENTED, "hiếm"]))
leaves = st.one_of(
    terms,
    exact_terms,
    st.builds(
        lambda f, words: wq.Phrase(f, words),
        st.sampled_from(["text_vi", "title"]),
        st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3),
    ),
    st.builds(
        lambda words: wq.Phrase("text_en", [stem(w) for w in words]),
        st.lists(st.sampled_from([*SYLLABLES[:4], *ENGLISH]), min_size=2, max_size=3),
    ),
    st.builds(
        lambda words: wq.Phrase("text_vi", words, slop=2),
        st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=2),
    ),
    st.builds(
        lambda words: TermSet("text_vi", frozenset(w.encode() for w in words)),
        st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=4),
    ),
)


def _extend(children):
    lists = st.lists(children, min_size=2, max_size=4)
    return st.one_of(
        st.builds(wq.And, lists),
        st.builds(wq.Or, lists),
        st.builds(wq.AndMaybe, children, children),
        st.builds(wq.AndNot, children, children),
        st.builds(wq.ConstantScoreQuery, children, st.sampled_from([60.0, 100.0])),
        st.builds(lambda q: wq.Or([q], boost=2.0), children),
    )


queries = st.recursive(leaves, _extend, max_leaves=8)


def _whoosh_hits(searcher, q) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}


def _oracle(searcher, q) -> dict[int, float]:
    """What the query means, composed plainly from Whoosh's own scores of each leaf.

    Whoosh's compound matchers are no reference: its AndNotMatcher lets through a document
    of the excluded part that opens a segment, and inside an intersection its
    AndMaybeMatcher sometimes leaves out the optional part's score (both shown below).
    """
    if isinstance(q, (wq.And, wq.Or)) and len(q.subqueries) == 1:
        return _oracle(searcher, q.subqueries[0])
    if isinstance(q, (wq.And, wq.Or)):
        parts = [_oracle(searcher, sub) for sub in q.subqueries]
        if isinstance(q, wq.And):
            docs = set.intersection(*(set(p) for p in parts))
        else:
            docs = set().union(*parts)
        return {d: sum(p.get(d, 0.0) for p in parts) * q.boost for d in docs}
    if isinstance(q, wq.AndMaybe):
        required, optional = _oracle(searcher, q.a), _oracle(searcher, q.b)
        return {d: score + optional.get(d, 0.0) for d, score in required.items()}
    if isinstance(q, wq.AndNot):
        excluded = _oracle(searcher, q.b)
        return {d: score for d, score in _oracle(searcher, q.a).items() if d not in excluded}
    if isinstance(q, wq.ConstantScoreQuery):
        return dict.fromkeys(_oracle(searcher, q.child), q.score)
    return _whoosh_hits(searcher, q)


def _assert_same(found, expected: dict[int, float]) -> None:
    got = dict(zip(found.docs.tolist(), found.scores.tolist(), strict=True))
    assert got.keys() == expected.keys()
    for docnum, score in expected.items():
        assert got[docnum] == pytest.approx(score, rel=1e-9, abs=1e-12)


@settings(max_examples=300, **QUICK)
@given(q=queries)
def test_the_documents_and_scores_the_query_means(index, q):
    note(repr(q))
    with index.searcher() as searcher:
        _assert_same(evaluate(searcher, q, budget=Budget(seconds=60)), _oracle(searcher, q))


WORDS = st.lists(st.sampled_from([*SYLLABLES, *ACCENTED]), min_size=1, max_size=4)


@settings(max_examples=60, **QUICK)
@given(words=WORDS, relaxed=st.booleans())
def test_the_queries_the_site_builds_score_as_in_whoosh(index, words, relaxed):
    parsed = parse_text(" ".join(words))
    q = parsed.relaxed if relaxed and parsed.relaxed is not None else parsed.query
    note(repr(q))
    with index.searcher() as searcher:
        _assert_same(evaluate(searcher, q, budget=Budget(seconds=60)), _whoosh_hits(searcher, q))


@settings(max_examples=100, **QUICK)
@given(q=queries, limit=st.integers(min_value=1, max_value=30))
def test_the_top_hits_in_whooshs_order(index, q, limit):
    note(repr(q))
    with index.searcher() as searcher:
        expected = sorted(_oracle(searcher, q).items(), key=lambda item: (-item[1], item[0]))
        top = evaluate(searcher, q, budget=Budget(seconds=60)).top(limit)
    # Whoosh orders by score, then by document number. Equal scores may differ in their
    # last bits by the order of the additions: only there may two documents swap.
    assert len(top) == len(expected[:limit])
    score_of = dict(expected)
    for (doc, score), (expected_doc, expected_score) in zip(top, expected[:limit], strict=True):
        assert score == pytest.approx(expected_score, rel=1e-9)
        if doc != expected_doc:
            assert score_of[doc] == pytest.approx(expected_score, rel=1e-9)


def test_whooshs_not_keeps_a_document_of_the_excluded_part(index):
    q = wq.AndNot(wq.Term("title", "ca"), wq.Term("exact", "cà"))
    with index.searcher() as searcher:
        excluded = set(_whoosh_hits(searcher, wq.Term("exact", "cà")))
        assert set(_whoosh_hits(searcher, q)) & excluded  # Whoosh's fault
        found = evaluate(searcher, q, budget=Budget(seconds=60))
    assert not set(found.docs.tolist()) & excluded


def test_whooshs_and_maybe_inside_and_loses_the_optional_score(index):
    accented = wq.Term("exact", "cà")
    q = wq.And([accented, wq.AndMaybe(wq.Term("title", "ca"), accented)])
    with index.searcher() as searcher:
        meant = _oracle(searcher, q)
        assert _whoosh_hits(searcher, q) != meant  # Whoosh's fault
        _assert_same(evaluate(searcher, q, budget=Budget(seconds=60)), meant)


def test_a_term_no_segment_holds_matches_nothing(index):
    with index.searcher() as searcher:
        found = evaluate(searcher, wq.Term("text_vi", "absent"), budget=Budget(seconds=60))
    assert len(found) == 0 and found.top(10) == []


def test_once_the_budget_is_spent_unread_terms_match_nothing(index):
    spent = Budget(seconds=0.0, started=0.0)
    with index.searcher() as searcher:
        found = evaluate(searcher, wq.Term("text_vi", "tap"), budget=spent)
    assert len(found) == 0
    assert spent.ran_out


def test_a_frequent_term_is_decoded_once_then_read_from_the_cache(index, monkeypatch):
    CACHE.clear()
    with index.searcher() as searcher:
        first = evaluate(searcher, wq.Term("text_vi", "tap"), budget=Budget(seconds=60))
        assert CACHE.size > 0
        calls = []
        for sub, _offset in searcher.leaf_searchers():
            reader = sub.reader()
            original = reader.postings
            monkeypatch.setattr(
                reader, "postings", lambda *a, _o=original: calls.append(a) or _o(*a)
            )
        again = evaluate(searcher, wq.Term("text_vi", "tap"), budget=Budget(seconds=60))
    assert calls == []
    assert again.docs.tolist() == first.docs.tolist()
    assert again.scores.tolist() == first.scores.tolist()


def test_the_cache_keeps_to_its_size_dropping_the_least_recently_used():
    cache = ArrayCache(max_bytes=4_000)
    for word in "abcde":
        cache.put(("postings", "seg", "text_vi", word), word, size=800)
    assert cache.get(("postings", "seg", "text_vi", "a")) == "a"  # now the most recent
    cache.put(("postings", "seg", "text_vi", "f"), "f", size=800)
    assert cache.size <= 4_000
    assert cache.get(("postings", "seg", "text_vi", "b")) is None
    assert cache.get(("postings", "seg", "text_vi", "a")) == "a"
    cache.put(("postings", "seg", "text_vi", "big"), "big", size=1_001)
    assert cache.get(("postings", "seg", "text_vi", "big")) is None  # over a quarter


def test_a_document_deleted_after_its_term_was_cached_is_not_found(tmp_path):
    ix = random_index(tmp_path, seed=3, segments=1, per_segment=20)
    CACHE.clear()
    with ix.searcher() as searcher:
        before = evaluate(searcher, wq.Term("text_vi", "tap"), budget=Budget(seconds=60))
        gone = searcher.stored_fields(int(before.docs[0]))["id"]
    writer = ix.writer()
    writer.delete_by_term("id", gone)
    writer.commit(merge=False)
    with ix.searcher() as searcher:
        after = evaluate(searcher, wq.Term("text_vi", "tap"), budget=Budget(seconds=60))
        assert gone not in {searcher.stored_fields(d)["id"] for d in after.docs.tolist()}
    assert len(after) == len(before) - 1


def test_what_is_set_aside_comes_back_after_the_block(index):
    CACHE.clear()
    with index.searcher() as searcher:
        evaluate(searcher, wq.Term("text_vi", "tap"), budget=Budget(seconds=60))
        held = CACHE.size
        with CACHE.set_aside():
            assert CACHE.size == 0
            evaluate(searcher, wq.Term("text_vi", "tin"), budget=Budget(seconds=60))
            assert CACHE.size > 0
        assert CACHE.size == held

"""The hand-made pickles are pickle.dumps(obj, 2), byte for byte, whatever the numbers."""

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from sonla_kb.search.backends.whoosh import pickles

numbers = st.integers(min_value=-5, max_value=2**33)
weights = st.one_of(st.none(), st.floats(allow_nan=False), st.integers(0, 300))
values = st.one_of(
    st.none(),
    st.binary(max_size=40),
    st.tuples(st.binary(max_size=40)),
    st.tuples(st.binary(max_size=5), st.binary(max_size=5)),
)


@settings(max_examples=300, deadline=None)
@given(numbers, weights, values)
def test_blocks_of_one_posting(docnum, weight, value):
    assert pickles.one_posting(docnum, weight, value) == pickle.dumps(((docnum,), weight, value), 2)


def test_the_blocks_a_rebuild_writes_most_are_made_without_pickle(monkeypatch):
    def refuse(*args):
        raise AssertionError("pickle.dumps was called")

    monkeypatch.setattr(pickles, "dumps", refuse)
    frequency = (4000, None, b"\x00\x00\x00\x02")
    assert pickles.one_posting(*frequency) == pickle.dumps(((4000,), *frequency[1:]), 2)
    positions = (7, 2.5, (b"\x00\x00\x00\x01\x80\x02]q\x00K\x05a.",))
    assert pickles.one_posting(*positions) == pickle.dumps(((7,), *positions[1:]), 2)

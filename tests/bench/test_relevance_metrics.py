"""The relevance metrics, on rankings small enough to compute by hand."""

import math

import pytest

from bench.relevance import metrics

GRADES = {"a": 3, "b": 2, "c": 1}


def test_precision_counts_relevant_records_in_the_first_k():
    many = {"a": 3, "b": 2, "c": 1, "d": 1, "e": 1, "f": 1}
    assert metrics.precision_at(["a", "x", "c", "y", "z", "b"], many, k=5) == 2 / 5


def test_precision_with_fewer_relevant_records_than_k_is_out_of_those():
    # three relevant records: all three first is perfect, whatever follows
    assert metrics.precision_at(["a", "b", "c", "x", "y"], GRADES, k=5) == 1
    assert metrics.precision_at(["x", "a", "y", "z", "w", "b"], GRADES, k=5) == 1 / 3


def test_precision_counts_empty_places_as_misses():
    assert metrics.precision_at(["a"], GRADES, k=5) == 1 / 3
    assert metrics.precision_at([], GRADES, k=5) == 0
    assert metrics.precision_at(["a"], {}, k=5) is None


def test_ndcg_of_the_ideal_ranking_is_one():
    assert metrics.ndcg_at(["a", "b", "c"], GRADES, k=10) == pytest.approx(1.0)


def test_ndcg_by_hand():
    # DCG of [c, x, a]: (2^1-1)/log2(2) + 0 + (2^3-1)/log2(4) = 1 + 3.5 = 4.5
    # ideal [a, b, c]: 7/1 + 3/log2(3) + 1/2
    ideal = 7 + 3 / math.log2(3) + 0.5
    assert metrics.ndcg_at(["c", "x", "a"], GRADES, k=10) == pytest.approx(4.5 / ideal)


def test_ndcg_only_looks_at_the_first_k():
    # a at rank 3 is past k=2: only c at rank 1 counts; ideal of two is a then b.
    ideal = 7 + 3 / math.log2(3)
    assert metrics.ndcg_at(["c", "x", "a"], GRADES, k=2) == pytest.approx(1 / ideal)


def test_ndcg_without_judgments_is_undefined():
    assert metrics.ndcg_at(["a"], {}, k=10) is None


def test_recall_is_the_share_of_relevant_records_found():
    assert metrics.recall_at(["x", "b", "y", "a"], GRADES, k=20) == pytest.approx(2 / 3)
    assert metrics.recall_at(["x", "b", "y", "a"], GRADES, k=2) == pytest.approx(1 / 3)
    assert metrics.recall_at([], {}, k=20) is None


def test_mean_skips_undefined_values():
    assert metrics.mean([1.0, None, 0.5]) == pytest.approx(0.75)
    assert metrics.mean([None]) is None


def test_misses_list_relevant_records_not_found_best_first():
    assert metrics.misses(["b"], GRADES, k=20) == ["a", "c"]
    assert metrics.misses(["x", "a"], {"c": 1, "b": 1, "a": 2}, k=1) == ["a", "b", "c"]


def test_unjudged_lists_records_nobody_read():
    assert metrics.unjudged(["a", "new", "b", "x"], read=["a", "b", "x"], k=5) == ["new"]
    assert metrics.unjudged(["a", "new"], read=["a"], k=1) == []

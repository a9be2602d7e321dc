"""Corrections and near spellings: the edit distance both backends check candidates with."""

import pytest

from sonla_kb.search.spelling import edits


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("coffee", "coffee", 0),
        ("cofee", "coffee", 1),  # a letter left out
        ("cofefe", "coffee", 1),  # two letters swapped count once, as in Whoosh
        ("robsuta", "robusta", 1),
        ("abc", "xyz", 3),
        ("", "ab", 2),
    ],
)
def test_edits(a, b, distance):
    assert edits(a, b) == distance

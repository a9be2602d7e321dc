"""The shipped judgment file loads, and its variants are judged like their ordinary forms."""

import unicodedata
from collections import Counter

import pytest

from bench.relevance import judgments
from bench.relevance.judgments import JudgmentError


def test_the_shipped_file_has_every_category_and_150_queries():
    loaded = judgments.load()
    counts = Counter(q.category for q in loaded.queries)
    assert len(loaded.queries) >= 150
    assert set(counts) == set(judgments.CATEGORIES)


def test_a_variant_has_exactly_the_grades_of_its_ordinary_form():
    loaded = judgments.load()
    by_id = loaded.by_id()
    nfd = [q for q in loaded.queries if q.form and "NFD" in q.form]
    assert nfd
    for query in nfd:
        base = by_id[query.variant_of]
        assert query.grades == base.grades
        assert query.q != base.q
        if query.form == "NFD":
            assert unicodedata.normalize("NFC", query.q) == base.q


def _write(tmp_path, text):
    path = tmp_path / "j.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_variant_with_its_own_grades_is_refused(tmp_path):
    path = _write(
        tmp_path,
        '[[query]]\nid = "a"\ncategory = "english"\nq = "x"\ngrades = { r = 3 }\n'
        '[[query]]\nid = "b"\ncategory = "english"\nq = "y"\nvariant_of = "a"\n'
        "grades = { r = 1 }\n",
    )
    with pytest.raises(JudgmentError, match="b: a variant takes its grades"):
        judgments.load(path)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('category = "nope"\nq = "x"\ngrades = { r = 3 }', "unknown category"),
        ('category = "english"\nq = "x"\ngrades = { r = 4 }', "must be 1, 2 or 3"),
        ('category = "english"\nq = "x"\nvariant_of = "zz"', "unknown or circular"),
        ('category = "variants"\nq = "cà phê"\nform = "NFD"\ngrades = { r = 3 }', "NFD"),
    ],
)
def test_a_bad_entry_is_named(tmp_path, entry, message):
    path = _write(tmp_path, f'[[query]]\nid = "a"\n{entry}\n')
    with pytest.raises(JudgmentError, match=message):
        judgments.load(path)


def test_grades_of_a_record_nobody_read_are_refused(tmp_path):
    path = _write(
        tmp_path,
        'records = ["r"]\n[[query]]\nid = "a"\ncategory = "english"\nq = "x"\n'
        "grades = { r = 3, s = 1 }\n",
    )
    with pytest.raises(JudgmentError, match="not listed as read"):
        judgments.load(path)

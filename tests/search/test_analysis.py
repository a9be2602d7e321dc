"""The analysers: accent folding, English stems, Vietnamese left whole."""

import pytest

from sonla_kb.search.analysis import fold, has_accents, written_like
from sonla_kb.search.backends.whoosh.analyzers import (
    EnglishAnalyzer,
    ExactAnalyzer,
    FoldedAnalyzer,
)


def tokens(analyzer, text):
    return [t.text for t in analyzer(text)]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Cà phê", "ca phe"),
        ("địa lý", "dia ly"),
        ("ĐẮK LẮK", "dak lak"),
        ("Sơn La", "son la"),
        ("Thuận Châu", "thuan chau"),
        ("Café Ñandú", "cafe nandu"),
    ],
)
def test_fold_strips_accents_and_case(text, folded):
    assert fold(text) == folded


def test_fold_keeps_offsets():
    text = "Chỉ dẫn địa lý cà phê Sơn La"
    assert len(fold(text)) == len(text)


def test_has_accents():
    assert has_accents("cà phê")
    assert not has_accents("Coffee")


def test_vietnamese_keeps_short_words_and_stop_word_lookalikes():
    assert tokens(FoldedAnalyzer(), "an toàn thực phẩm, y tế") == [
        "an",
        "toan",
        "thuc",
        "pham",
        "y",
        "te",
    ]


def test_english_stems_and_drops_stop_words():
    assert tokens(EnglishAnalyzer(), "The policies of branding") == ["polici", "brand"]
    assert tokens(EnglishAnalyzer(), "policy") == tokens(EnglishAnalyzer(), "policies")


def test_english_folds_accents_too():
    assert tokens(EnglishAnalyzer(), "café") == tokens(EnglishAnalyzer(), "cafe")


def test_exact_keeps_accents():
    assert tokens(ExactAnalyzer(), "Cà Phê Son La") == ["cà", "phê"]


@pytest.mark.parametrize(
    ("found", "typed", "shown"),
    [
        ("lí", "lýy", "lý"),
        ("lí", "lii", "lí"),
        ("kĩ", "Kỹy", "Kỹ"),
        ("khẩu", "KHẨUU", "KHẨU"),
        ("khẩu", "Khẩuu", "Khẩu"),
        ("tin", "tyn", "tin"),  # not a syllable of i/y alone: left as it is
    ],
)
def test_a_correction_is_written_as_the_user_writes(found, typed, shown):
    assert written_like(found, typed=typed) == shown

"""Corrections: Vietnamese syllable by syllable, with the index's own accents, and bounded."""

import pytest

from tests.factories import PolicyFactory

from .conftest import find, keys, not_yet_on_postgres

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(live):
    def make():
        PolicyFactory(key="export", language="vi", title="Xuất khẩu cà phê", summary="", body="")
        PolicyFactory(key="khau", language="vi", title="Khâu chế biến", summary="", body="")
        PolicyFactory(key="coop", language="vi", title="Hợp tác xã và nông dân", summary="")
        PolicyFactory(key="thin", title="Thin layers of mulch", summary="", body="")

    live(make)


@not_yet_on_postgres
def test_a_misspelled_vietnamese_word_is_corrected_with_its_accents(corpus):
    answer = find("xuất khẩuu")
    assert answer["corrected_from"] == "xuất khẩuu"
    assert answer["query"] == "xuất khẩu"  # not "xuất khâu", not "xuat khau"
    assert keys(answer)[0] == "export"


@not_yet_on_postgres
def test_a_short_syllable_is_corrected_too(corpus):
    answer = find("hợp tác xãa")
    assert answer["query"] == "hợp tác xã" and keys(answer) == ["coop"]


def test_a_word_typed_without_accents_stays_without_them(corpus):
    assert find("xuat khauu", correct=0)["suggestion"] == "xuat khau"


@not_yet_on_postgres
def test_a_vietnamese_query_is_never_offered_a_stop_word_or_an_english_word(corpus):
    # "vàa" is one letter from "và", "thìnn" one from the English "thin": neither is offered.
    for typed in ("nông dân vàa", "cà phê thìnn"):
        suggestion = find(typed, correct=0)["suggestion"] or ""
        assert "và" not in suggestion.split() and "thin" not in suggestion.split()


def test_an_english_misspelling_is_still_corrected_from_english_words(corpus):
    assert find("layres", correct=0)["suggestion"] == "layers"


def test_the_correction_runs_within_the_same_time_budget(corpus, settings):
    settings.SEARCH_TIME_BUDGET = 0
    answer = find("xuất khẩuu")
    assert answer["corrected_from"] is None and answer["query"] == "xuất khẩuu"


@not_yet_on_postgres
def test_the_pages_of_a_corrected_answer_follow_each_other(live):
    live(
        lambda: [
            PolicyFactory(key=f"x{i}", language="vi", title=f"Xuất khẩu {i}", summary="", body="")
            for i in range(3)
        ]
    )
    pages = [find("xuất khẩuu", per_page=2, page=n) for n in (1, 2)]
    assert all(p["corrected_from"] == "xuất khẩuu" for p in pages)
    assert len({*keys(pages[0]), *keys(pages[1])}) == 3


@pytest.fixture
def geography(live):
    live(
        lambda: PolicyFactory(
            key="gi", language="vi", title="Chỉ dẫn địa lý cà phê Sơn La", summary="", body=""
        )
    )


@not_yet_on_postgres
def test_a_correction_keeps_the_y_the_user_writes(geography):
    # The index holds one spelling of i/y ('lí'); the user wrote 'lý': so is the correction.
    assert find("địa lýy", correct=0)["suggestion"] == "địa lý"


@not_yet_on_postgres
def test_a_correction_keeps_the_capitals_the_user_typed(geography):
    assert find("Sơnn La", correct=0)["suggestion"] == "Sơn La"
    assert find("ĐỊA LÝY", correct=0)["suggestion"] == "ĐỊA LÝ"

"""Every way Vietnamese is typed finds the same records; words rank above loose syllables."""

import datetime as dt
import unicodedata

import pytest
from django.urls import reverse

from sonla_kb import search
from sonla_kb.templatetags.kb import with_hl
from tests.factories import PolicyFactory

from .conftest import find, keys, set_cap

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def corpus(live):
    def make():
        PolicyFactory(key="gi", language="vi", title="Chỉ dẫn địa lý cà phê Sơn La", body="")
        PolicyFactory(key="hoa", language="vi", title="Hòa nhập thị trường", body="Thủy lợi.")
        PolicyFactory(key="hoa-new", language="vi", title="Hoà giải", body="Uỷ ban tỉnh.")
        PolicyFactory(key="ky", language="vi", title="Kỹ thuật canh tác", body="Quản lý vùng.")
        PolicyFactory(key="brand", language="vi", title="Xây dựng thương hiệu", body="")
        PolicyFactory(
            key="scattered", language="vi", title="Thương mại", body="Nhãn hiệu và sản phẩm."
        )
        PolicyFactory(key="export", language="vi", title="Xuất khẩu cà phê", body="")
        PolicyFactory(key="khau", language="vi", title="Sản xuất", body="Khâu chế biến.")
        PolicyFactory(
            key="ocop",
            title="OCOP products",
            kind="decision",
            issued_on=dt.date(2019, 5, 1),
            body="Replanting support.",
        )
        PolicyFactory(key="plan", title="A plan", kind="plan", issued_on=dt.date(2023, 1, 1))

    live(make)


def test_decomposed_text_finds_what_composed_text_finds(corpus, client):
    assert keys(find(nfd("chỉ dẫn địa lý"))) == keys(find("chỉ dẫn địa lý"))
    assert keys(find(nfd("chỉ dẫn địa lý")))[0] == "gi"
    typed = client.get(reverse("api-suggest"), {"q": nfd("Chỉ dẫn")}).json()["suggestions"]
    assert "Chỉ dẫn địa lý cà phê Sơn La" in typed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("hoà nhập", "hoa"), ("hòa giải", "hoa-new"), ("thuỷ lợi", "hoa"), ("ủy ban", "hoa-new")],
)
def test_old_and_new_tone_placement_are_one_word(corpus, typed, expected):
    answer = find(typed)
    assert keys(answer)[0] == expected
    # ... with the bonus of the exact accents, as the word was typed in the other placement.
    assert answer["results"][0]["score"] >= 100


@pytest.mark.parametrize("typed", ["kĩ thuật", "kỹ thuật", "ki thuat", "KỸ THUẬT"])
def test_i_and_y_spellings_are_one_word(corpus, typed):
    assert keys(find(typed))[0] == "ky"
    assert keys(find("quản lí"))[0] == "ky"


def test_capitals_with_d_bar(corpus):
    assert keys(find("CHỈ DẪN ĐỊA LÝ"))[0] == "gi"
    assert keys(find("ĐỊA")) == ["gi"]


def test_syllables_that_stand_together_rank_above_scattered_ones(corpus):
    assert keys(find("thương hiệu"))[0] == "brand"
    assert keys(find("xuat khau"))[0] == "export"


def test_a_year_range_inside_the_query(corpus):
    found = keys(find("year:2018-2020"))
    assert "ocop" in found and "plan" not in found
    assert keys(find("year:2022-2024")) == ["plan"]


def test_a_space_after_a_field_colon(corpus):
    assert keys(find("title: OCOP")) == keys(find("title:OCOP")) == ["ocop"]


def test_the_kind_of_a_policy(corpus):
    decisions = keys(find("kind:decision"))
    assert "ocop" in decisions and "plan" not in decisions
    assert keys(find("kind:plan")) == ["plan"]


def test_a_query_that_finds_nothing_shows_its_correction(corpus, client):
    answer = find("replantng")
    assert answer["corrected_from"] == "replantng"
    assert answer["query"] == "replanting"
    assert keys(answer) == ["ocop"]
    exact = search.search(search.parse_params({"q": "replantng", "correct": "0"}))
    assert exact["total"] == 0 and exact["corrected_from"] is None
    html = client.get(reverse("search"), {"q": "replantng"}).content.decode()
    assert "replanting" in html and "correct=0" in html


def test_a_feedback_link_keeps_the_query_before_the_fragment():
    assert with_hl("/presentations/p07/#fb-004", "cà phê") == (
        "/presentations/p07/?hl=c%C3%A0%20ph%C3%AA#fb-004"
    )
    assert with_hl("/policies/x/", "") == "/policies/x/"


def test_records_holding_some_of_the_words_follow_those_holding_all(corpus, monkeypatch):
    # Only one record holds every word: those holding some of them follow it.
    found = keys(find("chỉ dẫn địa lý cà phê"))
    assert found[0] == "gi" and "export" in found[1:]
    # No record holds every word: those holding the most of them come first.
    assert keys(find("thương hiệu cà phê xuất khẩu"))[0] == "export"
    # Enough records hold every word (here: one is enough): nothing else is added.
    set_cap(monkeypatch, "RELAX_BELOW", 1)
    assert keys(find("chỉ dẫn địa lý cà phê")) == ["gi"]
    # A query with syntax means exactly what it says.
    set_cap(monkeypatch, "RELAX_BELOW", 10)
    assert keys(find('"chỉ dẫn địa lý" cà phê')) == ["gi"]

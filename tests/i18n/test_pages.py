"""The interface in Vietnamese: Accept-Language, the switcher, themes, numbers and dates."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import IndicatorFactory, PolicyFactory, ThemeFactory

pytestmark = pytest.mark.django_db

VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}


@pytest.fixture
def records():
    ThemeFactory(name="Branding", slug="branding", name_vi="Thương hiệu")
    IndicatorFactory(key="coffee-area-2024", name="Coffee area", value=Decimal("23312"), unit="ha")
    IndicatorFactory(
        key="arabica-share-of-national-area-2024", value=Decimal("47.9"), unit="%", name="Share"
    )
    PolicyFactory(
        key="plan-2019",
        title="Plan for branding",
        kind="plan",
        status="in_force",
        issued_on=dt.date(2019, 6, 20),
        tags=["Branding"],
    )


def test_accept_language_vi_gives_the_vietnamese_interface(client, records):
    html = client.get(reverse("home"), **VI).content.decode()
    assert '<html lang="vi">' in html
    assert "Cơ sở tri thức về chính sách cà phê Sơn La" in html
    assert "Chuyển đến nội dung chính" in html  # the skip link
    assert ">Trang chủ</a>" in html  # the menu
    assert "23.312 ha" in html and "47,9 %" in html
    assert "23,312" not in html


def test_english_is_the_default_and_formats_numbers_the_english_way(client, records):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "23,312 ha" in html and "47.9 %" in html


def test_themes_show_their_vietnamese_names_in_the_vietnamese_interface(client, records):
    vi = client.get(reverse("policy-list"), **VI).content.decode()
    assert ">Thương hiệu</a>" in vi
    assert ">Kế hoạch<" in vi  # the kind, a model choice
    assert "Còn hiệu lực" in vi  # the status
    assert "20 tháng 6 năm 2019" in vi  # the date, as Vietnamese writes it
    en = client.get(reverse("policy-list")).content.decode()
    assert ">Branding</a>" in en and "June 20, 2019" in en
    theme = client.get(reverse("theme-detail", args=["branding"]), **VI).content.decode()
    assert '<h1 lang="vi">Thương hiệu</h1>' in theme


def test_the_theme_filter_lists_vietnamese_names(client, records):
    html = client.get(reverse("policy-list"), {"theme": "branding"}, **VI).content.decode()
    assert '<option value="branding" selected>Thương hiệu</option>' in html
    assert "Chủ đề: Thương hiệu" in html  # the active filter chip


def test_language_switcher_posts_to_set_language_with_csrf(client, records):
    html = client.get(reverse("policy-list") + "?year=2019").content.decode()
    form = re.search(
        r'<form class="lang-switch" action="([^"]+)" method="post">(.*?)</form>', html, re.S
    )
    assert form and form.group(1) == "/i18n/setlang/"
    assert 'name="csrfmiddlewaretoken"' in form.group(2)
    assert '<input type="hidden" name="next" value="/policies/?year=2019">' in form.group(2)
    assert 'name="language" value="vi" lang="vi"' in form.group(2)
    assert 'value="en" lang="en" aria-current="true"' in form.group(2)


def test_switching_language_keeps_the_page_and_sticks(client, records):
    response = client.post(reverse("set_language"), {"language": "vi", "next": "/policies/"})
    assert response.status_code == 302 and response["Location"] == "/policies/"
    html = client.get("/policies/").content.decode()
    assert '<html lang="vi">' in html and "Các chính sách từ năm 2017" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()


def test_search_page_translates_types_themes_and_dates(client, settings, tmp_path):
    from sonla_kb import search
    from sonla_kb.search.backends.whoosh import searcher

    ThemeFactory(name="Branding", slug="branding", name_vi="Thương hiệu")
    PolicyFactory(title="Coffee branding plan", issued_on=dt.date(2019, 6, 20), tags=["Branding"])
    searcher.forget()
    search.rebuild()
    try:
        html = client.get(reverse("search"), {"q": "branding"}, **VI).content.decode()
    finally:
        searcher.forget()
    assert '<span class="type type--policy">Chính sách</span>' in html
    assert '<span class="chip chip--static">Thương hiệu</span>' in html
    assert "20 tháng 6 năm 2019" in html
    assert ">Thương hiệu</a>" in html  # the theme facet


def test_search_errors_are_translated(client):
    response = client.get(reverse("api-search"), {"year": "soon"}, **VI)
    assert response.status_code == 400
    assert response.json()["error"].startswith("year: hãy nhập một năm")

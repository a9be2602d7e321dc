"""The about, data and API pages in both languages, and the footer that links them."""

import pytest
from django.urls import reverse

from tests.factories import PolicyFactory
from tests.i18n.test_content_language import unmarked_english

pytestmark = pytest.mark.django_db

VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}
HEADINGS = {
    "about": ("About the knowledge base", "Giới thiệu cơ sở tri thức"),
    "data": ("Open data", "Dữ liệu mở"),
    "api": ("The API", "Giao diện lập trình (API)"),
}


@pytest.mark.parametrize("name", HEADINGS)
def test_each_page_reads_in_english_and_in_vietnamese(client, name):
    PolicyFactory(key="pol-a")
    english, vietnamese = HEADINGS[name]

    en = client.get(reverse(name)).content.decode()
    vi = client.get(reverse(name), **VI).content.decode()

    assert f"<h1>{english}</h1>" in en
    assert f"<h1>{vietnamese}</h1>" in vi
    assert unmarked_english(vi) == []


def test_the_footer_links_the_pages_and_names_the_licence(client, settings):
    settings.DATA_LICENCE = "CC BY 4.0"
    html = client.get(reverse("home")).content.decode()
    for name in ("about", "data", "api"):
        assert f'href="{reverse(name)}"' in html
    assert 'rel="license">CC BY 4.0</a>' in html


def test_the_about_page_says_when_it_was_last_updated_and_whom_to_ask(client, settings):
    settings.CONTACT_EMAIL = "kb@example.org"
    PolicyFactory(key="pol-a")

    html = client.get(reverse("about")).content.decode()

    assert 'href="mailto:kb@example.org"' in html
    assert '<p class="meta" id="last-updated">' in html and "<time datetime=" in html
    assert "1 policy measure" in html


def test_without_a_contact_the_about_page_says_so(client, settings):
    settings.CONTACT_EMAIL = ""
    html = client.get(reverse("about")).content.decode()
    assert "mailto:" not in html
    assert "No contact address has been set" in html
    assert "nothing has been added yet" in html

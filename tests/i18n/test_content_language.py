"""Shipped content in Vietnamese: English blocks are marked lang="en", facts read in Vietnamese."""

import re
import unicodedata
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.management import call_command

from policies.models import PolicyMeasure
from presentations.models import Presentation
from sonla_kb.themes import Theme

pytestmark = pytest.mark.django_db

VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}
# Words that show a run of text is English prose (Vietnamese never uses them).
ENGLISH_WORDS = frozenset(
    {"the", "and", "of", "to", "in", "for", "is", "are", "on", "with", "by", "an", "from"}
    | {"as", "at", "that", "this", "its", "be", "or", "which"}
)
SKIPPED = frozenset({"script", "style", "pre", "code", "title"})
VOID = frozenset({"br", "img", "input", "link", "meta", "hr", "source", "wbr", "area", "col"})


class _TextWithLanguage(HTMLParser):
    """Every run of text in <body>, with the language its nearest `lang` ancestor declares."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.runs: list[tuple[str, str]] = []

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        tags = [t for t, _ in self.stack]
        if "body" not in tags or SKIPPED & set(tags) or not data.strip():
            return
        lang = next((lang for _, lang in reversed(self.stack) if lang), "")
        self.runs.append((" ".join(data.split()), lang))


def looks_english(text: str) -> bool:
    """Prose with English function words and no Vietnamese letters."""
    if any(not c.isascii() and unicodedata.category(c).startswith("L") for c in text):
        return False
    words = re.findall(r"[a-z]+", text.lower())
    return len(words) >= 3 and sum(w in ENGLISH_WORDS for w in words) >= 2


def unmarked_english(html: str) -> list[str]:
    """The English-looking runs of text that no element marks as lang="en"."""
    parser = _TextWithLanguage()
    parser.feed(html)
    return [text for text, lang in parser.runs if looks_english(text) and lang != "en"]


@pytest.fixture
def dataset(index, django_capture_on_commit_callbacks):
    """The shipped workshop dataset, imported and indexed (so related records show too)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_kb", str(settings.WORKSHOP_DATASET), stdout=None)


def _pages() -> list[str]:
    return [
        "/",
        "/study/",
        *(p.get_absolute_url() for p in PolicyMeasure.objects.all()),
        *(p.get_absolute_url() for p in Presentation.objects.all()),
        "/policies/",
        "/presentations/",
        "/feedback/",
        "/themes/",
        *(t.get_absolute_url() for t in Theme.objects.all()),
    ]


def test_the_helper_tells_english_from_vietnamese():
    assert looks_english("As reported at the workshop; the article gives no year.")
    assert not looks_english("Theo số liệu báo cáo tại hội thảo; bài báo không nêu năm.")
    assert not looks_english("23.312 ha")
    html = '<body><p>The plan of the province</p><p lang="en">The plan of the province</p></body>'
    assert unmarked_english(html) == ["The plan of the province"]


@pytest.mark.slow  # the whole shipped dataset, indexed
def test_no_english_block_on_a_vietnamese_page_lacks_lang_en(client, dataset):
    pages = _pages()
    assert len(pages) == 2 + 18 + 13 + 4 + 13
    problems = {}
    for url in pages:
        response = client.get(url, **VI)
        assert response.status_code == 200, url
        found = unmarked_english(response.content.decode())
        if found:
            problems[url] = found
    assert problems == {}


@pytest.mark.slow  # the whole shipped dataset, indexed
def test_the_home_page_facts_read_in_vietnamese(client, dataset):
    html = client.get("/", **VI).content.decode()
    assert "Hội thảo về chính sách phát triển cà phê tại Sơn La" in html
    assert "Đến cuối năm 2024, Sơn La có 23.312 ha cà phê" in html
    assert "Theo số liệu báo cáo tại hội thảo; bài báo không nêu năm." in html
    assert "Tính đến cuối năm 2024." in html
    assert "As reported at the workshop" not in html
    assert "The workshop brought together" not in html
    # The English page still reads in English.
    english = client.get("/").content.decode()
    assert "As reported at the workshop; the article gives no year." in english


@pytest.mark.slow  # the whole shipped dataset, indexed
def test_a_record_page_shows_the_translation_marked_as_such(client, dataset):
    html = client.get("/policies/pol-2024-credit-support/").content.decode()
    # A Vietnamese record on the English page: the English title first, marked a translation.
    assert (
        '<h1 lang="en">Resolution on interest rate subsidies for loans for coffee replanting'
        in html
    )
    assert "Original title, in Vietnamese:" in html
    assert '<span lang="vi">Nghị quyết về hỗ trợ lãi suất vốn vay tái canh' in html
    vi = client.get("/policies/pol-2024-credit-support/", **VI).content.decode()
    assert '<h1 lang="vi">Nghị quyết về hỗ trợ lãi suất vốn vay tái canh' in vi
    assert "(bản dịch)" in vi
    assert '<dd lang="vi">Hội đồng nhân dân tỉnh Sơn La</dd>' in vi

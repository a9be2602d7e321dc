"""Atom feeds, sitemap.xml, robots.txt, page descriptions and OpenGraph tags."""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.urls import reverse

from presentations.models import Workshop
from sonla_kb.attachments.services import attach_file
from tests.attachments.builders import make_pdf
from tests.factories import (
    FeedbackFactory,
    PolicyFactory,
    PresentationFactory,
    StudyFactory,
    ThemeFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def assert_valid_atom(body: bytes) -> ET.Element:
    """What RFC 4287 requires of a feed and its entries; returns the <feed> element."""
    feed = ET.fromstring(body)  # noqa: S314 - our own output
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{required}")) == 1, required
    assert RFC3339.match(feed.findtext(f"{ATOM}updated"))
    links = feed.findall(f"{ATOM}link")
    assert any(link.get("rel") == "self" for link in links)
    ids = []
    for entry in feed.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{required}")) == 1, required
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        # Without content, an entry needs a summary and an alternate link.
        assert entry.find(f"{ATOM}summary") is not None or entry.find(f"{ATOM}content") is not None
        alternate = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert alternate and alternate[0].get("href").startswith("http")
        # Without a feed-level author, each entry has one.
        if feed.find(f"{ATOM}author") is None:
            author = entry.find(f"{ATOM}author")
            assert author is not None and author.findtext(f"{ATOM}name")
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(set(ids))
    return feed


def test_policy_feed_is_valid_atom_newest_first(client):
    ThemeFactory(name="GAP", slug="gap")
    PolicyFactory(key="old", title="Old & <b>measure</b>", number="1/2017", tags=["GAP"])
    PolicyFactory(key="new", title="New measure", summary="Support <script>x</script> & more")
    response = client.get(reverse("feed-policies"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = assert_valid_atom(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "New measure",
        "Old & <b>measure</b> (1/2017)",
    ]
    assert entries[0].find(f"{ATOM}link").get("href") == "http://testserver/policies/new/"
    # The summary is HTML: the record's own text arrives escaped, never as markup.
    assert (
        entries[0].findtext(f"{ATOM}summary") == "Support &lt;script&gt;x&lt;/script&gt; &amp; more"
    )
    assert [c.get("term") for c in entries[1].findall(f"{ATOM}category")] == ["GAP"]
    assert entries[1].findtext(f"{ATOM}author/{ATOM}name") == "Son La Provincial People's Committee"


def test_presentation_feed_is_valid_atom(client):
    PresentationFactory(key="p01", title="Branding", speaker="Speaker 1")
    PresentationFactory(key="p02", title="GI", speaker="")
    feed = assert_valid_atom(client.get(reverse("feed-presentations")).content)
    assert {e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")} == {"Branding", "GI"}


def test_feedback_feed_has_published_feedback_only(client):
    policy = PolicyFactory(key="res")
    FeedbackFactory(key="fb-public", author="Ms A", text="Public words", policy=policy)
    FeedbackFactory(key="fb-hidden", author="Mr B", text="Hidden words", published=False)
    response = client.get(reverse("feed-feedback"))
    feed = assert_valid_atom(response.content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Ms A: Public words"
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/policies/res/#fb-public"
    assert b"Hidden words" not in response.content


def test_empty_feeds_are_still_valid(client):
    for name in ("feed-policies", "feed-presentations", "feed-feedback"):
        assert_valid_atom(client.get(reverse(name)).content)


def test_feed_titles_follow_the_language(client):
    response = client.get(reverse("feed-policies"), HTTP_ACCEPT_LANGUAGE="vi")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert feed.findtext(f"{ATOM}title") == "Chính sách cà phê Sơn La: chính sách mới"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"


def test_every_page_links_to_the_feeds(client):
    html = client.get(reverse("home")).content.decode()
    for url in ("/feeds/policies/", "/feeds/presentations/", "/feeds/feedback/"):
        assert '<link rel="alternate" type="application/atom+xml" title="' in html
        assert f'href="{url}"' in html


def test_sitemap_lists_the_public_pages_and_records(client):
    ThemeFactory(name="GAP", slug="gap")
    PolicyFactory(key="res", issued_on=dt.date(2019, 1, 1), tags=["GAP"])
    PresentationFactory(key="p01")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = {url.findtext(f"{ns}loc") for url in root.findall(f"{ns}url")}
    for path in (
        "/",
        "/policies/",
        "/presentations/",
        "/feedback/",
        "/themes/",
        "/policies/res/",
        "/presentations/p01/",
        "/themes/gap/",
    ):
        assert f"http://testserver{path}" in locations, path
    assert "http://testserver/study/" not in locations  # no study yet
    assert not any("/admin/" in loc or "/search/" in loc for loc in locations)


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("User-agent: *\n")
    assert "Disallow: /admin/\n" in text and "Disallow: /api/\n" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /\n" not in text


def test_pages_have_a_description_and_opengraph_tags(client):
    PolicyFactory(key="res", title="Resolution on coffee", summary="Supports GAP.\n\nAnd more.")
    html = client.get("/policies/res/").content.decode()
    assert "<title>Resolution on coffee · Son La Coffee Policy Knowledge Base</title>" in html
    assert '<meta name="description" content="Supports GAP. And more.">' in html
    assert '<meta property="og:title" content="Resolution on coffee">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:url" content="http://testserver/policies/res/">' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    assert '<link rel="canonical" href="http://testserver/policies/res/">' in html
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<meta property="og:locale" content="vi_VN">' in home
    assert '<meta property="og:title" content="Cơ sở tri thức về chính sách cà phê Sơn La">' in home
    assert re.search(r'<meta name="description" content="Hội thảo về chính sách', home)


def test_pages_have_breadcrumbs_and_a_print_stylesheet(client):
    PolicyFactory(key="res", title="Resolution on coffee")
    html = client.get("/policies/res/").content.decode()
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<li aria-current="page" lang="en">Resolution on coffee</li>' in html
    for url in ("/policies/", "/presentations/", "/feedback/", "/themes/", "/search/"):
        assert 'class="breadcrumbs"' in client.get(url).content.decode(), url


def _meta(html: str) -> list[tuple[str, str]]:
    """The citation_* meta tags of a page, in order, as (name, content)."""
    return [
        (name, unescape(content))
        for name, content in re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html)
    ]


def test_record_pages_carry_the_tags_zotero_and_google_scholar_read(client):
    ThemeFactory(name="GAP", slug="gap")
    PolicyFactory(
        key="res-15",
        title="Nghị quyết <về> cà phê",
        issuer="Son La Provincial People's Council",
        number="15/2019/NQ-HĐND",
        issued_on=dt.date(2019, 7, 12),
        language="vi",
        tags=["GAP"],
    )
    WorkshopFactory(title="Workshop on coffee", date=None)
    talk = PresentationFactory(key="p01", title="GI", speaker="Nguyễn Văn A")
    attachment = attach_file(record=talk, name="slides.pdf", data=make_pdf(["Chỉ dẫn địa lý"]))
    StudyFactory(key="study", title="Policies", authors="Trần B; Lê C", year=2025)

    policy = _meta(client.get("/policies/res-15/").content.decode())
    assert policy == [
        ("citation_title", "Nghị quyết <về> cà phê"),
        ("citation_author", "Son La Provincial People's Council"),
        ("citation_publication_date", "2019/07/12"),
        ("citation_date", "2019/07/12"),
        ("citation_publisher", "Son La Provincial People's Council"),
        ("citation_technical_report_number", "15/2019/NQ-HĐND"),
        ("citation_language", "vi"),
        ("citation_abstract_html_url", "http://testserver/policies/res-15/"),
        ("citation_keywords", "GAP"),
    ]
    presentation = dict(_meta(client.get("/presentations/p01/").content.decode()))
    assert presentation["citation_author"] == "Nguyễn Văn A"
    assert presentation["citation_conference_title"] == "Workshop on coffee"
    assert "citation_date" not in presentation  # the workshop's date is not known
    assert presentation["citation_pdf_url"] == f"http://testserver{attachment.get_absolute_url()}"
    study = _meta(client.get("/study/").content.decode())
    assert [v for k, v in study if k == "citation_author"] == ["Trần B", "Lê C"]
    assert ("citation_date", "2025") in study
    assert not [k for k, _ in study if k == "citation_publisher"]


def test_feeds_mark_sample_records_and_give_their_own_date(client):
    PolicyFactory(key="real", title="Real plan", issued_on=dt.date(2017, 7, 5), sample=False)
    PolicyFactory(key="made-up", title="Made-up plan", issued_on=dt.date(2020, 1, 2), sample=True)
    feed = assert_valid_atom(client.get(reverse("feed-policies")).content)
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.findall(f"{ATOM}entry")}

    assert set(entries) == {"Real plan", "[Sample] Made-up plan"}
    real = entries["Real plan"]
    assert real.findtext(f"{ATOM}published").startswith("2017-07-05")
    assert real.findtext(f"{ATOM}updated").startswith("2017-07-05")
    sample = entries["[Sample] Made-up plan"]
    assert sample.findtext(f"{ATOM}published").startswith("2020-01-02")
    assert "sample" in [c.get("term") for c in sample.findall(f"{ATOM}category")]
    assert "sample" not in [c.get("term") for c in real.findall(f"{ATOM}category")]


def test_a_presentation_feed_entry_makes_up_no_date_when_the_workshop_has_none(client):
    WorkshopFactory(date=None)
    PresentationFactory(key="p01", title="GI", sample=True)
    feed = assert_valid_atom(client.get(reverse("feed-presentations")).content)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "[Sample] GI"
    assert entry.find(f"{ATOM}published") is None  # no date of its own: none is made up

    Workshop.objects.update(date=dt.date(2025, 6, 20))
    feed = assert_valid_atom(client.get(reverse("feed-presentations")).content)
    assert feed.find(f"{ATOM}entry/{ATOM}published").text.startswith("2025-06-20")

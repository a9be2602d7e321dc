"""Markup typed into any text field shows escaped on every page, in snippets, feeds and exports.

Every text field of every record gets a marker tag, ``<x-FIELD>``. No page may return
it as markup; each must show up escaped somewhere (public pages or the admin); feeds
escape it as XML; exports and the backup keep it as the text it is.
"""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from policies.models import Indicator, PolicyMeasure, Study
from presentations.models import Feedback, Presentation, Workshop
from sonla_kb.attachments.services import attach_file
from tests.attachments.builders import make_pdf
from tests.factories import ThemeFactory

from .conftest import find

pytestmark = pytest.mark.django_db


def m(field: str) -> str:
    """The marker of one field: a tag, an ampersand and a quote."""
    return f'coffee <x-{field}> & "{field}"'


FIELDS = [
    "theme-name",
    "theme-name-vi",
    "theme-description",
    "workshop-title",
    "workshop-venue",
    "workshop-organisers",
    "workshop-summary",
    "study-title",
    "study-authors",
    "study-summary",
    "study-body",
    "presentation-title",
    "presentation-speaker",
    "presentation-organisation",
    "presentation-summary",
    "presentation-body",
    "policy-number",
    "policy-title",
    "policy-issuer",
    "policy-summary",
    "policy-body",
    "feedback-author",
    "feedback-organisation",
    "feedback-text",
    "indicator-name",
    "indicator-unit",
    "indicator-scope",
    "indicator-source",
    "indicator-note",
    "file-title",
    "file-name",
]


@pytest.fixture
def marked(live):
    """One record of each kind, markup in every text field, and an attached file."""

    def make():
        theme = ThemeFactory(
            name=m("theme-name"),
            slug="marked",
            name_vi=m("theme-name-vi"),
            description=m("theme-description"),
        )
        Workshop.objects.create(
            title=m("workshop-title"),
            date=dt.date(2025, 6, 20),
            venue=m("workshop-venue"),
            organisers=m("workshop-organisers"),
            summary=m("workshop-summary"),
        )
        study = Study.objects.create(
            key="study",
            title=m("study-title"),
            authors=m("study-authors"),
            year=2025,
            summary=m("study-summary"),
            body=m("study-body"),
        )
        presentation = Presentation.objects.create(
            key="p01",
            order=1,
            title=m("presentation-title"),
            speaker=m("presentation-speaker"),
            organisation=m("presentation-organisation"),
            summary=m("presentation-summary"),
            body=m("presentation-body"),
        )
        policy = PolicyMeasure.objects.create(
            key="gi",
            number=m("policy-number"),
            title=m("policy-title"),
            kind="decision",
            issuer=m("policy-issuer"),
            issued_on=dt.date(2020, 5, 1),
            status="in_force",
            summary=m("policy-summary"),
            body=m("policy-body"),
            source_url='https://example.org/"><x-policy-source>',
        )
        for record in (study, presentation, policy):
            record.tags.set([theme])
        for about in ({"presentation": presentation}, {"policy": policy}, {}):
            Feedback.objects.create(
                key=f"fb-{len(about) and next(iter(about))}",
                author=m("feedback-author"),
                organisation=m("feedback-organisation"),
                text=m("feedback-text"),
                submitted_on=dt.date(2025, 6, 20),
                **about,
            ).tags.set([theme])
        Indicator.objects.create(
            key="area",
            name=m("indicator-name"),
            value=Decimal("23312"),
            unit=m("indicator-unit"),
            year=2024,
            scope=m("indicator-scope"),
            source=m("indicator-source"),
            note=m("indicator-note"),
        )
        attach_file(
            record=presentation,
            name="deck <x-file-name>.pdf",
            data=make_pdf(["Coffee slides"]),
            title=m("file-title"),
        )

    live(make)


PUBLIC_PAGES = [
    "/",
    "/policies/",
    "/policies/gi/",
    "/presentations/",
    "/presentations/p01/",
    "/study/",
    "/feedback/",
    "/themes/",
    "/themes/marked/",
    "/search/?q=coffee",
    "/search/?q=coffee&type=feedback",
    "/search/?q=x-policy-body",
    "/search/?q=%3Cx-query%3E",
]
ADMIN_PAGES = [
    "/admin/sonla_kb/theme/",
    "/admin/policies/policymeasure/",
    "/admin/policies/policymeasure/{policy}/change/",
    "/admin/policies/policymeasure/{policy}/history/",
    "/admin/policies/study/{study}/change/",
    "/admin/policies/indicator/{indicator}/change/",
    "/admin/presentations/presentation/{presentation}/change/",
    "/admin/presentations/feedback/",
    "/admin/presentations/workshop/{workshop}/change/",
    "/admin/sonla_kb/theme/{theme}/change/",
]
FEEDS = ["/feeds/policies/", "/feeds/presentations/", "/feeds/feedback/", "/sitemap.xml"]


def _ids() -> dict:
    return {
        "policy": PolicyMeasure.objects.get().pk,
        "study": Study.objects.get().pk,
        "indicator": Indicator.objects.get().pk,
        "presentation": Presentation.objects.get().pk,
        "workshop": Workshop.objects.get().pk,
        "theme": __import__("sonla_kb.themes").themes.Theme.objects.get().pk,
    }


def test_every_field_shows_escaped_and_never_as_markup(client, admin_client, marked):
    shown = b""
    ids = _ids()
    pages = [(client, url) for url in PUBLIC_PAGES]
    pages += [(admin_client, url.format(**ids)) for url in ADMIN_PAGES]
    for who, url in pages:
        response = who.get(url)
        assert response.status_code == 200, url
        html = response.content
        assert b"<x-" not in html, f"{url} returns markup from a field"
        shown += html
    missing = [f for f in FIELDS if f"&lt;x-{f}&gt;".encode() not in shown]
    assert missing == []


def test_search_snippets_and_suggestions_escape_markup(client, marked):
    answer = client.get("/api/search/", {"q": "coffee", "per_page": 50}).json()
    assert answer["total"] >= 5
    for result in answer["results"]:
        assert "<x-" not in result["snippet"]
        assert "<mark>" in result["snippet"]
    snippets = " ".join(r["snippet"] for r in answer["results"])
    assert "&lt;x-policy-body&gt;" in snippets or "&lt;x-policy-summary&gt;" in snippets
    # JSON carries titles as data; the search box inserts them as text (static/js).
    assert m("policy-title") in [r["title"] for r in find("coffee", per_page=50)["results"]]
    assert client.get("/api/suggest/", {"q": "coffee"}).status_code == 200


def test_feeds_escape_markup(client, marked):
    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<x-" not in response.content, url


def _strings(value) -> set[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return {value}
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return set().union(*(_strings(v) for v in items))


def test_exports_keep_markup_as_text(client, marked, tmp_path):
    response = client.get("/policies/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    (row,) = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert m("policy-title") in row.values()

    response = client.get("/policies/export.json")
    assert response.status_code == 200
    assert m("policy-title") in _strings(json.loads(response.content))
    assert response["X-Content-Type-Options"] == "nosniff"

    for url in ("/policies/gi/cite.bib", "/policies/gi/cite.ris", "/presentations/p01/cite.ris"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response["Content-Type"].startswith("text/html"), url

    call_command("export_kb", str(tmp_path / "backup.json"))
    backup = json.loads((tmp_path / "backup.json").read_text())
    assert backup["policies"][0]["title"] == m("policy-title")
    assert backup["themes"][0]["name"] == m("theme-name")
    assert {f["text"] for f in backup["feedback"]} == {m("feedback-text")}

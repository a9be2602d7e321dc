"""The home page, the theme pages and the base layout."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands
from django.urls import reverse

from tests.factories import (
    FeedbackFactory,
    IndicatorFactory,
    PolicyFactory,
    PresentationFactory,
    StudyFactory,
    ThemeFactory,
    WorkshopFactory,
)
from tests.sonla_kb.querycount import queries_for

pytestmark = pytest.mark.django_db

SAMPLE_TEXT = "Sample content written for demonstration, not an official document"


@pytest.fixture
def workshop_figures():
    IndicatorFactory(key="coffee-area-2024", name="Coffee area", value=Decimal("23312"), unit="ha")
    IndicatorFactory(
        key="export-value",
        name="Export value",
        value=Decimal("88.77"),
        unit="million USD",
        note="Nearly half of the province's export value",
    )
    IndicatorFactory(
        key="arabica-share",
        name="Share of Vietnam's Arabica area",
        value=Decimal("47.9"),
        unit="%",
        scope="Vietnam",
    )


def test_home_shows_the_workshop_figures_policies_and_themes(client, workshop_figures):
    WorkshopFactory(
        title="Workshop on coffee <policy>",
        date=dt.date(2025, 6, 20),
        venue="Son La city",
        summary="First paragraph.\n\nSecond paragraph.",
    )
    for day in range(1, 8):
        PolicyFactory(title=f"Policy of day {day}", issued_on=dt.date(2020, 1, day), sample=True)
    ThemeFactory(name="GAP", slug="gap", name_vi="Thực hành nông nghiệp tốt")
    PolicyFactory(title="Themed", issued_on=dt.date(2017, 1, 1), tags=["GAP"])
    FeedbackFactory(tags=["GAP"])
    FeedbackFactory(tags=["GAP"], published=False)

    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Workshop on coffee &lt;policy&gt;" in html
    assert "Son La city" in html and "June 20, 2025" in html
    assert "<p>First paragraph.</p>\n<p>Second paragraph.</p>" in html
    assert '<p class="figure__value">23,312 ha</p>' in html
    assert '<p class="figure__value">USD 88.77 million</p>' in html
    assert '<p class="figure__value">47.9 %</p>' in html
    # Every figure names its source, and says when the source does not give its date.
    assert html.count('<p class="figure__source">Source: ') == 3
    assert '<span lang="en">Son La coffee policy workshop</span>, date not known' in html
    assert "Nearly half of the province&#x27;s export value" in html
    assert [p.title for p in response.context["latest_policies"]] == [
        f"Policy of day {day}" for day in (7, 6, 5, 4, 3)
    ]
    assert html.count('class="badge badge--sample"') == 5
    assert SAMPLE_TEXT in html
    gap = next(t for t in response.context["themes"] if t.slug == "gap")
    assert gap.record_count == 2  # the policy and the published feedback, not the hidden one
    assert "Thực hành nông nghiệp tốt" in html


def test_home_without_any_data_still_renders(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "have not been loaded yet" in response.content.decode()


def test_home_shows_the_shipped_dataset_figures(client):
    dataset = settings.WORKSHOP_DATASET
    if "import_kb" not in get_commands() or not dataset.exists():
        pytest.skip("the import_kb command or the workshop dataset is not there yet")
    call_command("import_kb", str(dataset))
    html = client.get(reverse("home")).content.decode()
    assert '<p class="figure__value">23,312 ha</p>' in html
    assert '<p class="figure__value">USD 88.77 million</p>' in html
    assert "Sample content written for demonstration" in html  # the sample policies
    # Every figure links its source; the article's contradictory figures carry the note.
    figures = html.count('<li class="figure">')
    assert figures >= 22
    assert html.count('<p class="figure__source">Source: <a href="http') == figures
    assert "does not explain why the export figure is the larger" in html
    assert "The export figure is the larger; the source does not explain why" in html
    assert 'class="chart__source"' in html
    # The workshop's article is linked, its date said not to be known.
    assert "Date not known: no source found gives it" in html
    assert "Real records, from named public sources: 5" in html


def test_base_layout_is_accessible_and_has_no_inline_code(client):
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "Son La Coffee Policy Knowledge Base" in html
    assert (
        '<form class="site-search" action="/search/" method="get" role="search"'
        ' aria-label="Search the whole site">'
    ) in html
    assert '<label for="site-search-q">' in html and 'name="q"' in html
    for label, url in [
        ("Home", "/"),
        ("Policies", "/policies/"),
        ("Presentations", "/presentations/"),
        ("Study", "/study/"),
        ("Feedback", "/feedback/"),
        ("Themes", "/themes/"),
        ("Search", "/search/"),
    ]:
        assert f'href="{url}"' in html and f">{label}</a>" in html
    assert '<a href="/" aria-current="page">Home</a>' in html
    assert "/static/css/site.css" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script
    assert "<style" not in html
    assert 'style="' not in html
    assert "are not official documents" in html  # the footer explains the label


def test_theme_list_counts_published_records_only(client):
    ThemeFactory(name="Branding", slug="branding", name_vi="Thương hiệu")
    PresentationFactory(tags=["Branding"])
    StudyFactory(tags=["Branding"])
    FeedbackFactory(tags=["Branding"], published=False)
    response = client.get(reverse("theme-list"))
    assert response.status_code == 200
    (branding,) = [t for t in response.context["themes"] if t.slug == "branding"]
    assert branding.record_count == 2
    html = response.content.decode()
    assert "Thương hiệu" in html and "2 records" in html


def test_theme_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    url = reverse("theme-list")
    ThemeFactory.create_batch(2)
    FeedbackFactory(tags=["Theme A"], published=False)
    two_rows = queries_for(client, url)
    ThemeFactory.create_batch(10)
    with django_assert_num_queries(two_rows):
        client.get(url)


def test_theme_detail_shows_everything_under_the_theme(client):
    ThemeFactory(
        name="Planting area codes",
        slug="planting-area-codes",
        name_vi="Mã số vùng trồng",
        description="Codes that <trace> where coffee was grown.",
    )
    PolicyFactory(title="Codes decision", tags=["Planting area codes"], sample=True)
    PolicyFactory(title="Unrelated decision", tags=["Other"])
    PresentationFactory(title="Codes talk", tags=["Planting area codes"])
    StudyFactory(title="The study on codes", tags=["Planting area codes"])
    FeedbackFactory(text="Codes should reach small farms.", tags=["Planting area codes"])
    FeedbackFactory(text="Secret codes remark.", tags=["Planting area codes"], published=False)

    response = client.get(reverse("theme-detail", kwargs={"slug": "planting-area-codes"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Planting area codes</h1>" in html
    assert "Mã số vùng trồng" in html
    assert "Codes that &lt;trace&gt; where coffee was grown." in html
    assert "Codes decision" in html and "Unrelated decision" not in html
    assert "Codes talk" in html
    assert "The study on codes" in html
    assert "Codes should reach small farms." in html
    assert "Secret codes remark." not in html
    assert SAMPLE_TEXT in html


def test_theme_detail_unknown_slug_is_404(client):
    assert client.get(reverse("theme-detail", kwargs={"slug": "nothing"})).status_code == 404


def test_home_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    url = reverse("home")
    WorkshopFactory()
    IndicatorFactory.create_batch(2)
    PolicyFactory.create_batch(2, tags=["GAP"])
    two_rows = queries_for(client, url)
    IndicatorFactory.create_batch(10)
    PolicyFactory.create_batch(10, tags=["GAP", "Markets"])
    ThemeFactory.create_batch(10)
    with django_assert_num_queries(two_rows):
        client.get(url)


def test_theme_detail_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    ThemeFactory(name="GAP", slug="gap")
    url = reverse("theme-detail", kwargs={"slug": "gap"})

    def add_records(n):
        for _ in range(n):
            PolicyFactory(tags=["GAP", "Markets"])
            PresentationFactory(tags=["GAP"])
            FeedbackFactory(policy=PolicyFactory(), tags=["GAP"])

    add_records(2)
    two_rows = queries_for(client, url)
    add_records(10)
    with django_assert_num_queries(two_rows):
        client.get(url)


def test_not_found_page_uses_the_site_layout(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'role="search"' in html


def test_server_error_page_renders_without_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html

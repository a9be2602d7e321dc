"""/search/, /api/search/ and /api/suggest/: the same answer, bad input refused politely."""

import pytest

from tests.factories import PolicyFactory

from .test_params import BAD

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(live):
    def make():
        PolicyFactory(key="gi", title="Geographical indications for coffee", tags=["GAP"])
        PolicyFactory(key="oc", title="OCOP coffee products <b>bold</b>", tags=["OCOP"])

    live(make)


def test_api_answers_as_search_api_says(client, records):
    data = client.get("/api/search/", {"q": "coffee"}).json()
    assert set(data) == {
        "query",
        "notice",
        "total",
        "page",
        "pages",
        "per_page",
        "results",
        "facets",
        "suggestion",
        "corrected_from",
        "expanded",
    }
    assert data["total"] == 2
    assert set(data["facets"]) == {"type", "tag", "year"}


@pytest.mark.parametrize(("params", "param"), BAD)
def test_api_bad_parameter_is_a_400_naming_it(client, index, params, param):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{param}:")


@pytest.mark.parametrize(("params", "param"), BAD)
def test_page_bad_parameter_shows_the_message(client, index, params, param):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert f"{param}:" in response.content.decode()


def test_page_beyond_the_last_is_a_400(client, records):
    response = client.get("/api/search/", {"q": "coffee", "page": "3"})
    assert response.status_code == 400
    assert "page" in response.json()["error"]


def test_page_shows_results_facets_and_removable_filters(client, records):
    html = client.get("/search/", {"q": "coffee", "tag": "GAP"}).content.decode()
    assert "Geographical indications for coffee" in html
    assert "<mark>coffee</mark>" in html or "<mark>" not in html
    assert "Filtered by:" in html
    assert "remove this filter" in html
    assert 'href="?q=coffee&amp;tag=GAP&amp;type=policy"' in html  # a facet link


def test_page_escapes_titles(client, records):
    html = client.get("/search/", {"q": "ocop"}).content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html


def test_page_shows_the_suggestion_as_a_link(client, records):
    html = client.get("/search/", {"q": "geograpical", "correct": "0"}).content.decode()
    assert 'href="?q=geographical"' in html
    shown = client.get("/search/", {"q": "geograpical"}).content.decode()
    assert "<strong>geographical</strong>" in shown
    assert 'href="?q=geograpical&amp;correct=0"' in shown


def test_page_works_for_an_empty_query(client, records):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "2 results" in response.content.decode()


def test_suggest_completes_titles_and_themes(client, records):
    assert client.get("/api/suggest/", {"q": "geo"}).json() == {
        "suggestions": ["Geographical indications for coffee"]
    }
    assert "OCOP" in client.get("/api/suggest/", {"q": "oc"}).json()["suggestions"]
    assert client.get("/api/suggest/", {"q": ""}).json() == {"suggestions": []}
    assert client.get("/api/suggest/", {"q": "x" * 5000}).status_code == 200


@pytest.mark.parametrize(
    "q", ["\x00", "' OR 1=1 --", "<script>", "title:", "*", "~", '"', "((((", "NOT NOT", "é" * 500]
)
def test_odd_queries_never_fail(client, records, q):
    assert client.get("/api/search/", {"q": q}).status_code == 200
    assert client.get("/search/", {"q": q}).status_code == 200
    assert client.get("/api/suggest/", {"q": q}).status_code == 200


def _form(html: str) -> str:
    """The page's own search form (not the header's)."""
    return html.split('class="search-form"', 1)[1].split("</form>", 1)[0]


def test_page_offers_sort_and_language_choices_keeping_the_filters(client, records):
    form = _form(
        client.get("/search/", {"q": "coffee", "tag": "GAP", "sort": "oldest"}).content.decode()
    )
    assert '<select id="search-sort" name="sort">' in form
    assert '<option value="oldest" selected>Oldest first</option>' in form
    assert '<option value="relevance">Relevance</option>' in form
    assert '<option value="" selected>Any language</option>' in form
    assert '<input type="hidden" name="tag" value="GAP">' in form
    # The choices are the selects, not hidden copies that would send sort twice.
    assert 'type="hidden" name="sort"' not in form


def test_page_sort_defaults_follow_the_engine(client, records):
    with_q = _form(client.get("/search/", {"q": "coffee"}).content.decode())
    assert '<option value="relevance" selected>' in with_q
    without_q = _form(client.get("/search/").content.decode())
    assert '<option value="newest" selected>' in without_q


def test_page_language_choice_limits_the_results(client, live):
    live(
        lambda: (
            PolicyFactory(key="en1", title="Coffee roadmap", language="en"),
            PolicyFactory(key="vi1", title="Lộ trình cà phê", language="vi"),
        )
    )
    html = client.get("/search/", {"lang": "vi", "sort": "newest"}).content.decode()
    assert "Lộ trình cà phê" in html
    assert "Coffee roadmap" not in html
    assert '<option value="vi" selected>Vietnamese</option>' in _form(html)


def test_page_controls_are_in_vietnamese(client, records):
    form = _form(
        client.get("/search/", {"q": "coffee"}, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    )
    assert "Mới nhất trước" in form
    assert "Mọi ngôn ngữ" in form


def test_the_two_search_forms_have_distinct_names(client, records):
    html = client.get("/search/", {"q": "coffee"}).content.decode()
    labels = [part.split('"', 1)[0] for part in html.split('role="search" aria-label="')[1:]]
    assert len(labels) == 2 and labels[0] != labels[1]


def test_a_translated_title_is_shown_marked_and_finds_its_record(client, live):
    live(
        PolicyFactory,
        key="tc",
        language="vi",
        title="Kế hoạch tái canh cà phê",
        title_translated="Coffee replanting plan",
    )
    data = client.get("/api/search/", {"q": "replanting plan", "expand": "0"}).json()
    assert [(r["key"], r["title_translated"]) for r in data["results"]] == [
        ("tc", "Coffee replanting plan")
    ]
    html = client.get("/search/", {"q": "replanting plan"}).content.decode()
    shown = html.split('class="result__translation"')[1].split("</p>")[0]
    assert "Translation" in shown and '<span lang="en">Coffee replanting plan</span>' in shown
    in_vietnamese = client.get("/api/search/", {"q": "Kế hoạch"}).json()["results"]
    assert in_vietnamese[0]["title_translated"] == "Coffee replanting plan"

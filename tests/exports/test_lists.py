"""The policy list and search results as CSV and JSON: the page's filters, all pages, parsed."""

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from sonla_kb import search
from sonla_kb.exports import records as export_records
from sonla_kb.search.backends.whoosh import searcher
from tests.factories import FeedbackFactory, PolicyFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict]:
    text = response.getvalue().decode("utf-8-sig")  # a BOM, so spreadsheets read UTF-8
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def policies():
    ThemeFactory(name="GAP", slug="gap")
    ThemeFactory(name="Branding", slug="branding")
    made = [
        PolicyFactory(
            key=f"policy-{n:02d}",
            title=f"Policy {n:02d}",
            issued_on=dt.date(2019 if n % 2 else 2021, 1, n % 28 + 1),
            tags=["GAP", "Branding"] if n % 3 == 0 else ["GAP"],
        )
        for n in range(1, 26)  # more than one page of the list (20)
    ]
    PolicyFactory(
        key="cà-phê".encode("ascii", "ignore").decode() or "viet",
        title='=HYPERLINK("http://evil")',
        number="+84-1",
        issuer="@issuer",
        summary="Nghị quyết về cà phê, dấu tiếng Việt",
        issued_on=dt.date(2019, 12, 31),
        language="vi",
    )
    return made


def test_policy_csv_has_every_matching_policy_on_every_page(client, policies):
    response = client.get(reverse("policy-list-export", args=["csv"]), {"year": "2019", "page": 2})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="policies-')
    rows = read_csv(response)
    expected = sorted(
        [p for p in policies if p.issued_on.year == 2019], key=lambda p: p.issued_on, reverse=True
    )
    assert len(rows) == len(expected) + 1  # the page number is ignored: every page
    by_key = {row["key"]: row for row in rows}
    for policy in expected:
        row = by_key[policy.key]
        assert row["title"] == policy.title
        assert row["issued_on"] == policy.issued_on.isoformat()
        assert row["kind"] == policy.kind and row["status"] == policy.status
        assert row["themes"].split("; ") == sorted(t.name for t in policy.tags.all())
        assert row["url"] == f"http://testserver/policies/{policy.key}/"
        assert row["sample"] == "false"


def test_policy_csv_defuses_formulas_and_keeps_vietnamese(client, policies):
    rows = read_csv(client.get(reverse("policy-list-export", args=["csv"])))
    (row,) = [r for r in rows if r["language"] == "vi"]
    assert row["title"] == '\'=HYPERLINK("http://evil")'
    assert row["number"] == "'+84-1"
    assert row["issuer"] == "'@issuer"
    assert row["summary"] == "Nghị quyết về cà phê, dấu tiếng Việt"


def test_policy_json_parses_back_to_the_records_with_the_filters(client, policies):
    response = client.get(
        reverse("policy-list-export", args=["json"]), {"theme": "branding", "sort": "title"}
    )
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["filters"] == {"theme": "branding", "sort": "title"}
    expected = sorted(
        (p for p in policies if "Branding" in {t.name for t in p.tags.all()}),
        key=lambda p: p.title,
    )
    assert data["total"] == len(expected)
    assert [p["key"] for p in data["policies"]] == [p.key for p in expected]
    first = data["policies"][0]
    assert first["themes"] == ["Branding", "GAP"]
    assert first["issued_on"] == expected[0].issued_on.isoformat()
    assert first["sample"] is False


def test_csv_and_json_exports_agree(client, policies):
    rows = read_csv(client.get(reverse("policy-list-export", args=["csv"]), {"year": "2021"}))
    data = json.loads(
        client.get(reverse("policy-list-export", args=["json"]), {"year": "2021"}).content
    )
    assert [r["key"] for r in rows] == [p["key"] for p in data["policies"]]
    for row, record in zip(rows, data["policies"], strict=True):
        assert row["title"] == record["title"]
        assert row["themes"] == "; ".join(record["themes"])


def test_policy_export_rejects_bad_filters(client, policies):
    response = client.get(reverse("policy-list-export", args=["json"]), {"year": "soon"})
    assert response.status_code == 400
    assert "year" in json.loads(response.content)["error"].lower()
    assert client.get(reverse("policy-list-export", args=["csv"]), {"kind": "x"}).status_code == 400
    assert client.get("/policies/export.xml").status_code == 404


def test_policy_list_links_to_its_exports_with_the_current_filters(client, policies):
    html = client.get(reverse("policy-list"), {"year": "2019", "page": "1"}).content.decode()
    assert 'href="/policies/export.csv?year=2019"' in html
    assert 'href="/policies/export.json?year=2019"' in html


@pytest.fixture
def indexed(policies, settings, tmp_path):
    FeedbackFactory(key="fb-hidden", text="GAP hidden feedback", published=False)
    searcher.forget()
    search.rebuild()
    yield
    searcher.forget()


def test_search_exports_every_result_with_the_same_parameters(client, indexed, monkeypatch):
    params = {"q": "policy", "year": "2019", "type": "policy", "page": "3", "per_page": "2"}
    api = client.get(reverse("api-search"), {**params, "page": 1, "per_page": 100}).json()
    rows = read_csv(client.get(reverse("search-export", args=["csv"]), params))
    data = json.loads(client.get(reverse("search-export", args=["json"]), params).getvalue())
    expected = [r["key"] for r in api["results"]]
    assert len(expected) == 13
    assert [r["key"] for r in rows] == expected
    assert [r["key"] for r in data["results"]] == expected
    assert data["total"] == data["exported"] == 13 and data["truncated"] is False
    first = data["results"][0]
    assert first["url"].startswith("http://testserver/policies/")
    assert "<mark>" not in first["snippet"]
    assert rows[0]["tags"] == "; ".join(first["tags"])


def test_search_export_is_capped(client, indexed, monkeypatch):
    monkeypatch.setattr(export_records, "SEARCH_EXPORT_LIMIT", 7)
    monkeypatch.setattr("sonla_kb.exports.views.SEARCH_EXPORT_LIMIT", 7)
    data = json.loads(client.get(reverse("search-export", args=["json"]), {"q": "gap"}).getvalue())
    assert data["exported"] == 7 and data["truncated"] is True and data["total"] > 7
    assert "7" in data["note"]
    response = client.get(reverse("search-export", args=["csv"]), {"q": "gap"})
    assert len(read_csv(response)) == 7
    assert response["X-Export-Truncated"] == "7"


def test_search_export_never_includes_unpublished_feedback(client, indexed):
    data = json.loads(
        client.get(reverse("search-export", args=["json"]), {"q": "hidden"}).getvalue()
    )
    assert data["results"] == []


def test_search_export_rejects_what_the_api_rejects(client, indexed):
    response = client.get(reverse("search-export", args=["json"]), {"sort": "best"})
    assert response.status_code == 400
    assert json.loads(response.getvalue())["error"].startswith("sort:")
    assert client.get(reverse("search-export", args=["csv"]), {"lang": "fr"}).status_code == 400


def test_search_page_links_to_its_exports(client, indexed):
    html = client.get(reverse("search"), {"q": "gap", "type": "policy", "page": "1"}).content
    assert b'href="/search/export.csv?q=gap&amp;type=policy"' in html
    assert b'href="/search/export.json?q=gap&amp;type=policy"' in html

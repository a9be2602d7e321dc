"""One query finds both languages: the glossary carries it over, at a lower weight."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PolicyFactory, TermFactory

from .conftest import find, keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(live):
    def make():
        TermFactory(key="pac", english="planting area code", vietnamese="mã số vùng trồng")
        PolicyFactory(
            key="vi-codes", language="vi", title="Cấp mã số vùng trồng cà phê", body="Sơn La."
        )
        PolicyFactory(key="en-codes", title="Planting area codes for coffee", body="Son La.")
        PolicyFactory(key="other", title="Branding", body="Nothing about it.")

    live(make)


def test_an_english_query_finds_the_vietnamese_record_and_says_so(corpus):
    answer = find("planting area code")
    assert keys(answer) == ["en-codes", "vi-codes"]  # the words typed rank first
    assert answer["expanded"] == ["mã số vùng trồng"]


def test_a_vietnamese_query_finds_the_english_record(corpus):
    answer = find("mã số vùng trồng")
    assert keys(answer) == ["vi-codes", "en-codes"]
    assert answer["expanded"] == ["planting area code"]


def test_expansion_works_without_accents_and_in_other_forms(corpus):
    assert set(keys(find("ma so vung trong"))) == {"vi-codes", "en-codes"}
    assert set(keys(find("planting area codes"))) == {"vi-codes", "en-codes"}


def test_expansion_can_be_turned_off(corpus, client):
    answer = find("planting area code", expand=0)
    assert keys(answer) == ["en-codes"] and answer["expanded"] == []
    html = client.get(reverse("search"), {"q": "planting area code"}).content.decode()
    assert "mã số vùng trồng" in html and "expand=0" in html


def test_a_query_with_syntax_is_not_expanded(corpus):
    assert find('"planting area code"')["expanded"] == []


def test_a_glossary_edit_reaches_the_next_search_without_a_rebuild(corpus, live):
    assert find("branding")["expanded"] == []
    live(TermFactory, key="brand", english="branding", vietnamese="thương hiệu")
    assert find("branding")["expanded"] == ["thương hiệu"]


def _glossary_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "glossary_term" in q["sql"]]


def test_the_glossary_version_is_not_read_by_every_search(corpus):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    find("planting area code")
    with CaptureQueriesContext(connection) as queries:
        answer = find("planting area code")
    assert answer["expanded"] == ["mã số vùng trồng"]
    assert _glossary_queries(queries.captured_queries) == []


def test_an_edit_by_another_process_is_seen_once_the_version_is_due(corpus, monkeypatch):
    from sonla_kb.glossary.models import Term
    from sonla_kb.search import glossary

    assert find("planting area code")["expanded"] == ["mã số vùng trồng"]
    # A queryset update sends no signal, as an edit made in another process does not here.
    edited = {"vietnamese": "mã vùng trồng", "updated_at": timezone.now()}
    Term.objects.filter(key="pac").update(**edited)
    assert find("planting area code")["expanded"] == ["mã số vùng trồng"]  # not looked at yet
    later = glossary.time.monotonic() + glossary.CHECK_EVERY + 1
    monkeypatch.setattr(glossary.time, "monotonic", lambda: later)
    assert find("planting area code")["expanded"] == ["mã vùng trồng"]

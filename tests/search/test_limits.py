"""Every search has a bounded cost: capped edits, expansions and ranges, and a time budget."""

import datetime as dt

import pytest
from django.urls import reverse
from whoosh import query as wq

from sonla_kb.search import limits
from sonla_kb.search.backends.whoosh.querying import parse_text
from tests.factories import PolicyFactory

from .conftest import find, keys, set_cap

pytestmark = pytest.mark.django_db


def leaves(q: wq.Query) -> list[wq.Query]:
    return [q] if q.is_leaf() else list(q.leaves())


@pytest.fixture
def corpus(live):
    def make():
        for i, word in enumerate(["coffee", "coffees", "coffer", "cofounder", "cohort", "cold"]):
            PolicyFactory(
                key=f"p-{word}",
                title=f"Policy on {word}",
                body=f"The {word} of Son La, number {i}.",
                issued_on=dt.date(2017 + i, 1, 1),
            )

    live(make)


@pytest.mark.parametrize("typed", ["coffee~8", "abcdefghijklmnopqrstuvwxyz~8", "coffee~3"])
def test_a_near_spelling_never_allows_more_than_two_edits(typed):
    parsed = parse_text(typed)
    fuzzy = [leaf for leaf in leaves(parsed.query) if isinstance(leaf, wq.FuzzyTerm)]
    assert fuzzy and all(leaf.maxdist <= limits.MAX_EDITS for leaf in fuzzy)
    assert "at most 2 edits" in parsed.notice


def test_the_hostile_fuzzy_query_answers_on_a_one_segment_index(corpus, client):
    response = client.get(reverse("api-search"), {"q": "abcdefghijklmnopqrstuvwxyz~8"})
    assert response.status_code == 200
    assert "at most 2 edits" in response.json()["notice"]


def test_a_very_long_word_is_matched_as_typed_not_as_a_near_spelling():
    parsed = parse_text("a" * 40 + "~2")
    assert not any(isinstance(leaf, wq.FuzzyTerm) for leaf in leaves(parsed.query))
    assert "matched as typed" in parsed.notice


@pytest.mark.parametrize("typed", ["{a TO}", "[a TO zzzz]", "title:[a TO c]", "issuer:{m TO}"])
def test_ranges_outside_years_are_refused_with_a_notice(typed):
    parsed = parse_text(typed)
    assert not any(isinstance(leaf, wq.TermRange) for leaf in leaves(parsed.query))
    assert "Ranges work only on years" in parsed.notice


def test_a_year_range_still_works(corpus):
    answer = find("year:[2018 TO 2019] policy")
    assert sorted(keys(answer)) == ["p-coffees", "p-coffer"]
    assert answer["notice"] is None


def test_a_prefix_matching_too_many_words_is_cut_and_says_so(corpus, monkeypatch):
    set_cap(monkeypatch, "MAX_TERMS", 2)
    answer = find("co*")
    assert "'co' matches too many words" in answer["notice"]
    # Only the first two stems in alphabetical order ("coffe", "coffer") were searched.
    assert sorted(keys(answer)) == ["p-coffee", "p-coffees", "p-coffer"]


def test_all_expansions_of_a_query_share_one_cap(corpus, monkeypatch):
    set_cap(monkeypatch, "MAX_QUERY_TERMS", 3)
    answer = find("co* OR cold*")
    assert "matches too many words" in answer["notice"]
    # Three stems (coffe, coffer, cofound) fill the query's room: cold* gets none.
    assert sorted(keys(answer)) == ["p-coffee", "p-coffees", "p-coffer", "p-cofounder"]


def test_only_the_first_expansions_are_expanded(corpus, monkeypatch):
    set_cap(monkeypatch, "MAX_EXPANDING", 2)  # each word: text_en and text_vi
    answer = find("coffe* OR cohor*")
    assert "Only the first 2 prefixes" in answer["notice"]
    assert "p-coffee" in keys(answer) and "p-cohort" not in keys(answer)


def test_a_wildcard_looks_at_a_bounded_part_of_the_lexicon(corpus, monkeypatch):
    set_cap(monkeypatch, "MAX_SCANNED", 5)
    answer = find("*old")
    assert "matches too many words" in answer["notice"]


def test_a_search_past_its_time_budget_answers_with_a_notice(corpus, client, settings):
    settings.SEARCH_TIME_BUDGET = 0.0
    for url in (reverse("api-search"), reverse("search")):
        response = client.get(url, {"q": "co* policy~2"})
        assert response.status_code == 200
    answer = client.get(reverse("api-search"), {"q": "co* policy~2"}).json()
    assert "stopped early" in answer["notice"]


@pytest.mark.parametrize("typed", ["?", "!!!", "?? !", "."])
def test_a_query_of_punctuation_finds_nothing_and_says_why(corpus, typed):
    answer = find(typed)
    assert answer["total"] == 0
    assert "no letters or digits" in answer["notice"]


@pytest.mark.parametrize("typed", ["*", "***", "*:*"])
def test_stars_alone_match_every_record_and_say_so(corpus, typed):
    answer = find(typed)
    assert answer["total"] == 6
    assert "matches every record" in answer["notice"]


def test_exports_are_streamed(corpus, client):
    for fmt in ("csv", "json"):
        response = client.get(reverse("search-export", args=[fmt]), {"q": "*"})
        assert response.status_code == 200
        assert response.streaming
        assert b"p-coffee" in response.getvalue()

"""What researchers get from a search: matching, ranking, filters, facets, pages."""

import datetime as dt

import pytest

from tests.factories import FeedbackFactory, PolicyFactory, PresentationFactory, StudyFactory

from .conftest import find, keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(live):
    def make():
        PolicyFactory(
            key="vi-gi",
            language="vi",
            title="Chỉ dẫn địa lý cà phê Sơn La",
            body="Chính sách về an toàn thực phẩm và y tế.",
            issued_on=dt.date(2022, 3, 1),
            tags=["Geographical indications"],
        )
        PolicyFactory(
            key="plain-vi",
            language="vi",
            title="Ca phe Son La khong dau",
            body="Van ban viet khong dau ve chi dan dia ly.",
            issued_on=dt.date(2018, 3, 1),
        )
        PolicyFactory(
            key="en-policies",
            title="Policies for coffee export",
            body="These policies support planting area codes and branding.",
            issued_on=dt.date(2019, 6, 1),
            tags=["Export", "Branding"],
        )
        PresentationFactory(key="p01", title="High technology zones", tags=["High technology"])
        StudyFactory(key="study", body="The study of GAP certification.", tags=["GAP"])
        FeedbackFactory(key="fb-001", text="Support GAP for small farms.", tags=["GAP"])
        FeedbackFactory(key="fb-002", text="Hidden GAP remark.", published=False, tags=["GAP"])

    live(make)


def test_accents_are_optional(corpus):
    assert set(keys(find("ca phe"))) == {"vi-gi", "plain-vi"}
    assert set(keys(find("dia ly"))) == {"vi-gi", "plain-vi"}
    assert "vi-gi" in keys(find("Son La"))


def test_exact_accents_rank_first(corpus):
    assert keys(find("cà phê"))[0] == "vi-gi"
    assert keys(find("chỉ dẫn địa lý"))[0] == "vi-gi"


def test_vietnamese_short_words_are_found(corpus):
    assert keys(find("an toàn")) == ["vi-gi"]
    assert keys(find("y tế")) == ["vi-gi"]


def test_english_word_forms(corpus):
    assert "en-policies" in keys(find("policy"))


def test_syntax(corpus):
    assert keys(find('"planting area codes"')) == ["en-policies"]
    assert set(keys(find("export OR technology"))) == {"en-policies", "p01"}
    assert "en-policies" not in keys(find("coffee NOT export"))
    assert "p01" in keys(find("techn*"))
    assert "en-policies" in keys(find("polcies~"))
    assert "en-policies" in keys(find("exprt~"))
    assert keys(find("title:technology")) == ["p01"]
    assert set(keys(find("tag:gap"))) == {"study", "fb-001"}
    assert keys(find("type:presentation")) == ["p01"]
    assert keys(find("year:2019")) == ["en-policies"]


def test_unpublished_feedback_is_never_found(corpus):
    assert "fb-002" not in keys(find("hidden"))
    assert "fb-002" not in keys(find(""))
    assert find("", type="feedback")["total"] == 1


def test_filters(corpus):
    assert set(keys(find("", type="policy"))) == {"vi-gi", "plain-vi", "en-policies"}
    assert set(keys(find("", tag="gap"))) == {"study", "fb-001"}
    assert set(keys(find("", tag="Geographical Indications"))) == {"vi-gi"}
    assert find("", tag="no such theme")["total"] == 0
    assert keys(find("", year="2019-2022", type="policy")) == ["vi-gi", "en-policies"]
    assert set(keys(find("", lang="vi"))) == {"vi-gi", "plain-vi"}


def test_facets_count_the_whole_result_set(corpus):
    answer = find("", per_page=1)
    assert answer["total"] == 6
    assert len(answer["results"]) == 1
    assert answer["facets"]["type"] == {"policy": 3, "presentation": 1, "study": 1, "feedback": 1}
    assert answer["facets"]["tag"]["GAP"] == 2
    assert answer["facets"]["year"]["2019"] == 1


def test_facets_follow_the_filters(corpus):
    facets = find("", type="policy")["facets"]
    assert facets["type"] == {"policy": 3}
    assert "GAP" not in facets["tag"]


def test_empty_query_lists_newest_first_and_sorts(corpus):
    policies = {"type": "policy"}
    assert keys(find("", **policies)) == ["vi-gi", "en-policies", "plain-vi"]
    assert keys(find("", sort="oldest", **policies)) == ["plain-vi", "en-policies", "vi-gi"]


def test_undated_records_come_last_in_either_order(corpus):
    undated = {"p01", "study"}  # the workshop has no date; the study has only a year
    assert set(keys(find("", per_page=100))[-2:]) == undated
    assert set(keys(find("", sort="oldest", per_page=100))[-2:]) == undated


def test_pagination(corpus):
    first = find("", per_page=4)
    second = find("", per_page=4, page=2)
    assert (first["pages"], len(first["results"]), len(second["results"])) == (2, 4, 2)
    assert not set(keys(first)) & set(keys(second))


def test_result_fields(corpus):
    result = find("export")["results"][0]
    assert result["url"] == "/policies/en-policies/"
    assert result["tags"] == ["Branding", "Export"]
    assert result["date"] == "2019-06-01"
    assert result["language"] == "en"
    assert isinstance(result["score"], float)


def test_spelling_suggestion(corpus):
    assert find("brandnig", correct=0)["suggestion"] == "branding"
    assert find("branding")["suggestion"] is None
    shown = find("brandnig")  # nothing found: the correction's results are shown instead
    assert shown["corrected_from"] == "brandnig" and shown["query"] == "branding"


def test_html_in_titles_and_bodies_is_escaped_in_snippets(live):
    live(
        PolicyFactory,
        key="xss",
        title="<script>alert(1)</script> coffee",
        body='<img src=x onerror="alert(2)"> coffee & tea',
    )
    result = find("coffee")["results"][0]
    assert "<img" not in result["snippet"]
    assert "&lt;img" in result["snippet"]
    assert "<mark>coffee</mark>" in result["snippet"]
    assert result["title"] == "<script>alert(1)</script> coffee"  # JSON carries text, not HTML


def test_english_stop_words_are_not_required(corpus):
    assert "en-policies" in keys(find("the policies"))
    assert "en-policies" in keys(find("codes and the branding"))


def test_of_records_holding_some_of_the_words_the_rarest_word_ranks_first(live):
    def make():
        PolicyFactory(key="rare", title="Report", summary="", body="Mechanisation of farms.")
        for i in range(4):
            PolicyFactory(
                key=f"common-{i}", title=f"Note {i}", summary="", body="Harvesting, harvesting."
            )

    live(make)
    # No record holds both words: the one holding the word few records hold comes first.
    found = keys(find("mechanisation harvesting"))
    assert found[0] == "rare" and len(found) == 5

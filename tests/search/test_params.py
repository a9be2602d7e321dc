"""Search parameters: good ones read, bad ones named."""

import pytest

from sonla_kb.search import ParamError, parse_params

BAD = [
    ({"q": "x" * 501}, "q"),
    ({"type": "report"}, "type"),
    ({"year": "last year"}, "year"),
    ({"year": "2020-2017"}, "year"),
    ({"year": "20199"}, "year"),
    ({"lang": "fr"}, "lang"),
    ({"sort": "random"}, "sort"),
    ({"page": "0"}, "page"),
    ({"page": "-1"}, "page"),
    ({"page": "two"}, "page"),
    ({"page": "1.5"}, "page"),
    ({"per_page": "0"}, "per_page"),
    ({"per_page": "101"}, "per_page"),
    ({"per_page": "1e3"}, "per_page"),
]


@pytest.mark.parametrize(("data", "param"), BAD)
def test_bad_parameter_is_named(data, param):
    with pytest.raises(ParamError) as err:
        parse_params(data)
    assert err.value.param == param
    assert str(err.value).startswith(f"{param}:")


def test_defaults():
    params = parse_params({})
    assert (params.q, params.sort, params.page, params.per_page) == ("", "newest", 1, 10)


def test_sort_defaults_to_relevance_with_a_query():
    assert parse_params({"q": "coffee"}).sort == "relevance"


def test_year_and_range():
    assert parse_params({"year": "2019"}).year == (2019, 2019)
    assert parse_params({"year": "2017-2020"}).year == (2017, 2020)


def test_control_characters_are_dropped_from_the_query():
    assert parse_params({"q": "cof\x00fee\x07"}).q == "cof fee"


def test_types_are_case_insensitive_and_repeatable():
    from django.http import QueryDict

    params = parse_params(QueryDict("type=Policy&type=feedback&type=policy"))
    assert params.types == ("policy", "feedback")

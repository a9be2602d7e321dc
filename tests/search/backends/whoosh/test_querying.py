"""Reading what a researcher typed, and what happens when it cannot be read."""

import pytest

from sonla_kb.search.backends.whoosh.querying import parse_text, problem_in


@pytest.mark.parametrize(
    "text",
    [
        "coffee",
        "ca phe",
        '"chỉ dẫn địa lý"',
        "gap OR branding",
        "coffee NOT export",
        "(gap OR ocop) AND export",
        "polic*",
        "geographical~",
        "title:coffee",
        "tag:gap year:2019",
        "speaker:sample issuer:council number:01",
    ],
)
def test_valid_syntax_reads_without_notice(text):
    assert problem_in(text) is None
    assert parse_text(text).notice is None


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ('"unclosed phrase', "unclosed quote"),
        ("(gap OR ocop", "unclosed parenthesis"),
        ("gap)", "closing parenthesis"),
        ("AND", "nothing after"),
        ("coffee AND", "nothing after"),
        ("OR coffee", "nothing before"),
        ("coffee AND OR gap", "nothing"),
        ("colour:red", "unknown field"),
    ],
)
def test_unreadable_syntax_is_searched_as_plain_words(text, why):
    parsed = parse_text(text)
    assert parsed.notice is not None
    assert why in parsed.notice
    assert "plain words" in parsed.notice


def test_accented_query_adds_a_bonus_for_exact_accents():
    assert "exact" in str(parse_text("cà phê").query)
    assert "exact" not in str(parse_text("ca phe").query)

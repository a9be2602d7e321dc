"""Queries in FTS5 syntax, as the comparison engines of the benchmarks pass them."""

import pytest

from bench.fts_query import match_expression
from bench.relevance.engines import FTS_FIELDS


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("GAP certification", '"GAP" AND "certification"'),
        ('"linkage chains" OR OCOP', '"linkage chains" OR "OCOP"'),
        ("brand* NOT GAP", '"brand"* NOT "GAP"'),
        ("(GAP OR OCOP) type:policy", '( "GAP" OR "OCOP" ) AND type : "policy"'),
        ("tag:export", '{tags tagid} : "export"'),
        ("kind:plan", '"kind:plan"'),
        ('say "quote', '"say" AND "quote"'),
        ("??? !!!", ""),
    ],
)
def test_a_query_becomes_quoted_fts5_syntax(query, expression):
    assert match_expression(query, fields=FTS_FIELDS) == expression


def test_a_field_the_table_lacks_stays_a_quoted_word():
    assert match_expression("year:2020 GAP", fields={"title": "title"}) == '"year:2020" AND "GAP"'

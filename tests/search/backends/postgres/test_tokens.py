"""A document as the PostgreSQL backend stores it: the shared analysis's words, weighted."""

import re

import pytest
from django.db import connection

from sonla_kb.search.backends.postgres import tokens
from sonla_kb.search.backends.postgres.engine import RANK
from sonla_kb.search.backends.postgres.tokens import quoted, to_vector

DOC = {
    "title": "Cà phê Sơn La",
    "text_en": "The policies of branding",
    "text_vi": "Hợp tác xã cà phê, cà phê Sơn La",
    "exact": "Cà phê Sơn La",
    "type": "policy",
    "tagid": "branding,geographical-indications",
}


def lexemes(vector: str) -> dict[str, str]:
    """Each lexeme of a tsvector literal, with its positions and weights ("" for none)."""
    return dict(re.findall(r"'([^']*)'(?::(\S+))?", vector))


def test_each_field_keeps_its_own_words_and_weight():
    vector, words, length = to_vector(DOC)
    found = lexemes(vector)
    assert found["t:ca"] == "1A"  # titles weigh most, folded like the Whoosh title field
    assert found["x:cà"] == ""  # exact accents: held, without positions
    assert found["e:polici"] == "1" and found["e:brand"] == "2"  # stems, stop words out
    assert "e:the" not in found
    assert found["v:hop"] == "1" and found["v:ca"] == "4,6"  # Vietnamese folded, kept whole
    assert found["T:policy"] == "1"
    assert found["G:branding"] == found["G:geographical-indications"] == ""  # themes, held
    assert sorted(words) == sorted(found)
    # Every word counts, the exact ones too (not the theme ids): 4 title, 3 accented,
    # 2 English, 9 Vietnamese, 1 type.
    assert length == 19


def test_a_word_is_quoted_safely_for_a_literal():
    assert quoted("v:it's") == "'v:it''s'"
    assert quoted("a\\b") == "'a\\\\b'"


def test_positions_are_bounded_as_postgresql_requires():
    vector, _words, length = to_vector({"text_vi": "ca " * 1000})
    assert len(lexemes(vector)["v:ca"].split(",")) == 255
    assert length == 255


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's ts_rank")
@pytest.mark.parametrize(
    "query",
    [
        "'v:ca'",
        "'v:ca' <-> 'v:phe'",
        "('e:polici' | 'v:ca') & 'v:la'",
        "'t:ca' & 'v:son'",
        "'v:p':*",
    ],
)
def test_the_stored_length_ranks_as_ts_rank_ranks_the_vector_with_every_position(
    monkeypatch, query
):
    vector, _words, length = to_vector(DOC)
    # As the vector was before some words were held without positions: every word of every
    # field with its positions, and no theme ids.
    every = [(*field[:4], tokens.POSITIONS) for field in tokens.FIELDS if field[4] != tokens.ID]
    monkeypatch.setattr(tokens, "FIELDS", tuple(every))
    positioned, _words, same_length = to_vector(DOC)
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT ts_rank(%s::tsvector, %s::tsquery, 1), {RANK}"  # noqa: S608 - fixed SQL
            " FROM (SELECT %s::tsvector AS vector, %s AS length) AS stored",
            [positioned, query, query, vector, length],
        )
        whole, stored = cur.fetchone()
    assert same_length == length
    assert whole == stored and whole > 0

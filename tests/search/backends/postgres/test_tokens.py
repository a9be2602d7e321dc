"""A document as the PostgreSQL backend stores it: the shared analysis's words, weighted."""

from sonla_kb.search.backends.postgres.tokens import quoted, to_vector


def lexemes(vector: str) -> dict[str, str]:
    """Each lexeme of a tsvector literal, with its positions and weights."""
    found = {}
    for part in vector.split(" "):
        word, _sep, positions = part.rpartition(":")
        found[word.strip("'")] = positions
    return found


def test_each_field_keeps_its_own_words_and_weight():
    vector, words = to_vector(
        {
            "title": "Cà phê Sơn La",
            "text_en": "The policies of branding",
            "text_vi": "Hợp tác xã cà phê",
            "exact": "Cà phê Sơn La",
            "type": "policy",
        }
    )
    found = lexemes(vector)
    assert found["t:ca"] == "1A"  # titles weigh most, folded like the Whoosh title field
    assert found["x:cà"] == "1B"  # exact accents next
    assert found["e:polici"] == "1" and found["e:brand"] == "2"  # stems, stop words out
    assert "e:the" not in found
    assert found["v:hop"] == "1" and found["v:ca"] == "4"  # Vietnamese folded, kept whole
    assert found["T:policy"] == "1"
    assert sorted(words) == sorted(found)


def test_a_word_is_quoted_safely_for_a_literal():
    assert quoted("v:it's") == "'v:it''s'"
    assert quoted("a\\b") == "'a\\\\b'"


def test_positions_are_bounded_as_postgresql_requires():
    vector, _words = to_vector({"text_vi": "ca " * 1000})
    assert len(lexemes(vector)["v:ca"].split(",")) == 255

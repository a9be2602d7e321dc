"""Snippets: the record's own text, escaped, with the matches in <mark>."""

from sonla_kb.search.snippets import Terms, make_snippet


def test_marks_folded_matches_in_the_original_text():
    html = make_snippet("Phát triển cà phê Sơn La", Terms.of(words={"ca", "phe"}))
    assert html == "Phát triển <mark>cà phê</mark> Sơn La"


def test_marks_other_forms_of_english_words():
    html = make_snippet("A policy and two policies.", Terms.of(stems={"polici"}))
    assert html.count("<mark>") == 2


def test_escapes_markup_in_the_text():
    html = make_snippet('<script>alert("x")</script> & coffee', Terms.of(words={"coffee"}))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp; <mark>coffee</mark>" in html


def test_escapes_markup_inside_a_match():
    html = make_snippet("a <b>coffee</b>", Terms.of(words={"b"}))
    assert "<b>" not in html
    assert "&lt;<mark>b</mark>&gt;" in html


def test_long_text_is_cut_around_the_matches():
    text = "filler " * 200 + "the geographical indication " + "more " * 200
    html = make_snippet(text, Terms.of(words={"geographical"}))
    assert "<mark>geographical</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html) < 400


def test_without_terms_the_start_of_the_text():
    assert make_snippet("Short text.", Terms.of()) == "Short text."


def _typed(query: str) -> Terms:
    from sonla_kb.search.locate import query_terms

    return query_terms(query)


def test_a_word_typed_with_accents_marks_only_that_spelling():
    html = make_snippet("Chỉ tiêu và ý chí của chỉ dẫn.", _typed("chỉ"))
    assert html == "<mark>Chỉ</mark> tiêu và ý chí của <mark>chỉ</mark> dẫn."


def test_a_word_typed_without_accents_marks_every_spelling():
    assert make_snippet("chỉ và chí", _typed("chi")).count("<mark>") == 2


def test_the_syllables_of_a_vietnamese_word_are_marked_together_not_alone():
    text = "Thương mại và nhãn hiệu; xây dựng thương hiệu cà phê."
    html = make_snippet(text, _typed("thương hiệu"))
    assert html == "Thương mại và nhãn hiệu; xây dựng <mark>thương hiệu</mark> cà phê."
    # Without accents too: "sản xuất … khâu" is not "xuất khẩu".
    html = make_snippet("Sản xuất ở khâu chế biến; xuất khẩu cà phê.", _typed("xuat khau"))
    assert html == "Sản xuất ở khâu chế biến; <mark>xuất khẩu</mark> cà phê."


def test_english_words_are_marked_wherever_they_stand():
    html = make_snippet("The code of each planting area.", _typed("planting area code"))
    assert html.count("<mark>") == 2  # "code" alone, and "planting area"

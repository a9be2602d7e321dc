"""Vietnamese alphabetical order for titles."""

from sonla_kb.collation import vietnamese_key


def ordered(*words: str) -> list[str]:
    return sorted(words, key=vietnamese_key)


def test_chi_thi_comes_before_chuong_trinh():
    assert sorted(["Chương trình", "Chỉ thị"]) == ["Chương trình", "Chỉ thị"]  # code points
    assert ordered("Chương trình phát triển", "Chỉ thị 15") == [
        "Chỉ thị 15",
        "Chương trình phát triển",
    ]


def test_d_stroke_follows_d_and_precedes_e():
    assert ordered("Đề án", "En", "Dự án", "Zê") == ["Dự án", "Đề án", "En", "Zê"]


def test_letters_with_marks_follow_their_base_letter():
    assert ordered("ơ", "o", "ô", "p") == ["o", "ô", "ơ", "p"]
    assert ordered("ư", "v", "u") == ["u", "ư", "v"]
    assert ordered("â", "ă", "b", "a") == ["a", "ă", "â", "b"]


def test_tone_decides_only_between_words_equal_in_letters():
    assert ordered("ạ", "á", "ã", "ả", "à", "a") == ["a", "à", "ả", "ã", "á", "ạ"]
    # The tone of "á" does not put "áb" after "ac": letters decide first.
    assert ordered("ac", "áb") == ["áb", "ac"]


def test_case_and_decomposed_text_sort_alike():
    decomposed = "Chi\u0309 thi\u0323"  # "Chỉ thị" typed with combining marks
    assert vietnamese_key(decomposed)[:2] == vietnamese_key("chỉ thị")[:2]


def test_space_sorts_before_letters_and_digits_before_letters():
    assert ordered("Kế hoạchA", "Kế hoạch 2", "Kế hoạch") == ["Kế hoạch", "Kế hoạch 2", "Kế hoạchA"]

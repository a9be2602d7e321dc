"""Analysis alone: every analysed field of the schema timed over a corpus's documents."""

import pytest

from bench import analysis, corpus, corpus_vi
from bench.analysis_report import analysis_markdown
from sonla_kb.interchange.importer import import_data

MESSAGES = [
    "Không thể mở tập tin để đọc dữ liệu.",
    "Thư mục không trống nên không thể xóa",
    "Mật khẩu không đúng, hãy thử lại lần nữa.",
    "Máy chủ từ chối kết nối từ người dùng này",
    "Bạn vẫn có những đường dẫn chưa hòa trộn trong chỉ mục",
]


@pytest.fixture
def vietnamese_corpus(db):
    document, _ = corpus.build_kb(40, MESSAGES, voice=corpus_vi.VIETNAMESE)
    import_data(data=document)
    return document


def test_every_analysed_field_is_timed_on_its_own_values(vietnamese_corpus):
    result = analysis.measure(records=None, budget=5.0)
    assert result["records"] == 40
    fields = {row["field"]: row for row in result["fields"]}
    assert {"title", "text_en", "text_vi", "exact"} <= fields.keys()
    assert "content" not in fields and "datenum" not in fields  # stored only, numeric
    # Vietnamese records go to text_vi (and, accented, to exact); text_en holds only what
    # is English in them (translations, theme names).
    assert fields["text_vi"]["values"] == fields["exact"]["values"] == 40
    assert fields["text_en"]["tokens"] < fields["text_vi"]["tokens"]
    assert fields["text_vi"]["analyser"] == "FoldedAnalyzer"
    assert fields["text_vi"]["tokens"] > fields["title"]["tokens"] > 0
    analysers = {row["analyser"]: row for row in result["analysers"]}
    assert {"FoldedAnalyzer", "EnglishAnalyzer", "ExactAnalyzer"} <= analysers.keys()
    assert "text_vi" in analysers["FoldedAnalyzer"]["fields"]
    # The same text for each: folding keeps every syllable, Exact only the accented ones.
    assert analysers["FoldedAnalyzer"]["chars"] == analysers["ExactAnalyzer"]["chars"]
    assert analysers["FoldedAnalyzer"]["tokens"] > analysers["ExactAnalyzer"]["tokens"]


def test_the_report_shows_the_cost_per_corpus(vietnamese_corpus):
    measured = analysis.measure(records=None, budget=5.0)
    steps = {"rebuild_index --procs 1": {"ok": True, "seconds": 2.0, "own_seconds": 0.5}}
    text = analysis_markdown(
        {"sizes": [{"corpus_name": "vi", "analysis": measured, "steps": steps}]}
    )
    assert "## What segmentation costs" in text
    assert "Vietnamese, 40 records" in text
    assert "of a one-process rebuild" in text
    assert "| `text_vi` | FoldedAnalyzer |" in text


def test_without_measurements_the_report_says_so():
    text = analysis_markdown({"sizes": [{"corpus_name": "vi", "steps": {}}]})
    assert "not measured" in text


def test_a_chain_of_whoosh_filters_is_named_without_breaking_a_table():
    from whoosh.analysis import LowercaseFilter, RegexTokenizer

    assert analysis.analyser_name(RegexTokenizer() | LowercaseFilter()) == (
        "RegexTokenizer + LowercaseFilter"
    )

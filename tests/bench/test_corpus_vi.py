"""The Vietnamese benchmark corpus: read from message catalogues, deterministic, importable."""

import re
import unicodedata

import pytest

from bench import corpus, corpus_vi
from bench.corpora import CORPORA, parse_names
from bench.queries import QUERIES_VI, fold_accents
from sonla_kb.interchange.schema import validate_document

from .catalogues import write_mo

PROSE = {
    "Cannot open file": "Không thể mở tập tin để đọc dữ liệu.",
    "Directory not empty": "Thư mục không trống nên không thể xóa",
    "Wrong password": "Mật khẩu không đúng, hãy thử lại lần nữa.",
    "Connection refused": "Máy chủ từ chối kết nối từ người dùng này",
    "Merge conflict": "Bạn vẫn có những đường dẫn chưa hòa trộn trong chỉ mục",
}
REJECTED = {
    "format printf": "Không thể mở tập tin “%s” để đọc",
    "format braces": "Đã xóa {count} tập tin khỏi thư mục",
    "markup": "<b>Cảnh báo:</b> tập tin này đã bị thay đổi",
    "entity": "Lưu &amp; đóng tập tin đang mở ngay",
    "mnemonic": "_Mở tập tin trong cửa sổ mới",
    "option": "--all hiển thị mọi tập tin kể cả ẩn",
    "short": "Tập tin",
    "untranslated": "Cannot open the file for reading now",
    "foreign name": "São Lourenço dos Órgãos",
    "duplicate in other case": "KHÔNG THỂ MỞ TẬP TIN ĐỂ ĐỌC DỮ LIỆU.",
}


@pytest.fixture
def catalogues(tmp_path):
    """A folder of two catalogues, one also reachable by a symlink."""
    root = tmp_path / "LC_MESSAGES"
    root.mkdir()
    write_mo(root / "app.mo", {**PROSE, **REJECTED})
    spread = "Tập tin  cấu hình\n   đã được   ghi lại"  # wrapped text, NFD below
    write_mo(
        root / "tool.mo",
        {"Config written": unicodedata.normalize("NFD", spread)},
        plurals={"%d file": ["Đã chép xong các tập tin vào thư mục đích"]},
    )
    (root / "alias.mo").symlink_to(root / "tool.mo")
    return root


def test_only_vietnamese_prose_is_kept_once(catalogues):
    messages, files = corpus_vi.collect_messages(catalogues)
    assert files == 2  # the symlink is not read again
    assert sorted(messages) == sorted(
        [
            *PROSE.values(),
            "Tập tin cấu hình đã được ghi lại",
            "Đã chép xong các tập tin vào thư mục đích",
        ]
    )
    assert all(unicodedata.is_normalized("NFC", m) for m in messages)


def test_a_missing_folder_gives_no_messages(tmp_path):
    assert corpus_vi.collect_messages(tmp_path / "absent") == ([], 0)


def test_sentences_split_before_vietnamese_capitals():
    text = "Đang kiểm tra kết nối. Ổ đĩa đầy. xong rồi. Được!"
    assert corpus_vi.split_sentences(text) == [
        "Đang kiểm tra kết nối.",
        "Ổ đĩa đầy. xong rồi.",
        "Được!",
    ]


def _messages(n: int) -> list[str]:
    words = list(PROSE.values())
    return [f"{words[i % len(words)]} Lần thứ {i}." for i in range(n)]


def _records(document):
    return [r for section in ("policies", "feedback", "presentations") for r in document[section]]


def test_the_corpus_is_deterministic_and_vietnamese():
    first, stats = corpus.build_kb(200, _messages(300), voice=corpus_vi.VIETNAMESE)
    again, _ = corpus.build_kb(200, _messages(300), voice=corpus_vi.VIETNAMESE)
    other, _ = corpus.build_kb(200, _messages(300), voice=corpus_vi.VIETNAMESE, seed=7)
    assert first == again
    assert first != other
    records = _records(first)
    assert len(records) == 200 and stats.language == "vi" and stats.unit == "message"
    assert {r["language"] for r in records} == {"vi"}
    assert {p["issuer"] for p in first["policies"]} <= set(corpus_vi.VIETNAMESE.issuers)
    assert all(
        re.fullmatch(r"\d+/\d{4}/[A-Za-zĐ]+-[A-ZĐ]+", p["number"]) for p in first["policies"]
    )


def test_record_types_have_the_english_shares():
    _, vi = corpus.build_kb(400, _messages(300), voice=corpus_vi.VIETNAMESE)
    _, en = corpus.build_kb(400, ["An English paragraph of words. It ends here."] * 5)
    assert vi.by_type == en.by_type == {"policies": 240, "feedback": 100, "presentations": 60}


def test_a_paragraph_is_several_messages_as_sentences():
    document, _ = corpus.build_kb(60, _messages(500), voice=corpus_vi.VIETNAMESE)
    low, high = corpus_vi.VIETNAMESE.per_paragraph
    for feedback in document["feedback"]:
        for paragraph in feedback["text"].split("\n\n"):
            assert low <= paragraph.count("Lần thứ") <= high
            assert paragraph[0].isupper() and paragraph.endswith(".")


def test_few_messages_are_reused_in_new_shuffles():
    messages = _messages(40)
    small, stats = corpus.build_kb(300, messages, voice=corpus_vi.VIETNAMESE)
    assert stats.texts_used == 40 and stats.reused > 0 and stats.passes > 2
    text = " ".join(r.get("summary", r.get("text", "")) for r in _records(small))
    assert all(m in text for m in messages)
    # The first records of a larger corpus are the smaller corpus.
    large, _ = corpus.build_kb(600, messages, voice=corpus_vi.VIETNAMESE)
    assert large["policies"][:180] == small["policies"]


@pytest.mark.django_db
def test_records_are_valid_for_import_kb(catalogues):
    messages, _ = corpus_vi.collect_messages(catalogues)
    document, _ = corpus.build_kb(120, messages, voice=corpus_vi.VIETNAMESE)
    parsed, problems = validate_document(document)
    assert [str(p) for p in problems] == []
    assert {name: len(rows) for name, rows in parsed.sections.items() if rows} == {
        "themes": len(corpus.THEMES),
        "workshop": 1,
        "policies": 72,
        "feedback": 30,
        "presentations": 18,
    }


def test_corpus_names_are_checked():
    assert parse_names("vi, en,vi") == ["vi", "en"]
    with pytest.raises(ValueError, match="unknown corpus 'fr'"):
        parse_names("en,fr")
    with pytest.raises(ValueError, match="no corpus"):
        parse_names(" , ")


@pytest.fixture(scope="module")
def machine_messages():
    messages, _ = CORPORA["vi"].collect()
    if len(messages) < 1000:
        pytest.skip("this machine has no Vietnamese message catalogues")
    return messages


def test_the_machine_catalogues_give_clean_vietnamese(machine_messages):
    assert len({m.lower() for m in machine_messages}) == len(machine_messages)
    leftovers = re.compile(r"%[-0-9.]*[sdulcx]|</?\w+>|&\w+;|\{\w*\}")
    assert [m for m in machine_messages if leftovers.search(m)] == []


def test_the_vietnamese_queries_use_words_of_the_corpus(machine_messages):
    """Every word a query searches for is in the corpus, with the accents as typed or
    (for the accent-free, misspelled and variant queries) in some form."""
    text = " ".join(machine_messages).lower()
    words = set(re.findall(r"\w+", text))
    folded = {fold_accents(w) for w in words}
    plain = {"accented", "phrase", "word, one syllable", "word, two syllables", "two words"}
    for label, params in QUERIES_VI:
        q = unicodedata.normalize("NFC", params.get("q", "")).lower()
        q = re.sub(r"\b(?:OR|NOT|or|not)\b|title:|[~*()\"]", " ", q)
        for word in q.split():
            if label in plain:
                assert word in words, (label, word)
            elif label not in {"misspelled", "near spelling", "prefix", "short prefix"}:
                assert fold_accents(word) in folded, (label, word)


def test_the_benchmark_runs_both_corpora_unless_told(capsys):
    from bench.run import parse_args

    assert parse_args([]).corpora == ["en", "vi"]
    assert parse_args(["--corpus", "vi", "--sizes", "2000"]).corpora == ["vi"]
    with pytest.raises(SystemExit):
        parse_args(["--corpus", "en,fr"])
    assert "unknown corpus 'fr'" in capsys.readouterr().err

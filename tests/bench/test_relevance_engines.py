"""The two comparison engines of the relevance harness, on records made by hand."""

from bench.relevance.dataset import Record
from bench.relevance.engines import Fts5, PlainWhoosh


def _record(key, title, text, *, type_="policy", tags="", year="2020"):
    fields = {"type": type_, "year": year, "speaker": "", "issuer": "", "number": "", "tagid": ""}
    return Record(key, type_, "vi", title, f"{title}\n\n{text}", tags, fields)


RECORDS = [
    _record(
        "gi", "Chỉ dẫn địa lý", "quản lý chỉ dẫn địa lý cà phê", tags="Geographical indications"
    ),
    _record("pac", "Mã số vùng trồng", "cấp mã số vùng trồng", type_="presentation", year=""),
    _record("gap", "GAP certification", "group certification of growers", tags="GAP"),
]


def test_fts5_folds_accents_but_not_d_with_stroke():
    fts = Fts5(RECORDS)
    assert fts.rank("chi dan", 10) == ["gi"]
    assert fts.rank("dia ly", 10) == []  # unicode61 keeps đ: it is a letter, not a mark
    assert fts.rank("type:presentation vùng", 10) == ["pac"]
    assert fts.rank("certification", 10) == ["gap"]


def test_fts5_counts_a_query_it_cannot_read_as_no_results():
    fts = Fts5(RECORDS)
    assert fts.rank("GAP AND", 10) == []
    assert "GAP AND" in fts.errors


def test_plain_whoosh_stems_english_and_keeps_accents():
    whoosh = PlainWhoosh(RECORDS)
    assert whoosh.rank("certifications", 10) == ["gap"]
    assert whoosh.rank("địa lý", 10) == ["gi"]
    assert whoosh.rank("dia ly", 10) == []

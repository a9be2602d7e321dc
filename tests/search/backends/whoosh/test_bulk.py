"""The bulk postings writer writes the files Whoosh's own writer writes: byte for byte when
it compresses every block as Whoosh does, and the same postings when it leaves small
blocks uncompressed."""

import itertools
import random
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from sonla_kb.search.backends.whoosh.analyzers import PAIR_BREAK
from sonla_kb.search.backends.whoosh.pool import Postings
from sonla_kb.search.backends.whoosh.schema import build_schema, with_pairs
from sonla_kb.search.backends.whoosh.segments import KbSegmentWriter
from sonla_kb.search.backends.whoosh.words import by_text, index_words

from .builders import ACCENTED, ENGLISH, SYLLABLES


def _docs(count: int, *, seed: int):
    rng = random.Random(seed)
    for number in range(count):
        words = [rng.choice(SYLLABLES) for _ in range(rng.randint(0, 60))]
        yield {
            "id": f"d{seed}-{number}",
            "type": rng.choice(["policy", "feedback", "presentation"]),
            "title": " ".join(words[:4]) or "x",
            "text_vi": " ".join(words),
            "text_en": " ".join(rng.choice(ENGLISH) for _ in range(rng.randint(0, 20))),
            "exact": " ".join(rng.choice(ACCENTED) for _ in range(rng.randint(0, 9))),
            "tagid": ",".join(rng.sample(["gap", "ocop", "export", "brand"], rng.randint(0, 3))),
            # Words seen once: terms of one posting, as most of a real index's pairs are.
            "speaker": f"speaker{number} {rng.choice(SYLLABLES)}",
            "year": str(rng.choice([2017, 2019, 2020])),
            "datenum": rng.choice([20170101, 20190615, 20201231]),
            "content": " ".join(words[:10]),
        }


class CompressingAll(KbSegmentWriter):
    compress_from, compression = 0, 3  # as Whoosh: every block compressed, at its level


def _files(folder: Path, writer_class, prepare, *, batches: list[int], optimize: bool):
    """The segment files (by extension) of an index written by `writer_class`, in batches."""
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    for seed, count in enumerate(batches):
        writer = writer_class(ix, compound=False)
        for doc in _docs(count, seed=seed):
            writer.add_document(**prepare(doc))
        writer.commit(optimize=optimize, merge=optimize)
    segments = ix._segments()
    assert len(segments) == (1 if optimize else len(batches))
    found = {}
    for number, segment in enumerate(sorted(segments, key=lambda s: s.doc_count_all())):
        for path in folder.iterdir():
            if segment.segment_id() in path.name:
                found[(number, path.name.replace(segment.segment_id(), ""))] = path.read_bytes()
    return found


@pytest.mark.parametrize(
    ("batches", "optimize"),
    [([300], False), ([1, 2], False), ([150, 40], True)],
    ids=["one segment of several blocks", "tiny segments", "a merge of older segments"],
)
def test_the_same_bytes_as_whooshs_writer(tmp_path, batches, optimize):
    ours = _files(tmp_path / "ours", CompressingAll, dict, batches=batches, optimize=optimize)
    whooshs = _files(
        tmp_path / "whoosh", SegmentWriter, with_pairs, batches=batches, optimize=optimize
    )
    assert sorted(ours) == sorted(whooshs)
    assert {name.rpartition(".")[2] for _n, name in ours} >= {"trm", "pst", "col"}
    for key, data in whooshs.items():
        assert ours[key] == data, key


def test_postings_come_out_in_whooshs_order(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    postings = Postings(ix.schema)
    items = [
        ("title", b"tin", 3, 1.0, None),
        ("title", b"ca", 5, 2.0, None),
        ("text_vi", b"tin", 1, 1.0, None),
        ("title", b"ca", 1, 1.0, None),
    ]
    postings.add_all(items)
    assert [item[:4] for item in postings.iter_postings()] == [
        ("text_vi", b"tin", 1, 1.0),
        ("title", b"ca", 1, 1.0),
        ("title", b"ca", 5, 2.0),
        ("title", b"tin", 3, 1.0),
    ]


def _postings(folder: Path, writer_class, prepare) -> dict:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = writer_class(ix)
    for doc in _docs(400, seed=3):
        writer.add_document(**prepare(doc))
    writer.commit()
    found = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for field, text in reader.all_terms():
            m = reader.postings(field, text)
            info = reader.term_info(field, text)
            stats = (info.doc_frequency(), info.weight(), info.min_length(), info.max_length())
            postings = []
            while m.is_active():
                postings.append((m.id(), m.weight(), m.value()))
                m.next()
            found[(field, text)] = (stats, postings)
    return found


def test_small_blocks_uncompressed_read_back_the_same(tmp_path):
    ours = _postings(tmp_path / "ours", KbSegmentWriter, dict)
    whooshs = _postings(tmp_path / "whoosh", SegmentWriter, with_pairs)
    assert ours == whooshs
    assert ("speaker", b"speaker7") in ours  # terms of one posting: the uncompressed blocks


WORDS = [*SYLLABLES, *ACCENTED, *ENGLISH, "Đà", "HOÀ", "hòa", "kỹ", "4.0", "e.g", "the", "a"]
texts = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=40).flatmap(
        lambda words: st.lists(
            st.sampled_from([" ", ", ", ". ", "\n", PAIR_BREAK, "-"]),
            min_size=len(words),
            max_size=len(words),
        ).map(lambda seps: "".join(w + s for w, s in zip(words, seps, strict=True)))
    ),
    st.text(max_size=80),
)


@settings(max_examples=150, deadline=None)
@given(text=texts)
@example(text="a\uff3fb Đà Lạt")  # a character the fold makes a word character ('_')
@example(text="Cà phê\u0301 e\u0301t 4.0, e.g. ΣΑΣ İstanbul")
def test_index_words_are_the_items_of_whooshs_field_index(text):
    """Every word field of the schema, with the pair fields reusing a shared memo."""
    schema, memo = build_schema(), {}
    for name in schema.names():
        field = schema[name]
        if not field.indexed or not by_text(field):
            continue
        whooshs = sorted((w.decode("utf-8"), f, wt, v) for w, f, wt, v in field.index(text))
        words = index_words(field, text, memo=memo)
        assert sorted(_items(words)) == whooshs, name


def _items(words):
    """Whoosh's (term, frequency, weight, value) items of Words."""
    if words.sizes is None:
        size = len(words.values) // max(1, len(words.terms))
        sizes = [size] * len(words.terms)
    else:
        sizes = words.sizes
    ends = list(itertools.accumulate(sizes))
    values = [words.values[e - n : e] for e, n in zip(ends, sizes, strict=True)]
    return list(zip(words.terms, words.freqs, words.weights, values, strict=True))

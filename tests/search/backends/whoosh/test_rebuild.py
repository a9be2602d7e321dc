"""Rebuilds write beside the current index; searches go on; an interrupted one harms nothing."""

import threading

import pytest
from django.db import transaction

from sonla_kb import search
from sonla_kb.search import documents
from sonla_kb.search.backends.whoosh import storage
from tests.factories import PolicyFactory
from tests.search.conftest import find

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def many(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    with transaction.atomic():  # one commit: the rebuild below indexes them
        PolicyFactory.create_batch(60, body="Coffee policy text for the rebuild test.")
    search.rebuild()
    return settings.SEARCH_INDEX_DIR


def test_searches_keep_answering_during_a_rebuild(many):
    answers, errors = [], []
    stop = threading.Event()

    def keep_searching():
        while not stop.is_set():
            try:
                answer = find("coffee")
                answers.append((answer["total"], answer["notice"]))
            except Exception as exc:  # pragma: no cover - the failure we look for
                errors.append(exc)

    thread = threading.Thread(target=keep_searching)
    thread.start()
    try:
        for _ in range(3):
            search.rebuild()
    finally:
        stop.set()
        thread.join()
    assert not errors
    assert answers
    assert all(answer == (60, None) for answer in answers)


def test_rebuild_switches_generations_and_clears_old_ones(many):
    first = storage.current_generation(many)
    search.rebuild()
    second = storage.current_generation(many)
    search.rebuild()
    assert second != first
    assert not first.exists()
    assert find("coffee")["total"] == 60


def test_interrupted_rebuild_leaves_the_current_index_serving(many, monkeypatch):
    before = storage.current_generation(many)

    def broken(**kwargs):
        yield from []
        raise KeyboardInterrupt  # the process killed halfway

    monkeypatch.setattr("sonla_kb.search.backends.whoosh.writer.iter_documents", broken)
    with pytest.raises(KeyboardInterrupt):
        search.rebuild()
    assert storage.current_generation(many) == before
    assert find("coffee")["total"] == 60
    (left_over,) = set(many.glob("gen-*")) - {before}
    monkeypatch.setattr(
        "sonla_kb.search.backends.whoosh.writer.iter_documents", documents.iter_documents
    )
    search.rebuild()
    assert find("coffee")["total"] == 60
    assert not left_over.exists()


def test_a_failed_indexing_process_leaves_the_current_index_serving(many, monkeypatch):
    """Whoosh's own multiprocess writer would commit without that process's records."""
    from sonla_kb.search.backends.whoosh.segments import KbSegmentWriter

    PolicyFactory(title="Poison record", body="Coffee policy text for the rebuild test.")
    before = storage.current_generation(many)
    real = KbSegmentWriter.add_document

    def failing(self, **fields):
        if fields.get("title") == "Poison record":  # in the forked indexing process
            raise RuntimeError("indexing process fault")
        return real(self, **fields)

    monkeypatch.setattr(KbSegmentWriter, "add_document", failing)
    with pytest.raises(search.IndexUnavailable, match="indexing process ended with status 1"):
        search.rebuild(procs=2)
    assert storage.current_generation(many) == before
    assert find("coffee")["total"] == 61  # the catch-up indexed the new record meanwhile


def test_changes_during_a_rebuild_are_not_lost(many, monkeypatch):
    real = documents.iter_documents

    def with_an_edit_midway(**kwargs):
        for i, doc in enumerate(real(**kwargs)):
            if i == 10:  # another process saves while the rebuild reads
                PolicyFactory(key="during", title="Interleaved measure")
            yield doc

    monkeypatch.setattr(
        "sonla_kb.search.backends.whoosh.writer.iter_documents", with_an_edit_midway
    )
    search.rebuild()
    assert find("interleaved")["total"] == 1


@pytest.mark.parametrize("procs", [1, 2])
def test_a_rebuild_indexes_the_neighbouring_words_as_pairs(settings, tmp_path, procs):
    """In one process or several (the pair fields are built where the document is indexed)."""
    from whoosh import index as whoosh_index
    from whoosh import query as wq

    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    PolicyFactory.create_batch(3, body="Chỉ dẫn địa lý cho cà phê Sơn La.", language="vi")
    PolicyFactory(title="Planting area codes", body="Codes for every planting area.")
    search.rebuild(procs=procs)
    generation = storage.current_generation(settings.SEARCH_INDEX_DIR)
    with whoosh_index.open_dir(str(generation)).searcher() as s:
        assert len(s.search(wq.Term("pairs_vi", "dia li"), limit=None)) == 3
        assert len(s.search(wq.Term("pairs_en", "plant area"), limit=None)) == 1


@pytest.mark.parametrize("procs", [1, 2])
def test_a_rebuild_past_its_memory_limit_writes_more_segments_and_loses_nothing(many, procs):
    """The postings of a rebuild are held in memory up to --limitmb, then written."""
    from whoosh import index as whoosh_index

    with transaction.atomic():  # more than one job (of 100 records) for each process
        PolicyFactory.create_batch(190, body="Coffee policy text for the rebuild test.")
    search.rebuild(procs=procs, limitmb=0)  # every job's postings reach the limit
    generation = storage.current_generation(many)
    ix = whoosh_index.open_dir(str(generation))
    assert len(ix._segments()) > procs
    assert ix.doc_count() == 250
    assert find("coffee")["total"] == 250
    assert find('"policy text for the rebuild"')["total"] == 250

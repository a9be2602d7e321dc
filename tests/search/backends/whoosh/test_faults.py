"""A missing or damaged index never fails a search: the database answers, with a notice."""

import shutil

import pytest

from sonla_kb.search.backends.whoosh import searcher, storage
from tests.factories import FeedbackFactory, PolicyFactory
from tests.search.conftest import find, keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(live):
    def make():
        PolicyFactory(key="gi", title="Geographical indications", body="Coffee from Son La.")
        PolicyFactory(key="ex", title="Export promotion", body="Markets abroad.", tags=["Export"])
        FeedbackFactory(key="fb-1", text="Coffee hidden remark", published=False)

    live(make)


def _assert_database_answer(answer):
    assert "database" in answer["notice"]
    assert keys(answer) == ["gi"]
    assert "<mark>Coffee</mark>" in answer["results"][0]["snippet"]


def test_missing_index_folder(records, index):
    find("coffee")  # the process has a searcher open
    shutil.rmtree(index)
    _assert_database_answer(find("coffee"))


def test_no_index_yet(records, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "never-built"
    searcher.forget()
    _assert_database_answer(find("coffee"))


def test_truncated_index_files(records, index):
    generation = storage.current_generation(index)
    for path in generation.iterdir():
        if path.suffix in (".seg", ".toc"):
            path.write_bytes(b"")
    searcher.forget()
    _assert_database_answer(find("coffee"))


def test_garbage_current_pointer(records, index):
    (index / "CURRENT").write_text("../../etc\n")
    searcher.forget()
    _assert_database_answer(find("coffee"))


def test_database_answer_keeps_filters_and_facets(records, index):
    shutil.rmtree(index)
    answer = find("", tag="export")
    assert keys(answer) == ["ex"]
    assert answer["facets"]["tag"] == {"Export": 1}
    assert find("hidden")["total"] == 0  # unpublished feedback stays out here too


def test_page_and_api_answer_with_the_notice(client, records, index):
    shutil.rmtree(index)
    assert "database" in client.get("/api/search/", {"q": "coffee"}).json()["notice"]
    response = client.get("/search/", {"q": "coffee"})
    assert response.status_code == 200
    assert "until the index is rebuilt" in response.content.decode()


def test_repair_brings_the_index_back(records, index):
    from sonla_kb import search

    shutil.rmtree(index)
    report = search.check(repair=True)
    assert report.repaired
    answer = find("coffee")
    assert answer["notice"] is None
    assert keys(answer) == ["gi"]

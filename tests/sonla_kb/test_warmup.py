"""The warm-up a server does before forking: the site's templates compiled, nothing opened."""

import pytest
from django.db import connection
from django.template import engines

from sonla_kb import warmup


def test_template_names_are_relative_to_their_folder(tmp_path):
    (tmp_path / "a" / "pages").mkdir(parents=True)
    (tmp_path / "a" / "pages" / "home.html").write_text("x")
    (tmp_path / "a" / "robots.txt").write_text("x")
    (tmp_path / "a" / "notes.md").write_text("x")
    assert warmup.template_names(roots=[tmp_path / "a", tmp_path / "missing"]) == [
        "pages/home.html",
        "robots.txt",
    ]


def test_warm_compiles_the_site_templates_into_the_cache_without_the_database():
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    connection.close()
    compiled = warmup.warm()
    assert compiled > 20
    assert "base.html" in {key.split("-")[0] for key in loader.get_template_cache}
    assert connection.connection is None  # the workers open their own


@pytest.mark.django_db
def test_a_worker_opens_its_database_cache_and_index_before_its_first_request(settings):
    from sonla_kb import search

    search.rebuild()
    assert warmup.warm_worker() == ["database", "cache", "search index"]
    assert connection.connection is not None


@pytest.mark.django_db
def test_what_cannot_be_opened_does_not_stop_the_worker(monkeypatch, caplog):
    from sonla_kb.search.backends.whoosh import recovery

    scheduled = []
    monkeypatch.setattr(recovery, "rebuild_soon", lambda: scheduled.append(True))
    caplog.set_level("INFO", logger="sonla_kb.warmup")
    assert warmup.warm_worker() == ["database", "cache"]  # no index was ever built here
    assert "search index could not be opened yet (there is no search index yet)" in caplog.text
    assert "Traceback" not in caplog.text  # an index not there yet is no fault
    assert scheduled == []  # a repair is the first search's to start, not the warm-up's

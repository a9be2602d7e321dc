"""Writing the PostgreSQL search tables in bulk: rows by COPY, the vocabulary counted."""

import pytest
from django.db import connection

from sonla_kb import search
from sonla_kb.search.documents import SOURCE_BY_LABEL, documents_for
from tests.factories import PolicyFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search tables"),
]


@pytest.fixture
def postgres(settings):
    settings.SEARCH_BACKEND = "postgres"
    search.rebuild()


def _doc(policy):
    return documents_for(SOURCE_BY_LABEL["policies.policymeasure"], [policy.pk])[policy.pk]


def test_words_with_quotes_and_backslashes_reach_the_vocabulary_and_leave_it(postgres):
    from sonla_kb.search.backends.postgres import store, vocabulary

    doc = _doc(PolicyFactory(key="odd", title="Odd kind"))
    doc["kind"] = 'a "quoted", \\ kind'
    store.write([doc])
    assert vocabulary.known(['K:a "quoted", \\ kind', "t:odd"]) == {
        'K:a "quoted", \\ kind',
        "t:odd",
    }
    store.write([], remove=[doc["id"]])
    assert vocabulary.known(['K:a "quoted", \\ kind', "t:odd"]) == set()


def test_many_records_written_at_once_count_as_a_rebuild_counts(postgres):
    from sonla_kb.search.backends.postgres import store, vocabulary

    policies = [PolicyFactory(title=f"Shade trees {n % 3}") for n in range(25)]
    store.record_changes(label="policies.policymeasure", pks=[p.pk for p in policies])
    store.record_changes(label="policies.policymeasure", pks=[p.pk for p in policies[:5]])
    written = {w: vocabulary.near(w, edits=0, prefix=4) for w in ("t:shade", "t:trees")}
    counts = vocabulary.near_counted("t:shade", edits=0, prefix=4)
    search.rebuild()
    assert vocabulary.near_counted("t:shade", edits=0, prefix=4) == counts == [("t:shade", 25)]
    assert {w: vocabulary.near(w, edits=0, prefix=4) for w in written} == written
    assert search.check(repair=False).clean

"""Writing the PostgreSQL search tables in bulk: rows by COPY, the vocabulary counted."""

import pytest
from django.db import connection

from sonla_kb import search
from sonla_kb.search.documents import SOURCE_BY_LABEL, documents_for
from tests.factories import PolicyFactory
from tests.search.conftest import one_policy_kb

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


def test_check_index_after_a_first_import_compares_the_rows_the_import_wrote(settings, tmp_path):
    import io

    from django.core.management import call_command

    from sonla_kb.search.backends.postgres import store

    settings.SEARCH_BACKEND = "postgres"
    store.clear()  # a fresh install: never rebuilt
    call_command("import_kb", str(one_policy_kb(tmp_path)), stdout=io.StringIO())
    out = io.StringIO()
    call_command("check_index", stdout=out, stderr=io.StringIO())
    assert out.getvalue().splitlines() == ["The index agrees with the database."]
    assert [
        r["key"] for r in search.search(search.parse_params({"q": "irrigation"}))["results"]
    ] == ["imported"]


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_outside_a_transaction_leaves_no_row_to_vacuum(settings):
    settings.SEARCH_BACKEND = "postgres"
    PolicyFactory.create_batch(3)
    search.rebuild()
    search.rebuild()  # replaces every row: the old ones are vacuumed away once it commits
    with connection.cursor() as cur:
        # VACUUM marks the pages it cleaned all-visible (ANALYZE alone leaves them not).
        cur.execute(
            "SELECT relallvisible, relpages FROM pg_class WHERE relname = 'search_document'"
        )
        visible, pages = cur.fetchone()
    assert pages >= 1 and visible == pages

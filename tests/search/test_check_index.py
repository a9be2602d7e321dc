"""check_index finds drift between the database and the index, and repairs it."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from policies.models import PolicyMeasure
from sonla_kb import search
from tests.factories import PolicyFactory
from tests.sonla_kb.terminal import Terminal

from .conftest import find, keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def drifted(live):
    live(PolicyFactory, key="kept", title="Kept measure")
    live(PolicyFactory, key="edited", title="First wording")
    live(PolicyFactory, key="removed", title="Removed measure")
    # Changes that bypass signals (a bulk update in SQL, a row deleted by hand):
    PolicyMeasure.objects.filter(key="edited").update(title="Second wording")
    with connection.cursor() as cursor:  # by hand: no signal, no log
        table = PolicyMeasure._meta.db_table
        cursor.execute(f"DELETE FROM {table} WHERE key = %s", ["removed"])  # noqa: S608
    PolicyMeasure.objects.bulk_create(
        [
            PolicyMeasure(
                key="bulk",
                title="Bulk measure",
                kind="plan",
                issuer="x",
                issued_on="2020-01-01",
                status="in_force",
            )
        ]
    )


def test_reports_drift(drifted):
    report = search.check(repair=False)
    assert len(report.missing) == 1
    assert len(report.stale) == 1
    assert len(report.extra) == 1
    assert not report.clean


def test_command_exits_non_zero_on_drift(drifted):
    with pytest.raises(CommandError, match="--repair"):
        call_command("check_index", stdout=io.StringIO())


def test_repair(drifted):
    out = io.StringIO()
    call_command("check_index", "--repair", stdout=out)
    assert "Repaired" in out.getvalue()
    assert keys(find("bulk")) == ["bulk"]
    assert keys(find("second")) == ["edited"]
    assert find("removed")["total"] == 0
    assert search.check(repair=False).clean


def test_clean_index_reports_agreement(live):
    live(PolicyFactory, key="one")
    out = io.StringIO()
    call_command("check_index", stdout=out)
    assert "agrees" in out.getvalue()


def test_rebuild_command(live):
    live(PolicyFactory, key="one", title="Rebuilt measure")
    out = io.StringIO()
    call_command("rebuild_index", stdout=out)
    assert "Indexed 1 records" in out.getvalue()
    assert keys(find("rebuilt")) == ["one"]


def test_the_first_repair_on_a_fresh_install_says_it_builds_the_index(db, settings):
    PolicyFactory(key="first", title="First measure")
    if settings.SEARCH_BACKEND == "postgres":
        # PostgreSQL indexes a record as it is saved: a record no index holds yet is one
        # saved before the site searched there (the search tables as migrate made them).
        from sonla_kb.search.backends.postgres import store

        store.clear()
    out = io.StringIO()
    call_command("check_index", "--repair", stdout=out, stderr=io.StringIO())
    assert out.getvalue().splitlines() == [
        "There is no search index yet: building it.",
        "Built: the index now agrees with the database.",
    ]
    assert keys(find("first")) == ["first"]


def test_a_check_without_an_index_asks_for_the_repair_that_builds_it(db):
    out = io.StringIO()
    with pytest.raises(CommandError, match="no search index yet; run with --repair"):
        call_command("check_index", stdout=out, stderr=io.StringIO())
    assert "cannot be used" not in out.getvalue()


def test_rebuild_shows_a_bar_on_a_terminal(live):
    live(PolicyFactory.create_batch, 3)
    screen = Terminal()
    call_command("rebuild_index", "--procs", "1", stdout=io.StringIO(), stderr=screen)
    redrawn = screen.getvalue().split("\r")
    finished = [line for line in redrawn if "100%" in line]
    assert [line.split(":")[0] for line in finished] == ["Indexing", "Writing the index"]
    assert all("3/3" in line for line in finished)


def test_repair_writes_plain_progress_lines_in_a_log(drifted):
    log = io.StringIO()
    call_command("check_index", "--repair", stdout=io.StringIO(), stderr=log)
    (line,) = log.getvalue().splitlines()
    assert line.startswith("Checking: 3/3 records in")


def test_verbosity_zero_shows_no_progress(live):
    live(PolicyFactory)
    log = Terminal()
    call_command("rebuild_index", "--verbosity", "0", stdout=io.StringIO(), stderr=log)
    assert log.getvalue() == ""

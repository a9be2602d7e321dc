"""A database locked for a moment: requests wait, they do not fail.

Another connection holds a write lock for about a second (SQLite: BEGIN IMMEDIATE;
PostgreSQL: LOCK TABLE ... IN ACCESS EXCLUSIVE MODE) while staff save in the admin.
"""

import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest
from django.db import connection
from django.urls import reverse

from presentations.models import Feedback
from tests.factories import FeedbackFactory, PolicyFactory

from .admin_forms import admin_form_data
from .conftest import find, keys

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
HOLD = 1.0


def _lock_sqlite(locked: threading.Event, table: str) -> None:
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # the write lock of the whole database
        other.execute(f"UPDATE {table} SET id = id WHERE id < 0")  # noqa: S608
        locked.set()
        time.sleep(HOLD)
        other.execute("COMMIT")
    finally:
        other.close()


def _lock_postgresql(locked: threading.Event, table: str) -> None:
    import psycopg

    s = connection.settings_dict
    other = psycopg.connect(
        dbname=s["NAME"], user=s["USER"], password=s["PASSWORD"], host=s["HOST"], port=s["PORT"]
    )
    try:
        with other.transaction():
            other.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
            locked.set()
            time.sleep(HOLD)
    finally:
        other.close()


@contextmanager
def locked_for_a_moment(model):
    """Another connection holds a write lock on the model's table for HOLD seconds."""
    hold = _lock_postgresql if connection.vendor == "postgresql" else _lock_sqlite
    locked = threading.Event()
    thread = threading.Thread(target=hold, args=(locked, model._meta.db_table))
    thread.start()
    assert locked.wait(timeout=10)
    started = time.monotonic()
    try:
        yield
    finally:
        thread.join(timeout=30)
    waited = time.monotonic() - started
    assert waited >= HOLD * 0.7, f"the request did not wait for the lock ({waited:.2f}s)"


def test_admin_action_waits_for_the_lock(admin_client, index, live):
    feedback = live(FeedbackFactory, key="fb-held", text="Held feedback", published=False)
    url = reverse("admin:presentations_feedback_changelist")
    data = {"action": "publish_feedback", "_selected_action": [feedback.pk], "index": 0}
    with locked_for_a_moment(Feedback):
        response = live(admin_client.post, url, data)
    assert response.status_code == 302
    assert Feedback.objects.get(pk=feedback.pk).published
    assert keys(find("held")) == ["fb-held"]


def test_admin_save_waits_for_the_lock(admin_client, index, live):
    policy = live(PolicyFactory, key="held", title="Before the lock")
    url = reverse("admin:policies_policymeasure_change", args=[policy.pk])
    data = admin_form_data(admin_client.get(url), title="Saved while locked")
    with locked_for_a_moment(type(policy)):
        response = live(admin_client.post, url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    policy.refresh_from_db()
    assert policy.title == "Saved while locked"
    assert policy.history.count() == 2
    assert keys(find("locked")) == ["held"]


def test_pages_answer_while_the_database_is_locked(client, index, live):
    live(FeedbackFactory, key="fb-open", text="Visible feedback")
    with locked_for_a_moment(Feedback) if connection.vendor == "postgresql" else _no_wait():
        assert client.get("/feedback/").status_code == 200
        assert client.get("/api/search/", {"q": "visible"}).status_code == 200


@contextmanager
def _no_wait():
    """SQLite in WAL mode: readers do not wait for a writer at all."""
    locked = threading.Event()
    thread = threading.Thread(target=_lock_sqlite, args=(locked, Feedback._meta.db_table))
    thread.start()
    assert locked.wait(timeout=10)
    started = time.monotonic()
    try:
        yield
    finally:
        assert time.monotonic() - started < HOLD, "a reader waited for the writer"
        thread.join(timeout=30)

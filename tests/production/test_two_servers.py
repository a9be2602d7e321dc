"""Two app servers, one PostgreSQL: an edit made through one is found through the other.

Each server is a production gunicorn (as `make serve` runs it) with its own local folders
(search index, media, page cache, static files) and SEARCH_BACKEND=postgres: what they
share is the database, so the search must live there.
"""

import http.cookiejar
import json
import os
import re
import shutil
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.db import connection

from sonla_kb import search
from tests.factories import FeedbackFactory

from .helpers import PYTHON, ROOT, database_url
from .test_serve import free_port, server

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def environment(folder: Path, port: int, static: Path) -> dict[str, str]:
    folder.mkdir()
    # Its own copy of the collected files (hard links: collectstatic takes seconds a time).
    shutil.copytree(static, folder / "static", copy_function=os.link)
    env = {k: v for k, v in os.environ.items() if k not in ("HTTPS", "DEBUG", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="sonla_kb.settings.prod",
        SECRET_KEY="k" * 10 + "-two-servers-test-key-with-enough-variety-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        HTTPS="off",
        DATABASE_URL=database_url(),
        SEARCH_BACKEND="postgres",
        SEARCH_INDEX_DIR=str(folder / "index"),
        MEDIA_ROOT=str(folder / "media"),
        CACHE_DIR=str(folder / "cache"),
        STATIC_ROOT=str(folder / "static"),
        BIND=f"127.0.0.1:{port}",
        WORKERS="1",
    )
    return env


def found(base: str, q: str) -> list[str]:
    url = f"{base}/api/search/?" + urllib.parse.urlencode({"q": q})
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - our own server
        return [r["key"] for r in json.load(response)["results"]]


def publish_through_the_admin(base: str, pk: int) -> None:
    """Log in as staff and run the admin's "publish" action on one feedback."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )

    def form(path: str, data: dict[str, str]) -> str:
        with opener.open(base + path, timeout=20) as page:
            token = TOKEN.search(page.read().decode()).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        with opener.open(base + path, data=body, timeout=20) as answer:
            return answer.read().decode()

    form("/admin/login/?next=/admin/", {"username": "staff", "password": "a long password 42"})
    changelist = "/admin/presentations/feedback/"
    done = form(
        changelist, {"action": "publish_feedback", "_selected_action": str(pk), "index": "0"}
    )
    assert "1 feedback item published." in done


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the servers share PostgreSQL")
def test_an_edit_through_one_server_is_found_through_the_other(
    settings, tmp_path, django_user_model, collected_static
):
    settings.SEARCH_BACKEND = "postgres"
    # The servers run the production settings: a password hash they can check.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    django_user_model.objects.create_superuser("staff", password="a long password 42")
    feedback = FeedbackFactory(text="Robusta shade trees near Mai Son.", published=False)
    search.rebuild()
    first, second = free_port(), free_port()
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "--config",
        str(ROOT / "deploy/gunicorn.conf.py"),
    ]
    with ExitStack() as servers:
        bases = []
        for name, port in (("a", first), ("b", second)):
            env = environment(tmp_path / name, port, collected_static)
            base = f"http://127.0.0.1:{port}"
            servers.enter_context(server(command, env, base, tmp_path / f"{name}.log"))
            bases.append(base)
        a, b = bases
        assert found(b, "robusta shade") == []
        publish_through_the_admin(a, feedback.pk)
        assert found(b, "robusta shade") == [feedback.key]
        assert found(a, "robusta shade") == [feedback.key]
    for name in ("a", "b"):
        assert "Traceback" not in (tmp_path / f"{name}.log").read_text()

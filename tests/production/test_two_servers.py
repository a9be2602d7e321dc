"""Two app servers, one PostgreSQL: an edit made through one is found through the other, and a
file attached through one is read, indexed and served by both.

Each server is a production gunicorn with the extraction worker beside it (as `make serve`
runs them), with its own local folders (search index, page cache, static files) and
SEARCH_BACKEND=postgres: what they share is the database, so the search must live there,
and the media folder (shared storage, as the README's "Scaling out" asks).
"""

import http.cookiejar
import json
import os
import re
import shutil
import time
import urllib.parse
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.db import connection

from sonla_kb import search
from sonla_kb.attachments.models import Attachment
from tests.attachments.builders import make_pdf
from tests.attachments.test_admin import change_url, presentation_form
from tests.factories import FeedbackFactory, PresentationFactory

from .helpers import PYTHON, ROOT, database_url
from .test_serve import free_port, server

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PASSWORD = "a long password 42"
EXTRACTED_WITHIN = 120  # seconds: the worker polls every second; CI may be loaded
# A coined word, only in the attached file.
FILE_WORD = "honeyfold"


def environment(folder: Path, port: int, *, static: Path, media: Path) -> dict[str, str]:
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
        MEDIA_ROOT=str(media),
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


class Staff:
    """A staff member logged in to one server's admin."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.form("/admin/login/?next=/admin/", {"username": "staff", "password": PASSWORD})

    def token(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=20) as page:
            return TOKEN.search(page.read().decode()).group(1)

    def form(self, path: str, data: dict[str, str]) -> str:
        """Post a form as the browser does; the page it leads to."""
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.token(path)}).encode()
        with self.opener.open(self.base + path, data=body, timeout=20) as answer:
            return answer.read().decode()

    def upload(self, path: str, data: dict, files: dict[str, tuple[str, bytes]]) -> str:
        """Post a form with files (multipart/form-data); the page it leads to."""
        boundary = "----two-servers-test-boundary"
        parts = []
        for name, value in {**data, "csrfmiddlewaretoken": self.token(path)}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            )
            parts.append(head.encode() + content + b"\r\n")
        request = urllib.request.Request(  # noqa: S310 - our own server
            self.base + path,
            data=b"".join(parts) + f"--{boundary}--\r\n".encode(),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        with self.opener.open(request, timeout=60) as answer:
            return answer.read().decode()


def publish_through_the_admin(base: str, pk: int) -> None:
    """Log in as staff and run the admin's "publish" action on one feedback."""
    done = Staff(base).form(
        "/admin/presentations/feedback/",
        {"action": "publish_feedback", "_selected_action": str(pk), "index": "0"},
    )
    assert "1 feedback item published." in done


def found_within(base: str, q: str, *, seconds: float) -> list[str]:
    """The keys a search finds, asked again until it finds something or time is up."""
    deadline = time.monotonic() + seconds
    while not (keys := found(base, q)) and time.monotonic() < deadline:
        time.sleep(0.5)
    return keys


def download(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - our own server
        return response.read()


@pytest.fixture
def two_servers(settings, tmp_path, django_user_model, collected_static):
    """Two production servers, each with the extraction worker beside it (as `make serve`),
    their own folders, a shared media folder and this test's PostgreSQL database."""
    settings.SEARCH_BACKEND = "postgres"
    # The servers run the production settings: a password hash they can check.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    django_user_model.objects.create_superuser("staff", password=PASSWORD)
    command = [
        PYTHON,
        "-m",
        "sonla_kb.attachments.alongside",
        str(Path(PYTHON).parent / "gunicorn"),
        "--config",
        str(ROOT / "deploy/gunicorn.conf.py"),
    ]
    media = tmp_path / "shared-media"
    with ExitStack() as servers:
        bases = []
        for name in ("a", "b"):
            port = free_port()
            env = environment(tmp_path / name, port, static=collected_static, media=media)
            base = f"http://127.0.0.1:{port}"
            servers.enter_context(server(command, env, base, tmp_path / f"{name}.log"))
            bases.append(base)
        yield bases
    for name in ("a", "b"):
        assert "Traceback" not in (tmp_path / f"{name}.log").read_text()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the servers share PostgreSQL")
def test_an_edit_through_one_server_is_found_through_the_other(two_servers):
    feedback = FeedbackFactory(text="Robusta shade trees near Mai Son.", published=False)
    search.rebuild()
    a, b = two_servers
    assert found(b, "robusta shade") == []
    publish_through_the_admin(a, feedback.pk)
    assert found(b, "robusta shade") == [feedback.key]
    assert found(a, "robusta shade") == [feedback.key]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the servers share PostgreSQL")
def test_a_file_attached_through_one_server_is_found_and_served_by_the_other(two_servers):
    presentation = PresentationFactory(key="p07", title="Processing at the farm gate")
    search.rebuild()
    a, b = two_servers
    assert found(b, FILE_WORD) == []
    report = make_pdf([f"The {FILE_WORD} fermentation trial", "Chieng Ban cooperative"])
    path = change_url(presentation)
    page = Staff(a).upload(
        path,
        presentation_form(presentation, [{"title": "Field report"}]),
        {"attachments-0-file": ("trial.pdf", report)},
    )
    assert "is being read in the background" in page
    # The worker beside either server reads the file from the shared folder; both search it.
    assert found_within(b, FILE_WORD, seconds=EXTRACTED_WITHIN) == ["p07"]
    assert found(a, FILE_WORD) == ["p07"]
    attachment = Attachment.objects.get()
    assert attachment.status == "done"
    assert download(b + attachment.get_absolute_url()) == report

"""`make serve`: gunicorn in production mode, static files through WhiteNoise, and HTTPS or not.

The server runs against the test database, with its own static, media and index folders.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests.factories import PolicyFactory

from .helpers import PYTHON, ROOT, database_url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
STAMP = ".venv/.installed-from-lock"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def get(url: str, **headers: str):
    """(status, headers, body) of a GET, redirects not followed."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our own server
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def raw(base: str, data: bytes) -> tuple[int, dict[str, str]]:
    """Send bytes as they are (a request gunicorn must refuse itself): status and headers."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(data)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in head[1:])
    return int(head[0].split()[1]), headers


def assert_security_headers(headers, what: str) -> None:
    """The headers every page carries (tests/production/test_headers.py checks the pages)."""
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], what
    assert headers["X-Frame-Options"] == "DENY", what
    assert headers["X-Content-Type-Options"] == "nosniff", what
    assert headers["Referrer-Policy"] == "same-origin", what
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin", what
    assert "camera=()" in headers["Permissions-Policy"], what


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(command: list[str], env: dict, base: str, log: Path):
    """Start a server, wait until it answers, stop it (and its workers) afterwards."""
    with open(log, "w") as out:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = (
            time.monotonic() + 240
        )  # make serve migrates and collects first; CI may be loaded
        while True:
            assert process.poll() is None, log.read_text()
            try:
                get(base + "/robots.txt")
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.3)
        yield process
    finally:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


@pytest.fixture
def production(tmp_path, live, index):
    live(PolicyFactory, key="gi", title="Geographical indications", body="Coffee of Son La.")
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("HTTPS", "DEBUG", "WORKERS", "REDIS_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="sonla_kb.settings.prod",
        SECRET_KEY="k" * 10 + "-production-test-key-with-enough-variety-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        HTTPS="off",
        DATABASE_URL=database_url(),
        SEARCH_INDEX_DIR=str(index),
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        CACHE_DIR=str(tmp_path / "cache"),
        BIND=f"127.0.0.1:{port}",
        WORKERS="2",
        PATH=f"{Path(PYTHON).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return env, f"http://127.0.0.1:{port}", tmp_path


def test_make_serve_then_https_behind_the_proxy(production):
    env, base, folder = production
    command = ["make", "--no-print-directory", "-o", STAMP, "serve"]
    with server(command, env, base, folder / "serve.log"):
        status, headers, body = get(base + "/")
        assert status == 200
        assert headers["Server"] == "gunicorn"
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "Strict-Transport-Security" not in headers  # HTTPS=off: plain HTTP
        assert "Secure" not in headers["Set-Cookie"]
        # Static files: collected, with hashed names, served by WhiteNoise for ever.
        (css,) = re.findall(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body)
        status, headers, _ = get(base + css.decode())
        assert status == 200
        assert "immutable" in headers["Cache-Control"]
        assert_security_headers(headers, "a static file")
        # Requests gunicorn answers itself, before Django sees them.
        status, headers = raw(base, b"NOT A REQUEST LINE\r\n\r\n")
        assert status == 400
        assert_security_headers(headers, "gunicorn's error page")
        status, headers = raw(
            base, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + b"a" * 9000 + b"\r\n\r\n"
        )
        assert status in (400, 431)
        assert_security_headers(headers, "gunicorn's error page")
        # Reached directly, a forged X-Forwarded-For changes nothing, in the access log too.
        assert get(base + "/robots.txt", **{"X-Forwarded-For": "10.9.9.9"})[0] == 200

        status, _, body = get(base + "/api/search/?q=coffee")
        assert status == 200 and b'"notice": null' in body and b'"key": "gi"' in body

        # The index folder deleted while the server runs: answers go on, the index returns.
        shutil.rmtree(env["SEARCH_INDEX_DIR"])
        status, _, body = get(base + "/api/search/?q=coffee")
        assert status == 200 and b'"key": "gi"' in body
        deadline = time.monotonic() + 60
        while b'"notice": null' not in body:
            assert time.monotonic() < deadline, "the index did not come back"
            time.sleep(0.3)
            status, _, body = get(base + "/api/search/?q=coffee")
            assert status == 200 and b'"key": "gi"' in body
    log = (folder / "serve.log").read_text()
    assert "Booting worker" in log and "Traceback" not in log
    assert '127.0.0.1 "GET /robots.txt HTTP/1.1" 200' in log and "10.9.9.9" not in log

    # HTTPS on (the default), behind the proxy: the static files collected above serve again.
    env = {**env, "HTTPS": "on", "BEHIND_PROXY": "on"}
    command = [str(Path(PYTHON).parent / "gunicorn"), "--config", "deploy/gunicorn.conf.py"]
    with server(command, env, base, folder / "https.log"):
        status, headers, _ = get(base + "/policies/")
        assert status == 301
        assert re.fullmatch(r"https://127\.0\.0\.1(:\d+)?/policies/", headers["Location"])
        status, headers, _ = get(
            base + "/admin/login/",
            **{"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.9.9.9, 198.51.100.4"},
        )
        assert status == 200
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert "upgrade-insecure-requests" in headers["Content-Security-Policy"]
        cookie = headers["Set-Cookie"]
        assert "csrftoken=" in cookie and "Secure" in cookie and "HttpOnly" in cookie
    # Behind the proxy (127.0.0.1), the access log names the client it forwarded.
    log = (folder / "https.log").read_text()
    assert '198.51.100.4 "GET /admin/login/ HTTP/1.1" 200' in log, log

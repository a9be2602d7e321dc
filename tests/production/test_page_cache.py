"""The page cache under gunicorn: an edit shows on the very next request, in every worker.

A real production server (3 workers, as `make serve` runs it) against the test database,
sharing the page cache with this test process: files by default, Redis when it runs here.
The access log names the worker process of each request, by its request id.
"""

import os
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.factories import IndicatorFactory, PolicyFactory

from .helpers import PYTHON, ROOT, database_url
from .test_serve import free_port, server

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]
WORKERS = 3
# A shared machine gives each engineer a Redis database of their own: TEST_REDIS_URL names it.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


def redis_running() -> bool:
    """True when the Redis server of this machine answers."""
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except Exception:
        return False


@pytest.fixture(params=["files", "redis"])
def shared_cache(request, settings, tmp_path) -> dict[str, str]:
    """The cache the server and this test share, and the environment that gives it."""
    if request.param == "files":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": tmp_path / "cache",
            }
        }
        yield {"CACHE_DIR": str(tmp_path / "cache")}
        return
    if not redis_running():
        pytest.skip("no Redis server on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    from django.core.cache import cache

    cache.clear()
    yield {"REDIS_URL": REDIS_URL}
    cache.clear()


def fetch(url: str) -> tuple[str, str]:
    """(request id, page) of one GET."""
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - our own server
        return response.headers["X-Request-ID"], response.read().decode()


def workers_of(log: Path, ids: set[str]) -> set[str]:
    """The worker processes that answered these requests, from the access log."""
    found = set()
    for line in log.read_text().splitlines():
        match = re.match(r"pid=<?(\d+)>? id=(\S+)", line)
        if match and match.group(2) in ids:
            found.add(match.group(1))
    return found


def until_every_worker_answered(url: str, log: Path) -> list[str]:
    """Ask in parallel bursts until each worker has answered at least once; the pages."""
    ids, pages = set(), []
    with ThreadPoolExecutor(max_workers=WORKERS * 2) as pool:
        for _ in range(40):
            for rid, html in pool.map(fetch, [url] * WORKERS * 2):
                ids.add(rid)
                pages.append(html)
            if len(workers_of(log, ids)) == WORKERS:
                return pages
    raise AssertionError(f"only {workers_of(log, ids)} of {WORKERS} workers answered")


def test_an_edit_shows_at_once_in_every_worker(
    shared_cache, index, live, tmp_path, collected_static
):
    policy = live(PolicyFactory, key="gap", title="GAP support")
    indicator = live(IndicatorFactory, source="Statistics office")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("HTTPS", "DEBUG", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="sonla_kb.settings.prod",
        SECRET_KEY="k" * 10 + "-production-test-key-with-enough-variety-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        HTTPS="off",
        DATABASE_URL=database_url(),
        SEARCH_INDEX_DIR=str(index),
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(collected_static),
        BIND=f"127.0.0.1:{port}",
        WORKERS=str(WORKERS),
        ACCESS_LOG=str(tmp_path / "access.log"),
        **shared_cache,
    )
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "--config",
        str(ROOT / "deploy" / "gunicorn.conf.py"),
        "--access-logformat",
        "pid=%(p)s id=%({x-request-id}o)s %(s)s",
    ]
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "access.log"
    with server(command, env, base, tmp_path / "server.log"):
        for url in (f"{base}/policies/gap/", f"{base}/policies/"):
            pages = until_every_worker_answered(url, log)
            assert all("GAP support" in html for html in pages)

        policy.title = "GAP support, extended to 2030"
        live(policy.save)

        for url in (f"{base}/policies/gap/", f"{base}/policies/"):
            pages = until_every_worker_answered(url, log)
            assert all("GAP support, extended to 2030" in html for html in pages)

        # An indicator is not in the search index: the content generation alone tells.
        pages = until_every_worker_answered(f"{base}/", log)
        assert all(">Statistics office<" in html for html in pages)
        indicator.source = "Statistics office, revised"
        live(indicator.save)
        pages = until_every_worker_answered(f"{base}/", log)
        assert all(">Statistics office, revised<" in html for html in pages)
    assert "Traceback" not in (tmp_path / "server.log").read_text()

"""One contract, two engines: the setting picks one, and only a backend imports its engine."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from sonla_kb.search import backends

ROOT = Path(__file__).resolve().parents[2]
# Each engine's Python modules, and the only package allowed to import them.
ENGINES = {
    "whoosh": "sonla_kb/search/backends/whoosh",
    "psycopg": "sonla_kb/search/backends/postgres",
    "django.contrib.postgres": "sonla_kb/search/backends/postgres",
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def engine_of(module: str) -> str | None:
    for engine in ENGINES:
        if module == engine or module.startswith(engine + "."):
            return engine
    return None


def test_no_module_outside_a_backend_imports_its_engine():
    sources = [
        p
        for folder in ("sonla_kb", "policies", "presentations", "bench")
        for p in (ROOT / folder).rglob("*.py")
        if "migrations" not in p.parts
    ]
    assert len(sources) > 50
    wrong = []
    for path in sources:
        where = path.relative_to(ROOT).as_posix()
        for module in imported_modules(path):
            engine = engine_of(module)
            if engine and not where.startswith(ENGINES[engine] + "/") and "bench" not in where:
                wrong.append(f"{where} imports {module}")
    assert wrong == []


def test_the_check_finds_an_engine_imported_elsewhere(tmp_path):
    stray = tmp_path / "stray.py"
    stray.write_text("from whoosh import query\nimport psycopg\n")
    assert {engine_of(m) for m in imported_modules(stray)} == {"whoosh", "psycopg"}


def test_the_default_backend_is_whoosh(settings):
    del settings.SEARCH_BACKEND
    assert backends.current().__name__ == "sonla_kb.search.backends.whoosh"


def test_an_unknown_backend_is_refused(settings):
    settings.SEARCH_BACKEND = "solr"
    with pytest.raises(ImproperlyConfigured, match="must be one of"):
        backends.current()


def start_up(**env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SEARCH_BACKEND")}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**environ, "DJANGO_SETTINGS_MODULE": "sonla_kb.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_start_up_refuses_a_bad_backend_setting():
    postgres_on_sqlite = start_up(SEARCH_BACKEND="postgres", DATABASE_URL="sqlite:///x.db")
    assert postgres_on_sqlite.returncode != 0
    assert "SEARCH_BACKEND=postgres needs a PostgreSQL database" in postgres_on_sqlite.stderr
    unknown = start_up(SEARCH_BACKEND="elastic")
    assert unknown.returncode != 0
    assert "SEARCH_BACKEND is 'elastic'; it must be one of whoosh, postgres" in unknown.stderr

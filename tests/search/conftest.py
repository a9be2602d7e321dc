"""Helpers for search tests (the `index` and `live` fixtures are in tests/conftest.py)."""

import json
from pathlib import Path

import pytest

from sonla_kb import search
from sonla_kb.search import backends


@pytest.fixture
def whoosh_backend(settings):
    """For a test of what only the Whoosh backend has (its log, its segments)."""
    settings.SEARCH_BACKEND = "whoosh"


def set_cap(monkeypatch, name: str, value) -> None:
    """Set one limit of sonla_kb/search/limits.py in every module of the current backend."""
    package = backends.current()
    modules = [
        m
        for m in vars(package).values()
        if getattr(m, "__name__", "").startswith(package.__name__ + ".")
    ]
    patched = [m for m in modules if hasattr(m, name)]
    assert patched, f"no module of {package.__name__} uses {name}"
    for module in patched:
        monkeypatch.setattr(module, name, value)


def find(q: str = "", **params) -> dict:
    """The search answer, as /api/search/ computes it."""
    data = {"q": q, **{name: str(value) for name, value in params.items()}}
    return search.search(search.parse_params(data))


def keys(answer: dict) -> list[str]:
    """The keys of the results, in order."""
    return [r["key"] for r in answer["results"]]


def one_policy_kb(folder: Path) -> Path:
    """A knowledge-base file (kb-format.md) of one policy, "imported", about irrigation."""
    record = {
        "key": "imported",
        "title": "Imported measure on irrigation",
        "kind": "plan",
        "issuer": "Son La Provincial People's Committee",
        "issued_on": "2021-01-01",
        "status": "in_force",
    }
    path = folder / "kb.json"
    path.write_text(json.dumps({"format": "sonla-kb/1", "policies": [record]}))
    return path

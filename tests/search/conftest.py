"""Helpers for search tests (the `index` and `live` fixtures are in tests/conftest.py)."""

from sonla_kb import search


def find(q: str = "", **params) -> dict:
    """The search answer, as /api/search/ computes it."""
    data = {"q": q, **{name: str(value) for name, value in params.items()}}
    return search.search(search.parse_params(data))


def keys(answer: dict) -> list[str]:
    """The keys of the results, in order."""
    return [r["key"] for r in answer["results"]]

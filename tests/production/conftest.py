"""Helpers of the production tests: the search package's (`index` and `live` are global)."""

from tests.search.conftest import find, keys

__all__ = ["find", "keys"]

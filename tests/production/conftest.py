"""Fixtures of the production tests: the search package's (an index in tmp_path, live writes)."""

from tests.search.conftest import find, index, keys, live

__all__ = ["find", "index", "keys", "live"]

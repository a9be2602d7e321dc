"""Shared fixtures: every test gets its own index and media folders under tmp_path."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_folders(settings, tmp_path):
    """Point the search index and uploaded files at this test's own temporary folders."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.MEDIA_ROOT = tmp_path / "media"

"""The Whoosh backend's own tests run on Whoosh, whichever backend the run searches with."""

import pytest


@pytest.fixture(autouse=True)
def _whoosh(settings):
    settings.SEARCH_BACKEND = "whoosh"

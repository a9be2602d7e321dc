"""Helpers of the production tests: the search package's (`index` and `live` are global), and
the static files collected once for the gunicorn servers these tests start."""

import subprocess
from pathlib import Path

import pytest

from tests.search.conftest import find, keys

from .helpers import MANAGE, PYTHON, ROOT, production_env

__all__ = ["collected_static", "find", "keys"]


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """STATIC_ROOT as `make serve` fills it (production storage: hashed and compressed names).

    Collected once per test process, for the servers that only serve these files:
    collectstatic compresses every file and takes seconds each time. test_serve.py leaves
    it to `make serve` itself, as that is what it tests.
    """
    folder = tmp_path_factory.mktemp("collected-static")
    env = production_env(STATIC_ROOT=str(folder))
    command = [PYTHON, MANAGE, "collectstatic", "--noinput", "--verbosity", "0"]
    subprocess.run(command, env=env, cwd=ROOT, check=True, timeout=300)
    return folder

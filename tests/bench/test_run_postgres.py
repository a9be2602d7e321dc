"""The benchmark harness measures the site on PostgreSQL beside Whoosh, at a tiny size."""

import pytest
from django.db import connection

from bench import report, run
from tests.production.helpers import database_url

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a PostgreSQL server"),
]

# Paragraphs as the English corpus has them: long enough, words the English queries ask for.
PARAGRAPHS = [
    f"This software is free software; you can redistribute it under the terms of the license "
    f"version {n}. The documentation of package {n} lists every bug report and its fix, "
    f"and the maintainer reviews each release before it is uploaded."
    for n in range(12)
] + [
    f"Configuration files live in the source tree number {n}; install them with the usual "
    f"tools, and read the warranty and liability sections of the license first."
    for n in range(12)
]


@pytest.fixture
def bench_url():
    """A database of the benchmark's own beside the test database, dropped afterwards."""
    name = connection.settings_dict["NAME"]
    name = name if name.startswith("test_") else f"test_{name}"  # never a database of use
    url = database_url().rsplit("/", 1)[0] + f"/{name}_bench"
    yield url
    run.recreate_database(url, create=False)


def test_the_site_on_postgresql_is_measured_beside_whoosh(bench_url, tmp_path):
    argv = ["--sizes", "24", "--corpus", "en", "--rounds", "1", "--queries", "7"]
    argv += ["--profile", "0", "--second-rebuild", "none", "--quiet-wait", "0"]
    args = run.parse_args([*argv, "--out", str(tmp_path), "--postgres", bench_url])
    args.baseline = run.source_hashes()
    args.hostile_size = args.analysis_size = 0  # neither is what this test looks at
    args.hostile_corpus = "en"

    result = run.bench_size(24, "en", PARAGRAPHS, args)

    pg = result["postgres"]
    assert report.failures(result) == []
    assert {name: step["ok"] for name, step in pg["steps"].items()} == {
        "migrate": True,
        "import_kb": True,
        "rebuild_index": True,
        "queries": True,
    }
    assert pg["steps"]["rebuild_index"]["indexed"] == 24
    # The same queries, the same answers on both backends.
    whoosh_totals = [a["total"] for a in result["queries"]["answers"]["full"]]
    assert [a["total"] for a in pg["queries"]["answers"]["full"]] == whoosh_totals
    assert any(whoosh_totals)
    text = report.size_markdown(result)
    assert "| site on PostgreSQL: rebuild_index |" in text
    assert "| site on PostgreSQL: full-answer p95 ≤ 50 ms |" in text
    combined = report.combined_markdown(
        {"machine": report.machine(), "corpora": {}, "sizes": [result]}
    )
    assert "site on PostgreSQL: full answer p50 / p95" in combined

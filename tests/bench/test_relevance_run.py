"""`python -m bench.relevance` end to end, with a small judgment file (builds an index)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.relevance import report

ROOT = Path(__file__).resolve().parents[2]
JUDGMENTS = """\
records = ["p01", "p07", "gi-00056-son-la-coffee", "fb-004", "gone"]

[[query]]
id = "coined"
category = "english"
q = "cherryfloat"
grades = { p01 = 3 }

[[query]]
id = "gi"
category = "vi_accents"
q = "chỉ dẫn địa lý"
grades = { p07 = 3, "gi-00056-son-la-coffee" = 3, "fb-004" = 2, gone = 1 }

[[query]]
id = "gi-nfd"
category = "variants"
q = "chi\\u0309 da\\u0302\\u0303n \\u0111i\\u0323a ly\\u0301"
variant_of = "gi"
form = "NFD"
"""


@pytest.mark.slow
def test_the_harness_scores_three_engines_and_writes_its_reports(tmp_path):
    judgments = tmp_path / "judgments.toml"
    judgments.write_text(JUDGMENTS, encoding="utf-8")
    out = tmp_path / "out"
    argv = ["-m", "bench.relevance", "--out", str(out), "--no-readme", "--judgments", judgments]
    done = subprocess.run(
        [sys.executable, *map(str, argv)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads((out / "relevance.json").read_text(encoding="utf-8"))
    rows = {row["id"]: row for row in result["queries"]}
    assert set(rows) == {"coined", "gi", "gi-nfd"}
    # The coined word is only in the speaker notes of p01's slides: every engine reads them.
    for engine in ("site", "fts5", "whoosh"):
        assert rows["coined"]["engines"][engine]["top10"][0] == "p01"
        assert rows["coined"]["engines"][engine]["ndcg10"] == pytest.approx(1.0)
    assert result["summary"]["all"]["queries"] == 3
    assert len(result["dataset"]["kb.json sha256"]) == 16
    assert isinstance(result["paging_differs"], list)
    assert result["judged_but_missing"] == ["gone"]
    assert result["paging_differs_after_edits"]["records_saved"] > 0
    # Records outside the four that were read are listed for someone to judge.
    unread = {rid for row in rows.values() for rid in row["engines"]["fts5"]["unjudged_top5"]}
    assert unread
    assert unread.isdisjoint({"p01", "p07", "gi-00056-son-la-coffee", "fb-004"})
    md = (out / "relevance.md").read_text(encoding="utf-8")
    assert "| english | 1 |" in md
    assert "Records in a top 5 that nobody has judged" in md
    assert "`gone`" in md

    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\nbefore\n{report.START}\nold\n{report.END}\nafter\n")
    report.update_readme(result, readme=readme)
    text = readme.read_text()
    assert "old" not in text
    assert text.startswith("# x\n\nbefore\n") and text.endswith("after\n")
    assert "| **all** | 3 |" in text


def test_a_readme_without_the_markers_is_left_alone(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n")
    with pytest.raises(SystemExit, match="needs exactly one"):
        report.update_readme({}, readme=readme)
    assert readme.read_text() == "# no markers\n"


@pytest.mark.django_db
def test_the_paging_check_reads_the_whole_ranking_as_deep_as_the_pages(live):
    """Three pages of 10 against one page of 100: 25 matches must not count as a fault."""
    from bench.relevance import run
    from bench.relevance.engines import site
    from tests.factories import PolicyFactory

    for n in range(25):
        live(PolicyFactory, title=f"Coffee plan {n}", summary="coffee " * (n % 5 + 1))
    whole_page = site(depth=20, per_page=100)
    assert run._paging_faults(["coffee"], whole_page) == []

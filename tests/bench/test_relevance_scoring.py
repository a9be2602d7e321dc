"""Summing the relevance scores up by category, and the comparisons the report draws."""

import pytest

from bench.relevance import scoring
from bench.relevance.judgments import Judgments, Query

ENGINES = ("site", "fts5")


def _row(qid, category, site, fts5, *, form=None, variant_of=None):
    def scores(ranking):
        return {"p5": None, "ndcg10": None, "recall20": None, "top10": ranking}

    row = {"id": qid, "category": category, "form": form, "variant_of": variant_of}
    row["engines"] = {"site": site, "fts5": fts5}
    for engine, value in row["engines"].items():
        if isinstance(value, list):
            row["engines"][engine] = scores(value)
    return row


def _scores(p5, ndcg10, recall20):
    return {"p5": p5, "ndcg10": ndcg10, "recall20": recall20, "top10": []}


def test_a_query_is_scored_with_its_misses_and_unread_records():
    query = Query("q", "english", "x", {"a": 3, "b": 1})
    scored = scoring.score_query(query, ["new", "a"], read=frozenset({"a", "b"}))
    assert scored["p5"] == pytest.approx(1 / 2)
    assert scored["recall20"] == pytest.approx(1 / 2)
    assert scored["missed"] == ["b"]
    assert scored["unjudged_top5"] == ["new"]


def test_the_summary_is_the_mean_per_category_and_over_all():
    rows = [
        _row("e1", "english", _scores(1.0, 1.0, 1.0), _scores(0.5, 0.5, 0.5)),
        _row("e2", "english", _scores(0.0, 0.0, 0.0), _scores(0.5, 0.5, 0.5)),
        _row("v1", "vi_accents", _scores(1.0, None, 1.0), _scores(0.0, 0.0, 0.0)),
    ]
    summary = scoring.summarise(rows, ENGINES)
    assert summary["english"]["queries"] == 2
    assert summary["english"]["site"]["p5"] == pytest.approx(0.5)
    assert summary["all"]["site"]["p5"] == pytest.approx(2 / 3)
    assert summary["all"]["site"]["ndcg10"] == pytest.approx(0.5)  # None is left out
    assert "syntax" not in summary
    assert scoring.losses(summary, engine="site", against="fts5") == []
    rows[0]["engines"]["site"] = _scores(0.0, 0.0, 0.0)
    lost = scoring.losses(scoring.summarise(rows, ENGINES), engine="site", against="fts5")
    assert ("english", "p5") in lost
    assert ("vi_accents", "p5") not in lost


def test_a_variant_agrees_when_its_top_10_is_that_of_its_ordinary_form():
    judged = Judgments(
        [
            Query("base", "vi_accents", "tái canh", {"a": 3}),
            Query("nfd", "variants", "ta\u0301i canh", {"a": 3}, variant_of="base", form="NFD"),
            Query("caps", "variants", "TÁI CANH", {"a": 3}, variant_of="base", form="capitals"),
        ]
    )
    rows = [
        _row("base", "vi_accents", ["a", "b"], ["a"]),
        _row("nfd", "variants", [], ["a"]),
        _row("caps", "variants", ["a", "b"], ["a"]),
    ]
    agreement = scoring.variant_agreement(judged, rows, ENGINES)
    assert agreement["site"] == {"variants": 2, "same_top10": 1, "differing": ["nfd"]}
    assert agreement["fts5"]["differing"] == []

"""Score every query's rankings, and sum them up by category and engine."""

from typing import Any

from . import metrics
from .judgments import CATEGORIES, Judgments, Query

P_AT, NDCG_AT, RECALL_AT = 5, 10, 20
MEASURES = ("p5", "ndcg10", "recall20")


def score_query(query: Query, ranking: list[str], *, read: frozenset[str]) -> dict[str, Any]:
    """The three measures of one ranking, what it missed and what nobody has judged."""
    return {
        "p5": metrics.precision_at(ranking, query.grades, k=P_AT),
        "ndcg10": metrics.ndcg_at(ranking, query.grades, k=NDCG_AT),
        "recall20": metrics.recall_at(ranking, query.grades, k=RECALL_AT),
        "top10": ranking[:10],
        "missed": metrics.misses(ranking, query.grades, k=RECALL_AT),
        "unjudged_top5": metrics.unjudged(ranking, read=read, k=P_AT) if read else [],
    }


def summarise(rows: list[dict[str, Any]], engines: tuple[str, ...]) -> dict[str, Any]:
    """Mean of each measure per category and over all queries, engine by engine."""
    groups = {c: [r for r in rows if r["category"] == c] for c in CATEGORIES}
    groups["all"] = rows
    summary: dict[str, Any] = {}
    for name, group in groups.items():
        if not group:
            continue
        summary[name] = {"queries": len(group)}
        for engine in engines:
            summary[name][engine] = {
                m: metrics.mean(r["engines"][engine][m] for r in group) for m in MEASURES
            }
    return summary


def losses(summary: dict[str, Any], *, engine: str, against: str) -> list[tuple[str, str]]:
    """The (category, measure) pairs where `engine` scores below `against`."""
    found = []
    for category, row in summary.items():
        for m in MEASURES:
            ours, theirs = row[engine][m], row[against][m]
            if ours is not None and theirs is not None and ours < theirs - 1e-9:
                found.append((category, m))
    return found


def variant_agreement(
    judgments: Judgments, rows: list[dict[str, Any]], engines: tuple[str, ...]
) -> dict[str, Any]:
    """For each variant query (NFD, tone, i/y, capitals): is its top 10 that of its base?"""
    by_id = {r["id"]: r for r in rows}
    out: dict[str, Any] = {}
    variants = [q for q in judgments.queries if q.category == "variants" and q.variant_of]
    for engine in engines:
        differing = [
            q.id
            for q in variants
            if by_id[q.id]["engines"][engine]["top10"]
            != by_id[q.variant_of]["engines"][engine]["top10"]
        ]
        out[engine] = {"variants": len(variants), "same_top10": len(variants) - len(differing)}
        out[engine]["differing"] = differing
    return out

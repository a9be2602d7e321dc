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


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The figures issues 9 and 10 ask for, each with the site's value and whether it is met."""
    summary = result["summary"]
    site = {c: row["site"] for c, row in summary.items()}
    forms = {r["id"]: r["form"] or "" for r in result["queries"]}
    differing = result["variants"]["site"]["differing"]
    spelled = [q for q in differing if "NFD" in forms[q] or "tone" in forms[q]]
    lost = [c for c, _ in result["losses_to_fts5"]]
    out = [
        _target("overall P@5 ≥ 0.85", site["all"]["p5"], 0.85),
        _target("overall R@20 ≥ 0.85", site["all"]["recall20"], 0.85),
        {
            "target": "every category at or above FTS5 on every measure",
            "value": ", ".join(dict.fromkeys(lost)) or "none below",
            "met": not lost,
        },
        _target("misspellings R@20 ≥ 0.70", site.get("misspellings", {}).get("recall20"), 0.70),
        {
            "target": "NFD and tone-placement variants: the top 10 of their ordinary form",
            "value": f"{len(spelled)} differ",
            "met": not spelled,
        },
    ]
    if "cross_language" in summary:
        cross = summary["cross_language"]
        out += [
            _target("cross_language R@20 ≥ 0.75", cross["site"]["recall20"], 0.75),
            _target("cross_language P@5 ≥ 0.80", cross["site"]["p5"], 0.80),
            {
                "target": "cross_language above FTS5 and Whoosh on every measure",
                "value": "",
                "met": all(
                    (cross["site"][m] or 0) > max(cross[e][m] or 0 for e in ("fts5", "whoosh"))
                    for m in MEASURES
                ),
            },
        ]
    return out


def _target(name: str, value: float | None, bound: float) -> dict[str, Any]:
    return {
        "target": name,
        "value": None if value is None else round(value, 2),
        "met": value is not None and value >= bound,
    }

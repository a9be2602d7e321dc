"""The query benchmark, run in its own process against one corpus's database and index.

`python -m bench.queries --kb FILE --fts DB --json OUT [--corpus vi] [--rounds 5]
[--profile N] [--ways full]`, with DJANGO_SETTINGS_MODULE, DATABASE_URL and
SEARCH_INDEX_DIR pointing at that corpus; `--corpus` picks the query list of its language.
Each query is answered five ways (or those `--ways` names: `--ways full` alone needs
neither a Whoosh index nor `--fts`, and times the site on SEARCH_BACKEND=postgres); after
one warm-up pass, every query is timed `rounds` times per way, the ways interleaved so
that noise falls on all of them alike.
"""

import argparse
import cProfile
import io
import json
import pstats
import re
import resource
import sys
import time
import traceback
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import django

Params = dict[str, str]

# Built from words that /usr/share/doc is full of; {folded} and {accented} come from the
# corpus: its most frequent accented word, without and with its accents.
QUERIES: list[tuple[str, Params]] = [
    ("word", {"q": "license"}),
    ("word", {"q": "software"}),
    ("word", {"q": "debian"}),
    ("word", {"q": "documentation"}),
    ("plural (stemmed)", {"q": "packages"}),
    ("two words", {"q": "free software"}),
    ("two words", {"q": "bug report"}),
    ("phrase", {"q": '"free software foundation"'}),
    ("prefix", {"q": "config*"}),
    ("short prefix", {"q": "inst*"}),
    ("OR", {"q": "warranty OR liability"}),
    ("NOT", {"q": "license NOT gpl"}),
    ("group", {"q": "(upstream OR maintainer) release"}),
    ("field", {"q": "title:debian"}),
    ("type filter", {"q": "package", "type": "policy"}),
    ("tag filter", {"q": "software", "tag": "GAP"}),
    ("year range", {"q": "version", "year": "2019-2021"}),
    ("lang filter", {"q": "memory", "lang": "en"}),
    ("accent-free", {"q": "{folded}"}),
    ("accented", {"q": "{accented}"}),
    ("misspelled", {"q": "licnese"}),
    ("near spelling", {"q": "documantation~"}),
    ("stop words", {"q": "distributed under the terms"}),
    ("sort newest, empty q", {"sort": "newest"}),
    ("empty q, type + tag", {"type": "feedback", "tag": "Export"}),
    ("two words, newest", {"q": "source code", "sort": "newest"}),
    ("page 2", {"q": "python", "page": "2"}),
]

# The same kinds of query in Vietnamese, with words read in the corpus of catalogue
# messages (`python -m bench.corpus --corpus vi`): "tập tin" (file) is in about one
# message of ten, "lỗi" (error) one of fifteen, "mật khẩu" (password) in 56 of 9,400. The
# corpus writes "hòa trộn" (merge) with the new tone placement, so "hoà trộn" is the old one.
QUERIES_VI: list[tuple[str, Params]] = [
    ("word, one syllable", {"q": "lỗi"}),
    ("word, two syllables", {"q": "tập tin"}),
    ("word, two syllables", {"q": "thư mục"}),
    ("word, two syllables", {"q": "mật khẩu"}),
    ("plural marker (các)", {"q": "các tập tin"}),
    ("two words", {"q": "tập tin cấu hình"}),
    ("two words", {"q": "người dùng mật khẩu"}),
    ("phrase", {"q": '"biểu thức chính quy"'}),
    ("prefix", {"q": "chuy*"}),
    ("short prefix", {"q": "ng*"}),
    ("OR", {"q": "cảnh báo OR thất bại"}),
    ("NOT", {"q": "tập tin NOT thư mục"}),
    ("group", {"q": "(máy chủ OR người dùng) kết nối"}),
    ("field", {"q": "title:lỗi"}),
    ("type filter", {"q": "gói", "type": "policy"}),
    ("tag filter", {"q": "phần mềm", "tag": "GAP"}),
    ("year range", {"q": "phiên bản", "year": "2019-2021"}),
    ("lang filter", {"q": "bộ nhớ", "lang": "vi"}),
    ("accent-free", {"q": "khong tim thay"}),
    ("accented", {"q": "không tìm thấy"}),
    ("accent-free syllable", {"q": "loi"}),
    ("decomposed (NFD)", {"q": unicodedata.normalize("NFD", "đường dẫn")}),
    ("old tone placement", {"q": "hoà trộn"}),
    ("capitals with Đ", {"q": "ĐƯỜNG DẪN"}),
    ("misspelled", {"q": "mật khẩuu"}),
    ("near spelling", {"q": "chuyểm~"}),
    ("function words", {"q": "được dùng cho các"}),
    ("sort newest, empty q", {"sort": "newest"}),
    ("empty q, type + tag", {"type": "feedback", "tag": "Export"}),
    ("two words, newest", {"q": "dữ liệu", "sort": "newest"}),
    ("page 2", {"q": "tập tin", "page": "2"}),
]
QUERY_SETS = {"en": QUERIES, "vi": QUERIES_VI}
WAYS = ("full", "cold", "straight", "bare", "fts5")


def accented_word(kb_path: Path) -> str:
    """The corpus's most frequent accented word of four letters or more (lower case)."""
    counts: Counter = Counter()
    for word in re.findall(r"\w+", kb_path.read_text(encoding="utf-8")):
        if len(word) >= 4 and not word.isascii() and word.isalpha():
            counts[word.lower()] += 1
    return counts.most_common(1)[0][0] if counts else "café"


def fold_accents(word: str) -> str:
    """The word without its accents."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fixed_queries(kb_path: Path, corpus: str = "en") -> list[tuple[str, Params]]:
    """The corpus's queries, with its accented word filled in where a query asks for it."""
    queries = QUERY_SETS[corpus]
    if not any("{" in v for _, p in queries for v in p.values()):
        return list(queries)
    accented = accented_word(kb_path)
    fill = {"{folded}": fold_accents(accented), "{accented}": accented}
    return [(label, {k: fill.get(v, v) for k, v in p.items()}) for label, p in queries]


def describe(params: Params) -> str:
    """The query as its parameters, for the report: `q=tập tin&page=2`, readable, not encoded."""
    return "&".join(f"{key}={value}" for key, value in params.items())


class Ways:
    """The five ways to answer a query, sharing one Whoosh searcher and one FTS5 connection.

    With `names` ("full" alone), only those: the full answer needs no Whoosh index of its
    own when the site searches PostgreSQL.
    """

    def __init__(self, fts_path: Path | None, names: tuple[str, ...] = WAYS):
        self.names = names
        if names == ("full",):
            return
        from whoosh import index as whoosh_index
        from whoosh.qparser import FuzzyTermPlugin, MultifieldParser

        from sonla_kb.search.backends.whoosh import storage
        from sonla_kb.search.backends.whoosh.schema import FIELD_BOOSTS

        from . import fts
        from .corpus import THEMES

        generation = storage.current_generation(storage.index_root())
        if generation is None:
            raise RuntimeError("there is no search index: did rebuild_index run?")
        self.ix = whoosh_index.open_dir(str(generation))
        self.searcher = self.ix.searcher()
        # The straightforward way searches the boosted fields: the title and the text fields.
        self.parser = MultifieldParser(list(FIELD_BOOSTS), self.ix.schema, fieldboosts=FIELD_BOOSTS)
        self.parser.add_plugin(FuzzyTermPlugin())
        self.slugs = fts.theme_slugs(THEMES)
        self.fts = fts.Searcher(fts_path)

    def run(self, way: str, params: Params) -> dict[str, Any]:
        """Answer one query one way; return what the answer says (total, bytes, ...)."""
        return getattr(self, way)(params)

    def full(self, params: Params) -> dict[str, Any]:
        """(a) The code behind /api/search/: parse_params, search, the JSON response."""
        from django.http import JsonResponse, QueryDict

        from sonla_kb.search import parse_params, search

        answer = search(parse_params(QueryDict(urlencode(params))))
        body = JsonResponse(answer, json_dumps_params={"ensure_ascii": False}).content
        if answer.get("notice") and "index is unavailable" in answer["notice"]:
            raise RuntimeError("the engine fell back to the database: " + answer["notice"])
        return {"total": answer["total"], "bytes": len(body), "suggestion": answer["suggestion"]}

    def cold(self, params: Params) -> dict[str, Any]:
        """(a') The same, with no decoded posting list kept: every list is read and decoded
        from the index again, as for words no recent search used. The lists kept for the
        other queries are set aside meanwhile, not lost."""
        from sonla_kb.search.backends.whoosh.vectors import CACHE

        with CACHE.set_aside():
            return self.full(params)

    def _query_and_filter(self, params: Params):
        from whoosh import query as wq

        q = params.get("q", "").strip()
        query = self.parser.parse(q) if q else wq.Every()
        parts = []
        if params.get("type"):
            parts.append(wq.Term("type", params["type"]))
        if params.get("tag"):
            parts.append(wq.Term("tagid", self.slugs.get(params["tag"].lower(), "?")))
        if params.get("year"):
            start, _, end = params["year"].partition("-")
            parts.append(wq.TermRange("year", start, end or start))
        if params.get("lang"):
            parts.append(wq.Term("language", params["lang"]))
        filt = wq.And(parts) if parts else None
        sort = params.get("sort") or ("relevance" if q else "newest")
        sorting = (
            {} if sort == "relevance" else {"sortedby": "datenum", "reverse": sort == "newest"}
        )
        return q, query, filt, sorting

    def straight(self, params: Params) -> dict[str, Any]:
        """(b) The straightforward Whoosh way: groupedby facets, len(results), highlights."""
        from django.utils.html import escape
        from whoosh import sorting as ws

        q, query, filt, sorting = self._query_and_filter(params)
        page = int(params.get("page", 1))
        facets = {
            "type": ws.FieldFacet("type", maptype=ws.Count),
            "tagid": ws.FieldFacet("tagid", allow_overlap=True, maptype=ws.Count),
            "year": ws.FieldFacet("year", maptype=ws.Count),
        }
        results = self.searcher.search(
            query, limit=page * 10, filter=filt, groupedby=facets, terms=bool(q), **sorting
        )
        total = len(results)
        counts = {name: dict(results.groups(name)) for name in facets}
        items = []
        for hit in results[(page - 1) * 10 : page * 10]:
            content = hit.get("content") or ""
            field = "text_vi" if hit.get("language") == "vi" else "text_en"
            snippet = hit.highlights(field, text=content) if q else escape(content[:240])
            items.append(
                {
                    "type": hit["type"],
                    "key": hit["key"],
                    "title": hit["title"],
                    "url": hit["url"],
                    "snippet": snippet,
                    "tags": list(hit.get("tagnames") or []),
                    "date": hit.get("date"),
                    "language": hit.get("language"),
                    "score": hit.score,
                }
            )
        answer = {"query": q, "total": total, "page": page, "results": items, "facets": counts}
        body = json.dumps(answer, ensure_ascii=False, default=str)
        return {"total": total, "bytes": len(body)}

    def bare(self, params: Params) -> dict[str, Any]:
        """(c) A bare Whoosh top-10: the same query and filters, the stored titles only."""
        _, query, filt, sorting = self._query_and_filter(params)
        page = int(params.get("page", 1))
        results = self.searcher.search(query, limit=page * 10, filter=filt, **sorting)
        titles = [hit["title"] for hit in results[(page - 1) * 10 : page * 10]]
        return {"hits": len(titles)}

    def fts5(self, params: Params) -> dict[str, Any]:
        """(d) SQLite FTS5 on the same text: one page of ids and titles."""
        return {"hits": len(self.fts.top(params, self.slugs))}


def time_all(ways: Ways, queries: list[tuple[str, Params]], rounds: int) -> dict[str, Any]:
    """Warm up once, then time every query `rounds` times each way; errors are kept, not hidden."""
    samples = {way: [[] for _ in queries] for way in ways.names}
    cpu = {way: [[] for _ in queries] for way in ways.names}
    answers: dict[str, list[Any]] = {way: [None] * len(queries) for way in ways.names}
    errors: dict[str, list[str | None]] = {way: [None] * len(queries) for way in ways.names}
    cold: dict[str, float] = {}
    for round_no in range(rounds + 1):
        for i, (_, params) in enumerate(queries):
            for way in ways.names:
                if errors[way][i]:
                    continue
                started, started_cpu = time.perf_counter(), time.process_time()
                try:
                    answer = ways.run(way, params)
                except Exception as exc:
                    errors[way][i] = f"{type(exc).__name__}: {exc}"
                    traceback.print_exc(file=sys.stderr)
                    continue
                elapsed = (time.perf_counter() - started) * 1000
                elapsed_cpu = (time.process_time() - started_cpu) * 1000
                if round_no == 0:
                    answers[way][i] = answer
                    cold.setdefault(way, elapsed)
                else:
                    samples[way][i].append(elapsed)
                    cpu[way][i].append(elapsed_cpu)
    return {
        "samples": samples,
        "cpu_samples": cpu,
        "answers": answers,
        "errors": errors,
        "cold_first_ms": cold,
    }


def profile_full(ways: Ways, queries: list[tuple[str, Params]], calls: int) -> str:
    """cProfile of the full answer: each query alone, then all together, by cumulative time."""
    out = io.StringIO()
    merged = cProfile.Profile()
    for label, params in queries:
        alone = cProfile.Profile()
        for profiler in (alone, merged):
            profiler.enable()
            for _ in range(calls):
                ways.full(params)
            profiler.disable()
        out.write(f"\n=== {label}: {describe(params)} ({calls} calls) ===\n")
        pstats.Stats(alone, stream=out).strip_dirs().sort_stats("cumulative").print_stats(30)
    out.write("\n=== all profiled queries together ===\n")
    stats = pstats.Stats(merged, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(50)
    out.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(30)
    return out.getvalue()


# The stages of the full answer, as (file, function) in the profile; those found are shown.
STAGES = [
    ("queries.py", "full", "the whole full answer, JSON included"),
    ("params.py", "parse_params", "read and check the parameters"),
    ("themes.py", "resolve_tags", "tag names to slugs (database)"),
    ("searcher.py", "current", "the process's searcher"),
    ("engine.py", "_catch_up_if_behind", "look at the change log"),
    ("querying.py", "parse_text", "parse the query"),
    ("expansion.py", "expand", "expand prefixes and near spellings"),
    ("searching.py", "docs_for_query", "list every matching document"),
    ("searching.py", "search", "score the page (Whoosh search)"),
    ("searcher.py", "by_date", "order by date"),
    ("searcher.py", "count", "facet counts (tally)"),
    ("engine.py", "_highlight_terms", "terms to mark"),
    ("answer.py", "to_result", "stored fields and snippets"),
    ("spelling.py", "suggestion_for", "spelling suggestion"),
    ("themes.py", "facet_labels", "facet labels (database)"),
    ("response.py", "__init__", "JsonResponse (json.dumps)"),
]


def breakdown(ways: Ways, queries: list[tuple[str, Params]], calls: int = 1) -> str:
    """Where the full answer's time goes over every query: cumulative time per stage."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        for _, params in queries:
            ways.full(params)
    profiler.disable()
    totals: dict[tuple[str, str], float] = {}
    for (filename, _, func), (_, _, _, cumulative, _) in pstats.Stats(profiler).stats.items():
        key = (Path(filename).name, func)
        totals[key] = totals.get(key, 0.0) + cumulative
    whole = totals.get(("queries.py", "full"), 0.0) or 1.0
    n = len(queries) * calls
    lines = [
        f"Full answer over all {len(queries)} queries x {calls} (cProfile, cumulative time; "
        "stages may nest):",
        f"{'stage':<44} {'ms/query':>9} {'share':>7}",
    ]
    for filename, func, what in STAGES:
        if (filename, func) in totals:
            ms = totals[(filename, func)] * 1000 / n
            share = totals[(filename, func)] / whole
            lines.append(f"{what + ' (' + func + ')':<44} {ms:>9.1f} {share:>7.0%}")
    return "\n".join(lines) + "\n"


def peak_rss_mib() -> float:
    """This process's peak resident memory so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    """Run the query benchmark and write its raw results as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=Path, required=True)
    parser.add_argument("--fts", type=Path, help="the FTS5 database (not with --ways full)")
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", choices=sorted(QUERY_SETS), default="en")
    parser.add_argument("--queries", type=int, default=None, help="only the first N queries")
    parser.add_argument("--profile", type=int, default=0, help="profile the N slowest queries")
    parser.add_argument("--profile-out", type=Path)
    parser.add_argument(
        "--ways", default=",".join(WAYS), help=f"the ways, comma-separated: {', '.join(WAYS)}"
    )
    args = parser.parse_args(argv)
    names = tuple(w for w in WAYS if w in args.ways.split(","))
    if not names:
        parser.error(f"--ways names none of {', '.join(WAYS)}")
    if names != ("full",) and args.fts is None:
        parser.error("--fts is needed for any way but full")
    django.setup()
    queries = fixed_queries(args.kb, args.corpus)[: args.queries]
    ways = Ways(args.fts, names)
    rss_start = peak_rss_mib()
    result = time_all(ways, queries, args.rounds)
    result["queries"] = [{"label": label, "params": describe(p)} for label, p in queries]
    result["rounds"] = args.rounds
    result["ways"] = list(names)
    result["peak_rss_mib"] = peak_rss_mib()
    result["rss_after_setup_mib"] = rss_start
    if args.profile and args.profile_out:
        full = result["samples"]["full"]
        # A query that failed (page 2 of a small corpus) is reported, not profiled.
        answered = [i for i in range(len(queries)) if not result["errors"]["full"][i]]
        by_p50 = sorted(answered, key=lambda i: -_median(full[i]))
        chosen = [queries[i] for i in by_p50[: args.profile]]
        header = "".join(f"# {label}: {describe(p)}\n" for label, p in chosen)
        text = breakdown(ways, [queries[i] for i in answered]) + "\n" + header
        args.profile_out.write_text(text + profile_full(ways, chosen, calls=args.rounds))
        result["profiled"] = [describe(p) for _, p in chosen]
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str))


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2] if values else 0.0


if __name__ == "__main__":
    main()

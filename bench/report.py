"""The benchmark's report: the machine, the corpora side by side, growth, and each size."""

import datetime as dt
import os
import platform
import sqlite3
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from .analysis_report import analysis_markdown
from .corpora import CORPORA
from .measure import percentile

WAY_NAMES = {
    "full": "full answer (code of /api/search/)",
    "cold": "full answer, posting lists decoded anew",
    "straight": "straightforward Whoosh full answer",
    "bare": "bare Whoosh top-10",
    "fts5": "SQLite FTS5 top-10",
}
MEASURED_CODE = (
    "sonla_kb/search/",
    "sonla_kb/interchange/",
    "sonla_kb/management/",
    "sonla_kb/settings/base.py",
    "sonla_kb/settings/dev.py",
    "sonla_kb/settings/env.py",
    "sonla_kb/themes.py",
    "sonla_kb/records.py",
)
TARGET_SIZE = 50_000
TARGET_P95_MS = 50.0
TARGET_SPEEDUP = 3.0
TARGET_REBUILD_RATE = 1000.0
TARGET_REBUILD_MIB = 1024.0
PG = "site on PostgreSQL"


def machine() -> dict[str, Any]:
    """Where and when the benchmark ran."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = int(Path("/proc/meminfo").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        mem_kib = 0
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "memory_gib": round(mem_kib / 2**20, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "django": _version("Django"),
        "whoosh": _version("Whoosh-Reloaded"),
        "sqlite": sqlite3.sqlite_version,
        "commit": _commit(),
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def _commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10
        )
        return done.stdout.strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


def way_stats(result: dict[str, Any], way: str, kind: str = "samples") -> dict[str, float] | None:
    """p50 and p95 of one way over every query and round (queries that failed left out).

    `kind` "samples" is wall-clock time; "cpu_samples" the CPU time of the process.
    """
    queries = result.get("queries")
    if not queries or kind not in queries:
        return None
    pooled = [ms for per_query in queries[kind][way] for ms in per_query]
    if not pooled:
        return None
    return {"p50": percentile(pooled, 50), "p95": percentile(pooled, 95), "n": len(pooled)}


def targets(result: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """The issue's targets at this size: (target, value, met); met None when not measured."""
    full, straight = way_stats(result, "full"), way_stats(result, "straight")
    rebuild = result["steps"].get("rebuild_index") or {}
    rows: list[tuple[str, str, bool | None]] = []
    if full:
        rows.append(
            (
                f"full-answer p95 ≤ {TARGET_P95_MS:.0f} ms",
                _ms(full["p95"]),
                full["p95"] <= TARGET_P95_MS,
            )
        )
    else:
        rows.append((f"full-answer p95 ≤ {TARGET_P95_MS:.0f} ms", "not measured", None))
    if full and straight:
        for p in ("p50", "p95"):
            ratio = straight[p] / full[p] if full[p] else float("inf")
            rows.append(
                (
                    f"≥ {TARGET_SPEEDUP:.0f}x faster than straightforward ({p})",
                    f"{ratio:.1f}x",
                    ratio >= TARGET_SPEEDUP,
                )
            )
    else:
        rows.append((f"≥ {TARGET_SPEEDUP:.0f}x faster than straightforward", "not measured", None))
    if rebuild.get("rate"):
        rows.append(
            (
                f"rebuild_index ≥ {TARGET_REBUILD_RATE:,.0f} records/s",
                f"{rebuild['rate']:,.0f}/s",
                rebuild["rate"] >= TARGET_REBUILD_RATE,
            )
        )
        rows.append(
            (
                f"rebuild_index peak RSS (all processes) ≤ {TARGET_REBUILD_MIB:,.0f} MiB",
                f"{rebuild['tree_peak_mib']:,.0f} MiB",
                rebuild["tree_peak_mib"] <= TARGET_REBUILD_MIB,
            )
        )
    else:
        rows.append((f"rebuild_index ≥ {TARGET_REBUILD_RATE:,.0f} records/s", "not measured", None))
    if "postgres" in result:
        rows += postgres_targets(result["postgres"])
    return rows


def postgres_targets(pg: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """The issue's targets for the site on PostgreSQL: full-answer p95, rebuild rate."""
    full = way_stats(pg, "full")
    rebuild = pg["steps"].get("rebuild_index") or {}
    p95_name = f"{PG}: full-answer p95 ≤ {TARGET_P95_MS:.0f} ms"
    rate_name = f"{PG}: rebuild_index ≥ {TARGET_REBUILD_RATE:,.0f} records/s"
    rows: list[tuple[str, str, bool | None]] = [
        (p95_name, _ms(full["p95"]), full["p95"] <= TARGET_P95_MS)
        if full
        else (p95_name, "not measured", None)
    ]
    if rebuild.get("rate"):
        rows.append(
            (rate_name, f"{rebuild['rate']:,.0f}/s", rebuild["rate"] >= TARGET_REBUILD_RATE)
        )
    else:
        rows.append((rate_name, "not measured", None))
    return rows


def failures(result: dict[str, Any]) -> list[str]:
    """Every part of one size that failed, one line each."""
    steps = result.get("steps", {})
    lines = [f"{name}: {step['error']}" for name, step in steps.items() if not step["ok"]]
    if result.get("error"):
        lines.append(f"bench: {result['error']}")
    queries = result.get("queries")
    if queries:
        for way, errors in queries["errors"].items():
            for i, error in enumerate(errors):
                if error:
                    lines.append(f"{way} on `{queries['queries'][i]['params']}`: {error}")
    pg = result.get("postgres")
    if pg:
        lines += [f"{PG}: {line}" for line in failures(pg)]
    return lines


def _ms(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.1f} ms" if value < 100 else f"{value:,.0f} ms"


def _rate(step: dict[str, Any] | None) -> str:
    if not step:
        return "not run"
    if not step["ok"]:
        return "FAILED"
    return f"{step['rate']:,.0f}" if step.get("rate") else ""


def _rss(step: dict[str, Any] | None, *, tree: bool = False) -> str:
    if not step:
        return ""
    text = f"{step['maxrss_mib']:,.0f} MiB"
    if tree and step["tree_peak_mib"] > step["maxrss_mib"] * 1.05:
        text = f"{step['tree_peak_mib']:,.0f} MiB all processes (largest {text})"
    return text


def rebuild_steps(result: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The rebuild runs of one size, labelled; the command's default first."""
    procs = result.get("rebuild_default_procs")
    steps = result["steps"]
    found = (
        [(f"rebuild_index (default: --procs {procs})", steps["rebuild_index"])]
        if ("rebuild_index" in steps)
        else []
    )
    found += [(n, st) for n, st in steps.items() if n.startswith("rebuild_index --procs")]
    return found


def summary_table(result: dict[str, Any]) -> str:
    """The issue's reference table for one size."""
    steps = result["steps"]
    rows = [
        "| what | import rec/s | rebuild rec/s | peak RSS | query p50 | query p95 |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    imp = steps.get("import_kb")
    rows.append(f"| import_kb | {_rate(imp)} | | {_rss(imp)} | | |")
    for label, step in rebuild_steps(result):
        rows.append(f"| {label} | | {_rate(step)} | {_rss(step, tree=True)} | | |")
    query_step = steps.get("queries")
    for way, name in WAY_NAMES.items():
        stats = way_stats(result, way)
        p50, p95 = (_ms(stats["p50"]), _ms(stats["p95"])) if stats else ("not run", "")
        if query_step and not query_step["ok"]:
            p50 = "FAILED"
        build, rss = "", ""
        if way == "full" and query_step:
            rss = f"{query_step['maxrss_mib']:,.0f} MiB ¹"
        if way == "fts5":
            fts = steps.get("fts5 build")
            build = f"{_rate(fts)} (build)" if fts else ""
            rss = f"{_rss(fts)} (build)" if fts else ""
        rows.append(f"| {name} | | {build} | {rss} | {p50} | {p95} |")
    pg = result.get("postgres")
    if pg:
        pg_steps = pg["steps"]
        imp, rebuild = pg_steps.get("import_kb"), pg_steps.get("rebuild_index")
        rows.append(f"| {PG}: import_kb | {_rate(imp)} | | {_rss(imp)} | | |")
        rows.append(
            f"| {PG}: rebuild_index | | {_rate(rebuild)} | {_rss(rebuild, tree=True)} | | |"
        )
        stats, query_step = way_stats(pg, "full"), pg_steps.get("queries")
        p50, p95 = (_ms(stats["p50"]), _ms(stats["p95"])) if stats else ("not run", "")
        if query_step and not query_step["ok"]:
            p50 = "FAILED"
        rss = f"{query_step['maxrss_mib']:,.0f} MiB" if query_step else ""
        rows.append(f"| {PG}: full answer (code of /api/search/) | | | {rss} | {p50} | {p95} |")
    return "\n".join(rows)


def query_table(result: dict[str, Any]) -> str:
    """Per query: totals of both full answers, and each way's times."""
    queries = result.get("queries")
    if not queries:
        return "_The query benchmark did not run._"
    pg = (result.get("postgres") or {}).get("queries")
    rows = [
        "| # | kind | query | total | straightforward total | full p50 | full p95 "
        "| straightforward p50 | speedup (p50) | bare p50 | FTS5 p50 |"
        + (" PostgreSQL total | PostgreSQL full p50 | PostgreSQL full p95 |" if pg else ""),
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        + (" ---: | ---: | ---: |" if pg else ""),
    ]
    samples, answers, errors = queries["samples"], queries["answers"], queries["errors"]
    for i, q in enumerate(queries["queries"]):

        def p(way: str, pct: float, i: int = i) -> float | None:
            values = samples[way][i]
            return percentile(values, pct) if values else None

        def cell(way: str, pct: float, i: int = i) -> str:
            return "error" if errors[way][i] else _ms(p(way, pct))

        full_total = (answers["full"][i] or {}).get("total", "")
        straight_total = (answers["straight"][i] or {}).get("total", "")
        full50, straight50 = p("full", 50), p("straight", 50)
        speedup = f"{straight50 / full50:.1f}x" if full50 and straight50 else ""
        params = q["params"].replace("|", "\\|")
        row = (
            f"| {i + 1} | {q['label']} | `{params}` | {full_total} | {straight_total} "
            f"| {cell('full', 50)} | {cell('full', 95)} | {cell('straight', 50)} | {speedup} "
            f"| {cell('bare', 50)} | {cell('fts5', 50)} |"
        )
        if pg:
            row += " " + _pg_cells(pg, i, full_total)
        rows.append(row)
    return "\n".join(rows)


def _pg_cells(pg: dict[str, Any], i: int, whoosh_total: Any) -> str:
    """One query's cells for the site on PostgreSQL: total (marked when it differs from
    the site on Whoosh), p50, p95."""
    if i >= len(pg["queries"]) or pg["errors"]["full"][i]:
        return "error | | |"
    total = (pg["answers"]["full"][i] or {}).get("total", "")
    shown = f"**{total}**" if whoosh_total != "" and total != whoosh_total else f"{total}"
    values = pg["samples"]["full"][i]
    p50, p95 = (_ms(percentile(values, p)) for p in (50, 95)) if values else ("", "")
    return f"{shown} | {p50} | {p95} |"


def corpus_label(result: dict[str, Any]) -> str:
    """The name of the corpus one result measured: "English", "Vietnamese"."""
    name = result.get("corpus_name", "en")
    return CORPORA[name].label if name in CORPORA else name


def corpus_line(c: dict[str, Any]) -> str:
    """What went into one corpus file, in a sentence."""
    unit = c.get("unit", "paragraph")
    kinds = ", ".join(f"{n:,} {k}" for k, n in c["by_type"].items())
    reuse = (
        f"{c['reused']:,} draws reused a {unit} ({c['passes']} shuffles of them; from the "
        "second on, sentences rotated)"
        if c["reused"]
        else f"no {unit} reused"
    )
    return (
        f"Corpus: {kinds}; {c['texts_used']:,} of {c['texts_available']:,} distinct {unit}s "
        f"used, {reuse}; {c['chars'] / 1e6:,.1f} million characters, {c['file_mib']} MiB "
        "of JSON."
    )


def size_markdown(result: dict[str, Any]) -> str:
    """The section of the report for one size of one corpus."""
    size = result["size"]
    lines = [f"## {size:,} records, {corpus_label(result)} corpus", ""]
    c = result.get("corpus")
    if c:
        lines.append(corpus_line(c))
    disk = result.get("disk_mib")
    if disk:
        lines.append("On disk: " + ", ".join(f"{k} {v} MiB" for k, v in disk.items()) + ".")
    pg_disk = (result.get("postgres") or {}).get("disk_mib")
    if pg_disk:
        lines.append(
            f"{PG}: " + ", ".join(f"{k} {v} MiB" for k, v in pg_disk.items()) + " (PostgreSQL's "
            "own processes are not in the memory figures: only the commands' are)."
        )
    during = result.get("sources_changed_during") or []
    before = sorted(set(result.get("sources_changed") or []) - set(during))
    for changed, when in ((during, "while this size ran"), (before, "before this size began")):
        measured = [p for p in changed if p.startswith(MEASURED_CODE) or p.endswith("models.py")]
        if not measured:
            continue
        shown = ", ".join(measured[:8]) + (" …" if len(measured) > 8 else "")
        if changed is during:
            lines.append(
                f"**Code this benchmark runs changed {when} ({shown}): its figures may "
                "mix versions.**"
            )
        else:
            lines.append(
                f"Code this benchmark runs changed since the run began, {when} "
                f"({shown}): this size measured the newer code."
            )
    if "load_before" in result:
        lines.append(
            "Load average (1, 5, 15 min) before: {}; after: {} (other work on this machine "
            "shares its CPUs).".format(
                *(", ".join(map(str, result[k])) for k in ("load_before", "load_after"))
            )
        )
    lines += ["", summary_table(result), ""]
    q = result.get("queries")
    if q:
        lines.append(
            f"¹ One process answers all five ways; this is its peak RSS "
            f"({q['rss_after_setup_mib']:,.0f} MiB after opening the index). "
            f"Latencies pool {len(q['queries'])} queries × {q['rounds']} rounds after a "
            f"warm-up pass. No result cache exists in the engine; it keeps decoded posting "
            f"lists (SEARCH_POSTINGS_CACHE_MB), which the 'decoded anew' way empties "
            f"before each query. The first full answer "
            f"of the process (cold: opens the index, reads the facet columns) took "
            f"{_ms(q['cold_first_ms'].get('full'))}."
        )
        cpu = {w: way_stats(result, w, "cpu_samples") for w in WAY_NAMES}
        if all(cpu.values()):
            lines.append(
                "CPU time of the query process, p50 / p95 (less sensitive to other load): "
                + "; ".join(
                    f"{WAY_NAMES[w]} {_ms(c['p50'])} / {_ms(c['p95'])}" for w, c in cpu.items()
                )
                + "."
            )
        lines.append("")
    lines += [f"Targets (the issue sets them at {TARGET_SIZE:,} records):", ""]
    lines += ["| target | measured | met |", "| --- | ---: | --- |"]
    for name, value, met in targets(result):
        mark = "—" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {name} | {value} | {mark} |")
    per_query = "Per query (ms)"
    if (result.get("postgres") or {}).get("queries"):
        per_query += "; a PostgreSQL total in bold differs from the site on Whoosh's"
    lines += ["", per_query + ":", "", query_table(result), ""]
    fails = failures(result)
    if fails:
        lines += ["Failures:", "", *[f"- {f}" for f in fails], ""]
    return "\n".join(lines)


def growth_table(results: dict[str, Any]) -> str:
    """The main figures side by side for every size, so that the growth shows."""
    sizes = results["sizes"]
    header = "| | " + " | ".join(f"{r['size']:,} {r.get('corpus_name', 'en')}" for r in sizes)
    header += " |"
    rows = [header, "| --- |" + " ---: |" * len(sizes)]

    def row(name: str, fn) -> None:
        cells = []
        for r in sizes:
            try:
                cells.append(fn(r))
            except (KeyError, TypeError):
                cells.append("")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")

    row("import_kb records/s", lambda r: _rate(r["steps"].get("import_kb")))
    row("import_kb peak RSS", lambda r: _rss(r["steps"]["import_kb"]))
    first = sizes[0] if sizes else {}
    row(
        f"rebuild_index (default: --procs {first.get('rebuild_default_procs')}) records/s",
        lambda r: _rate(r["steps"].get("rebuild_index")),
    )
    row(
        "rebuild_index (default) peak RSS, all processes",
        lambda r: f"{r['steps']['rebuild_index']['tree_peak_mib']:,.0f} MiB",
    )
    others = [n for n in first.get("steps", {}) if n.startswith("rebuild_index --procs")]
    for other in others:
        row(f"{other} records/s", lambda r, o=other: _rate(r["steps"].get(o)))
        row(
            f"{other} peak RSS, all processes",
            lambda r, o=other: f"{r['steps'][o]['tree_peak_mib']:,.0f} MiB",
        )
    for way, name in WAY_NAMES.items():
        row(
            f"{name} p50 / p95",
            lambda r, w=way: "{} / {}".format(*(_ms(way_stats(r, w)[p]) for p in ("p50", "p95"))),
        )
    row("speedup over straightforward p50 / p95", _speedups)
    for way in ("full", "cold", "straight"):
        row(
            f"{WAY_NAMES[way]}, CPU time p50 / p95",
            lambda r, w=way: "{} / {}".format(
                *(_ms(way_stats(r, w, "cpu_samples")[p]) for p in ("p50", "p95"))
            ),
        )
    if any("postgres" in r for r in sizes):
        row(f"{PG}: import_kb records/s", lambda r: _rate(r["postgres"]["steps"].get("import_kb")))
        row(
            f"{PG}: rebuild_index records/s",
            lambda r: _rate(r["postgres"]["steps"].get("rebuild_index")),
        )
        row(
            f"{PG}: rebuild_index peak RSS",
            lambda r: f"{r['postgres']['steps']['rebuild_index']['tree_peak_mib']:,.0f} MiB",
        )
        row(
            f"{PG}: full answer p50 / p95",
            lambda r: "{} / {}".format(
                *(_ms(way_stats(r["postgres"], "full")[p]) for p in ("p50", "p95"))
            ),
        )
        row(
            f"{PG}: full answer, CPU time p50 / p95",
            lambda r: "{} / {}".format(
                *(_ms(way_stats(r["postgres"], "full", "cpu_samples")[p]) for p in ("p50", "p95"))
            ),
        )
    row("FTS5 build records/s", lambda r: _rate(r["steps"].get("fts5 build")))
    row(
        "index / database on disk",
        lambda r: f"{r['disk_mib']['index']} / {r['disk_mib']['db']} MiB",
    )
    return "\n".join(rows)


def _speedups(result: dict[str, Any]) -> str:
    full, straight = way_stats(result, "full"), way_stats(result, "straight")
    return " / ".join(f"{straight[p] / full[p]:.1f}x" for p in ("p50", "p95"))


def _step_cell(step: dict[str, Any] | None) -> str:
    """A rebuild or import as "rate/s, peak": the figures of the side-by-side table."""
    if not step:
        return "not run"
    if not step["ok"]:
        return "FAILED"
    return f"{step['rate']:,.0f}/s, {step['tree_peak_mib']:,.0f} MiB"


def side_by_side(results: dict[str, Any]) -> str:
    """Each size of each corpus in one row: what the README's benchmark table shows."""
    procs = next((r.get("rebuild_default_procs") for r in results["sizes"]), None)
    others = sorted(
        {n for r in results["sizes"] for n in r["steps"] if n.startswith("rebuild_index --")}
    )
    head = ["records", "corpus", "import_kb", f"rebuild_index (default: --procs {procs})"]
    head += [other.replace("rebuild_index", "rebuild") for other in others]
    head += [f"{WAY_NAMES[w]} p50 / p95" for w in WAY_NAMES]
    postgres = any("postgres" in r for r in results["sizes"])
    if postgres:
        head += [f"{PG}: import_kb", f"{PG}: rebuild_index", f"{PG}: full answer p50 / p95"]
    rows = ["| " + " | ".join(head) + " |", "| ---: | --- |" + " ---: |" * (len(head) - 2)]
    for r in results["sizes"]:
        steps = r["steps"]
        cells = [f"{r['size']:,}", corpus_label(r), _step_cell(steps.get("import_kb"))]
        cells += [_step_cell(steps.get(name)) for name in ("rebuild_index", *others)]
        for way in WAY_NAMES:
            stats = way_stats(r, way)
            cells.append(f"{_ms(stats['p50'])} / {_ms(stats['p95'])}" if stats else "not run")
        if postgres:
            pg = r.get("postgres") or {"steps": {}}
            cells += [_step_cell(pg["steps"].get(n)) for n in ("import_kb", "rebuild_index")]
            stats = way_stats(pg, "full")
            cells.append(f"{_ms(stats['p50'])} / {_ms(stats['p95'])}" if stats else "not run")
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def targets_by_corpus(results: dict[str, Any]) -> str:
    """The issue's targets, one column per corpus, at the largest size each one measured."""
    largest: dict[str, dict[str, Any]] = {}
    for r in results["sizes"]:
        name = r.get("corpus_name", "en")
        if name not in largest or r["size"] > largest[name]["size"]:
            largest[name] = r
    if not largest:
        return "_Nothing was measured._"
    columns = list(largest.values())
    head = " | ".join(f"{corpus_label(r)}, {r['size']:,} records" for r in columns)
    rows = [f"| target | {head} |", "| --- |" + " ---: |" * len(columns)]
    table = [{name: (value, met) for name, value, met in targets(r)} for r in columns]
    names = list(dict.fromkeys(name for t in table for name in t))
    for name in names:
        cells = []
        for t in table:
            value, met = t.get(name, ("not measured", None))
            mark = "" if met is None else (" (met)" if met else " (**not met**)")
            cells.append(f"{value}{mark}")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    small = [r for r in columns if r["size"] < TARGET_SIZE]
    note = ""
    if small:
        note = (
            f"\n\nThe targets are set at {TARGET_SIZE:,} records: figures at a smaller size "
            "only show the direction."
        )
    return "\n".join(rows) + note


def _sources_lines(results: dict[str, Any]) -> list[str]:
    corpora = results.get("corpora")
    if corpora is None and "source" in results:  # a results.json from before the corpora
        src = results["source"]
        corpora = {
            "en": {**src, "label": "English", "unit": "paragraph", "texts": src["paragraphs"]}
        }
    lines = []
    for c in (corpora or {}).values():
        lines.append(
            f"- {c['label']} corpus: {c['texts']:,} distinct {c['unit']}s from {c['files']:,} "
            f"files under {c['root']}."
        )
    return lines


def combined_markdown(results: dict[str, Any]) -> str:
    """The whole report: machine, the corpora side by side, growth, then each size."""
    m = results["machine"]
    lines = [
        "# Search benchmark",
        "",
        f"{m['date']}; {m['nproc']} CPUs ({m['cpu']}), {m['memory_gib']} GiB; "
        f"Python {m['python']}, Django {m['django']}, Whoosh-Reloaded {m['whoosh']}, "
        f"SQLite {m['sqlite']}; {m['platform']}; commit {m['commit']}, sources digest "
        f"{m.get('sources')} (the working tree, uncommitted edits included).",
        "",
        f"Run took {results.get('seconds', 0):,.0f} s. Corpus text:",
        "",
        *_sources_lines(results),
        "",
    ]
    changed = sorted({p for r in results["sizes"] for p in r.get("sources_changed") or []})
    measured = [p for p in changed if p.startswith(MEASURED_CODE) or p.endswith("models.py")]
    if measured:
        lines += [
            f"**Code this benchmark runs changed during the run ({', '.join(measured)}): "
            "the sizes may have been measured on different code.**",
            "",
        ]
    lines += ["## Both corpora side by side", "", side_by_side(results), ""]
    lines += ["Memory is the peak RSS of all the command's processes together.", ""]
    if any("postgres" in r for r in results["sizes"]):
        lines += [
            f"{PG}: the same corpus imported into a fresh PostgreSQL database, `rebuild_index` "
            "with SEARCH_BACKEND=postgres, the same queries' full answer; the server's own "
            "processes are not in its memory figures.",
            "",
        ]
    lines += ["## Targets", "", targets_by_corpus(results), ""]
    lines += [analysis_markdown(results), ""]
    lines += ["## Growth", "", growth_table(results), ""]
    for result in results["sizes"]:
        lines.append(size_markdown(result))
    return "\n".join(lines)

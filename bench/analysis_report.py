"""The report's "what segmentation costs" section: analysis alone, per corpus, from
`bench.analysis`, set against the one-process rebuild of the same records."""

from typing import Any


def _label(result: dict[str, Any]) -> str:
    from .corpora import CORPORA

    name = result.get("corpus_name", "en")
    return CORPORA[name].label if name in CORPORA else name


def _per_thousand(seconds: float, records: int) -> float:
    """Milliseconds per 1,000 records."""
    return seconds * 1e6 / records if records else 0.0


def _count(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 1e6:
        return f"{value / 1e6:,.2f} M"
    return f"{value / 1e3:,.0f} k" if value >= 1e4 else f"{value:,.0f}"


def one_process_rebuild(result: dict[str, Any]) -> tuple[str, float] | None:
    """The rebuild with one indexing process at this size: (its name, seconds of indexing)."""
    for name, step in result["steps"].items():
        one = name == "rebuild_index --procs 1" or (
            name == "rebuild_index" and result.get("rebuild_default_procs") == 1
        )
        if one and step.get("ok"):
            return name, step.get("own_seconds") or step["seconds"]
    return None


def cost_lines(result: dict[str, Any]) -> list[str]:
    """The sentence of one corpus: documents, analysis, and their share of a rebuild."""
    a = result["analysis"]
    records = a["records"]
    docs_ms = _per_thousand(a["documents_seconds"], records)
    analysis_ms = _per_thousand(sum(f["all_seconds"] for f in a["fields"]), records)
    text = (
        f"- {_label(result)}, {records:,} records: building the documents takes "
        f"{docs_ms:,.0f} ms and analysing every field {analysis_ms:,.0f} ms per 1,000 records"
    )
    rebuild = one_process_rebuild(result)
    if rebuild:
        name, seconds = rebuild
        rebuild_ms = _per_thousand(seconds, records)
        share = analysis_ms / rebuild_ms if rebuild_ms else 0
        text += (
            f"; `{name}` took {rebuild_ms:,.0f} ms per 1,000 records, so analysis is "
            f"{share:.0%} of a one-process rebuild"
        )
    rows = a["fields"] + a["analysers"]
    cut = [r.get("field") or r["analyser"] for r in rows if r["done"] < r["values"]]
    if cut:
        text += (
            f" (stopped after {a['budget_seconds']:.0f} s and extrapolated: "
            f"{', '.join(dict.fromkeys(cut))})"
        )
    return [text + "."]


def field_table(measured: list[dict[str, Any]]) -> str:
    """Each indexed field, per corpus: its analyser's tokens/s and ms per 1,000 records."""
    fields: dict[str, str] = {}
    for r in measured:
        for f in r["analysis"]["fields"]:
            fields.setdefault(f["field"], f["analyser"])
    head = " | ".join(f"{_label(r)}: tokens/s | ms per 1,000 records" for r in measured)
    rows = [f"| field | analyser | {head} |", "| --- | --- |" + " ---: | ---: |" * len(measured)]
    for field, analyser in fields.items():
        cells = []
        for r in measured:
            found = next((f for f in r["analysis"]["fields"] if f["field"] == field), None)
            if not found or not found["values"]:
                cells += ["—", "—"]
                continue
            per = _per_thousand(found["all_seconds"], r["analysis"]["records"])
            cells += [_count(found["tokens_per_s"]), f"{per:,.1f}"]
        rows.append(f"| `{field}` | {analyser} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def analyser_table(measured: list[dict[str, Any]]) -> str:
    """Each distinct analyser on the same text (every record's longest field), per corpus."""
    names: dict[str, list[str]] = {}
    for r in measured:
        for a in r["analysis"]["analysers"]:
            names.setdefault(a["analyser"], a["fields"])
    head = " | ".join(f"{_label(r)}: tokens/s | characters/s" for r in measured)
    rows = [f"| analyser | fields | {head} |", "| --- | --- |" + " ---: | ---: |" * len(measured)]
    for name, fields in names.items():
        cells = []
        for r in measured:
            found = next((a for a in r["analysis"]["analysers"] if a["analyser"] == name), None)
            cells += (
                [_count(found["tokens_per_s"]), _count(found["chars_per_s"])]
                if found
                else ["—", "—"]
            )
        listed = ", ".join(f"`{f}`" for f in fields)
        rows.append(f"| {name} | {listed} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def analysis_markdown(results: dict[str, Any]) -> str:
    """The section: cost per corpus, then the analysers by field and on the same text."""
    measured = [r for r in results["sizes"] if r.get("analysis")]
    lines = ["## What segmentation costs", ""]
    if not measured:
        failed = [r for r in results["sizes"] if "analysis" in r["steps"]]
        lines.append(
            "_Analysis alone was not measured"
            + (" (the step failed: see Failures below)._" if failed else "._")
        )
        return "\n".join(lines)
    lines += [
        "Analysis alone, without writing an index: the documents built as `rebuild_index` "
        "builds them, then every analysed field of `build_schema()` through `field.index()` "
        "(`bench.analysis`). A Vietnamese word segmenter, or syllable pairs, added to the "
        "schema shows up here as new or slower rows, and in the share of the rebuild.",
        "",
    ]
    for r in measured:
        lines += cost_lines(r)
    lines += ["", "By field, each over its own values:", "", field_table(measured), ""]
    lines += [
        "By analyser, each over the same text (every record's longest field), so that "
        "analysers compare on equal terms:",
        "",
        analyser_table(measured),
    ]
    return "\n".join(lines)

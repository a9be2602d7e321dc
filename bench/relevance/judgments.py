"""The judgment file: queries, their categories and grades, checked when loaded."""

import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

PATH = Path(__file__).resolve().parent / "judgments.toml"
CATEGORIES = (
    "english",
    "vi_accents",
    "vi_no_accents",
    "variants",
    "misspellings",
    "syntax",
    "cross_language",
)


class JudgmentError(ValueError):
    """The judgment file is not usable; the message names the query."""


@dataclass(frozen=True)
class Query:
    """One judged query: what is typed, its category, and the grade of each relevant record."""

    id: str
    category: str
    q: str
    grades: dict[str, int]
    variant_of: str | None = None
    form: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Judgments:
    """Every judged query, and the records that were read to grade them."""

    queries: list[Query]
    read: frozenset[str] = field(default_factory=frozenset)

    def by_id(self) -> dict[str, Query]:
        """The queries by id."""
        return {q.id: q for q in self.queries}


def load(path: Path = PATH) -> Judgments:
    """Read and check the judgment file; a variant takes the grades of the query it varies."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    raw = data.get("query", [])
    by_id: dict[str, dict] = {}
    for entry in raw:
        qid = entry.get("id")
        if not qid or qid in by_id:
            raise JudgmentError(f"query {qid!r}: missing or repeated id")
        by_id[qid] = entry
    queries = [_query(entry, by_id) for entry in raw]
    read = frozenset(data.get("records", []))
    for query in queries:
        unread = set(query.grades) - read if read else set()
        if unread:
            raise JudgmentError(f"{query.id}: grades records not listed as read: {sorted(unread)}")
    return Judgments(queries=queries, read=read)


def _query(entry: dict, by_id: dict[str, dict]) -> Query:
    qid = entry["id"]
    category = entry.get("category")
    if category not in CATEGORIES:
        raise JudgmentError(f"{qid}: unknown category {category!r}")
    q = entry.get("q", "")
    if not q.strip():
        raise JudgmentError(f"{qid}: empty query")
    grades = _grades(entry, by_id, seen=())
    for key, grade in grades.items():
        if grade not in (1, 2, 3):
            raise JudgmentError(f"{qid}: grade of {key} must be 1, 2 or 3, not {grade!r}")
    if not grades:
        raise JudgmentError(f"{qid}: no relevant record")
    form = entry.get("form")
    if form and "NFD" in form and (q != unicodedata.normalize("NFD", q) or q.isascii()):
        raise JudgmentError(f"{qid}: marked NFD but not decomposed")
    return Query(
        id=qid,
        category=category,
        q=q,
        grades=grades,
        variant_of=entry.get("variant_of"),
        form=form,
        note=entry.get("note"),
    )


def _grades(entry: dict, by_id: dict[str, dict], *, seen: tuple[str, ...]) -> dict[str, int]:
    qid = entry["id"]
    base = entry.get("variant_of")
    if base is None:
        return dict(entry.get("grades", {}))
    if "grades" in entry:
        raise JudgmentError(f"{qid}: a variant takes its grades from {base}; give none")
    if base not in by_id or base in seen:
        raise JudgmentError(f"{qid}: variant_of {base!r} is unknown or circular")
    return _grades(by_id[base], by_id, seen=(*seen, qid))

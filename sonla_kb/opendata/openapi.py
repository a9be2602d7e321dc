"""The OpenAPI 3.1 description of the search API and the exports (docs/search-api.md).

Written as data, from the same limits the code checks (MAX_QUERY, MAX_PER_PAGE, the types,
sorts and languages), so the description cannot drift from what the endpoints accept.
"""

from typing import Any

from policies.models import PolicyKind, PolicyStatus
from sonla_kb.search.documents import TYPES
from sonla_kb.search.params import LANGS, MAX_PER_PAGE, MAX_QUERY, SORTS

from .dataset import TABLES
from .selectors import data_licence

VERSION = "1.0.0"
_NULLABLE_STRING = {"type": ["string", "null"]}
_ERROR = {"$ref": "#/components/responses/BadRequest"}


def _query(name: str, schema: dict, description: str, *, many: bool = False) -> dict[str, Any]:
    if many:
        schema = {"type": "array", "items": schema}
    parameter = {"name": name, "in": "query", "required": False, "schema": schema}
    parameter["description"] = description
    if many:
        parameter["style"], parameter["explode"] = "form", True
    return parameter


SEARCH_PARAMETERS = [
    _query(
        "q",
        {"type": "string", "maxLength": MAX_QUERY},
        "The query (syntax in docs/search-api.md); empty lists everything the filters allow.",
    ),
    _query("type", {"type": "string", "enum": list(TYPES)}, "Record types.", many=True),
    _query("tag", {"type": "string", "maxLength": 200}, "Themes, by name or slug.", many=True),
    _query(
        "year",
        {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{4})?$"},
        "A year (2019) or a range from the earlier year to the later (2017-2020).",
    ),
    _query("lang", {"type": "string", "enum": list(LANGS)}, "Only records in this language."),
    _query("sort", {"type": "string", "enum": list(SORTS)}, "The order of the results."),
    _query("page", {"type": "integer", "minimum": 1}, "Page number, from 1."),
    _query(
        "per_page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        "Results per page.",
    ),
    _query(
        "correct",
        {"type": "string", "enum": ["0", "1"]},
        "1: a query that finds nothing answers with its correction; 0: exactly what was typed.",
    ),
    _query(
        "expand",
        {"type": "string", "enum": ["0", "1"]},
        "1: also search the other language through the glossary; 0: only the words typed.",
    ),
]

POLICY_PARAMETERS = [
    _query("year", {"type": "integer", "minimum": 1900, "maximum": 2100}, "Year issued."),
    _query("theme", {"type": "string", "maxLength": 200}, "A theme's slug."),
    _query("kind", {"type": "string", "enum": list(PolicyKind.values)}, "Kind of measure."),
    _query("issuer", {"type": "string", "maxLength": 200}, "The issuing body, in English."),
    _query("status", {"type": "string", "enum": list(PolicyStatus.values)}, "Status."),
    _query("sort", {"type": "string", "enum": ["newest", "oldest", "title"]}, "Order."),
]

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string", "description": "Names the bad parameter."}},
    },
    "Result": {
        "type": "object",
        "required": ["type", "key", "title", "url", "snippet", "tags", "sample"],
        "properties": {
            "type": {"type": "string", "enum": list(TYPES)},
            "key": {"type": "string"},
            "title": {"type": "string"},
            "url": {"type": "string", "description": "The record's public page."},
            "snippet": {"type": "string", "description": "HTML: escaped text, <mark> matches."},
            "location": {**_NULLABLE_STRING, "description": "Where in an attached file."},
            "tags": {"type": "array", "items": {"type": "string"}},
            "date": {**_NULLABLE_STRING, "description": "YYYY-MM-DD"},
            "language": {"type": ["string", "null"], "enum": [*LANGS, None]},
            "sample": {"type": "boolean", "description": "Written for demonstration."},
            "score": {"type": ["number", "null"]},
        },
    },
    "Counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
    "SearchAnswer": {
        "type": "object",
        "required": [
            "query",
            "notice",
            "total",
            "page",
            "pages",
            "per_page",
            "results",
            "facets",
            "suggestion",
            "corrected_from",
            "expanded",
        ],
        "properties": {
            "query": {"type": "string"},
            "notice": _NULLABLE_STRING,
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/Result"}},
            "facets": {
                "type": "object",
                "properties": {
                    name: {"$ref": "#/components/schemas/Counts"}
                    for name in ("type", "tag", "year")
                },
            },
            "suggestion": _NULLABLE_STRING,
            "corrected_from": _NULLABLE_STRING,
            "expanded": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Suggestions": {
        "type": "object",
        "required": ["suggestions"],
        "properties": {
            "suggestions": {"type": "array", "maxItems": 10, "items": {"type": "string"}}
        },
    },
    "SearchExport": {
        "type": "object",
        "required": ["source", "query", "total", "exported", "truncated", "results"],
        "properties": {
            "source": {"type": "string"},
            "query": {"type": "string"},
            "notice": _NULLABLE_STRING,
            "total": {"type": "integer", "minimum": 0},
            "exported": {"type": "integer", "minimum": 0, "maximum": 5000},
            "truncated": {"type": "boolean"},
            "note": _NULLABLE_STRING,
            "results": {"type": "array", "items": {"type": "object"}},
        },
    },
    "PolicyExport": {
        "type": "object",
        "required": ["source", "filters", "total", "policies"],
        "properties": {
            "source": {"type": "string"},
            "filters": {"type": "object"},
            "total": {"type": "integer", "minimum": 0},
            "policies": {"type": "array", "items": {"type": "object"}},
        },
    },
    "Dataset": {
        "type": "object",
        "description": "A kb-format document (docs/kb-format.md) of the public knowledge base.",
        "required": ["format", "dataset"],
        "properties": {
            "format": {"const": "sonla-kb/1"},
            "dataset": {
                "type": "object",
                "required": ["licence", "licence_url", "updated"],
                "properties": {
                    "title": {"type": "string"},
                    "licence": {"type": "string"},
                    "licence_url": {"type": "string"},
                    "updated": _NULLABLE_STRING,
                    "source": {"type": "string"},
                    "note": {"type": "string"},
                },
            },
        },
    },
}

_CSV = {"text/csv": {"schema": {"type": "string"}}}


def _json(ref: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


def _get(summary: str, *, parameters: list, content: dict, errors: bool = True) -> dict:
    responses: dict[str, Any] = {"200": {"description": "OK", "content": content}}
    if errors:
        responses["400"] = _ERROR
    operation = {"summary": summary, "parameters": parameters, "responses": responses}
    return {"get": operation}


def paths() -> dict[str, Any]:
    """Every path of the API, with its parameters and answers."""
    table = {
        "name": "table",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": list(TABLES)},
    }
    return {
        "/api/search/": _get(
            "Search every public record",
            parameters=SEARCH_PARAMETERS,
            content=_json("SearchAnswer"),
        ),
        "/api/suggest/": _get(
            "Completions for what has been typed",
            parameters=[_query("q", {"type": "string", "maxLength": 200}, "What was typed.")],
            content=_json("Suggestions"),
            errors=False,
        ),
        "/search/export.csv": _get(
            "Every result of a search (up to 5,000) as CSV",
            parameters=SEARCH_PARAMETERS,
            content=_CSV,
        ),
        "/search/export.json": _get(
            "Every result of a search (up to 5,000) as JSON",
            parameters=SEARCH_PARAMETERS,
            content=_json("SearchExport"),
        ),
        "/policies/export.csv": _get(
            "The policy list, filtered, as CSV", parameters=POLICY_PARAMETERS, content=_CSV
        ),
        "/policies/export.json": _get(
            "The policy list, filtered, as JSON",
            parameters=POLICY_PARAMETERS,
            content=_json("PolicyExport"),
        ),
        "/data/kb.json": _get(
            "The whole public knowledge base in kb-format, without the attached files",
            parameters=[],
            content=_json("Dataset"),
            errors=False,
        ),
        "/data/kb.zip": _get(
            "The whole public knowledge base with its files, as a ZIP",
            parameters=[],
            content={"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            errors=False,
        ),
        "/data/{table}.csv": {
            **_get(
                "One kind of public record as CSV",
                parameters=[table],
                content=_CSV,
                errors=False,
            )
        },
    }


def document(*, server_url: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document, with the site at `server_url` as its server."""
    licence = data_licence()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Son La Coffee Policy Knowledge Base API",
            "version": VERSION,
            "description": "Search the knowledge base and download its public data. "
            "The contract is docs/search-api.md; the data format docs/kb-format.md.",
            "license": {"name": licence.name, "url": licence.url},
        },
        "servers": [{"url": server_url}],
        "paths": paths(),
        "components": {
            "schemas": SCHEMAS,
            "responses": {
                "BadRequest": {
                    "description": "A bad parameter, named in the message.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
                        "text/plain": {"schema": {"type": "string"}},
                    },
                }
            },
        },
    }

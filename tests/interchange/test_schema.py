"""The pure checks of a parsed kb-format document: no database involved."""

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from sonla_kb.interchange.errors import Invalid
from sonla_kb.interchange.fields import About
from sonla_kb.interchange.schema import parse_json, validate_document


def policy(**changes: Any) -> dict[str, Any]:
    """A valid policy record, with some fields changed (None removes a field)."""
    record = {
        "key": "pol-2017-gap",
        "title": "Support for GAP",
        "kind": "decision",
        "issuer": "Son La PPC",
        "issued_on": "2017-03-01",
        "status": "in_force",
    }
    record.update(changes)
    return {name: value for name, value in record.items() if value is not None}


def problems(document: dict[str, Any]) -> list[str]:
    """The error lines for a document."""
    return [str(p) for p in validate_document(document)[1]]


def policy_problems(**changes: Any) -> list[str]:
    """The error lines for a document holding one policy with these changes."""
    return problems({"format": "sonla-kb/1", "policies": [policy(**changes)]})


def parse_json_text(document: dict[str, Any]) -> Any:
    """The document as import_kb parses it (numbers with a fraction as Decimal)."""
    return parse_json(json.dumps(document, ensure_ascii=False))


def test_a_valid_document_gives_typed_rows(full_kb):
    document, found = validate_document(parse_json_text(full_kb))
    assert found == []
    [pol] = document.rows("policies")
    assert pol.key == "pol-2017-gap"
    assert pol.values["issued_on"] == dt.date(2017, 3, 1)
    assert pol.values["effective_from"] is None
    assert pol.values["number"] == ""
    assert pol.values["language"] == "en"
    assert pol.tags == ("GAP", "Planting area codes")
    values = {row.key: row.values["value"] for row in document.rows("indicators")}
    assert values == {"coffee-area-2024": Decimal("23312"), "processed-share": Decimal("47.9")}
    assert document.rows("feedback")[0].about == About("policy", "pol-2017-gap")
    assert document.rows("feedback")[1].values["published"] is False
    assert document.rows("workshop")[0].values["date"] == dt.date(2025, 6, 1)


def test_format_is_required_and_checked():
    assert problems({"policies": []}) == ["format: missing (expected 'sonla-kb/1')"]
    assert problems({"format": "sonla-kb/2"}) == ["format: not 'sonla-kb/1': 'sonla-kb/2'"]


def test_an_unknown_section_is_an_error():
    [line] = problems({"format": "sonla-kb/1", "policy": []})
    assert line.startswith("policy: unknown section")


def test_an_unknown_field_is_an_error():
    assert policy_problems(isued_on="2017-03-01") == [
        "policies[pol-2017-gap].isued_on: unknown field"
    ]


def test_a_missing_required_field_is_an_error():
    assert policy_problems(kind=None) == ["policies[pol-2017-gap].kind: missing (required)"]


def test_a_required_text_must_not_be_empty():
    assert policy_problems(title="") == ["policies[pol-2017-gap].title: must not be empty"]


@pytest.mark.parametrize("key", [None, "Pol-1", "pol 1", "pol_1", "pol-1\n", "", "x" * 101, 17])
def test_a_missing_or_bad_key_is_reported_by_index(key):
    [line] = policy_problems(key=key)
    assert line.startswith("policies[0].key: ")


@pytest.mark.parametrize(
    "value", ["2017-13-01", "2017-1-01", "20170301", "2017-W09-3", "2017-03-01T00:00", 20170301]
)
def test_dates_are_strictly_yyyy_mm_dd(value):
    [line] = policy_problems(issued_on=value)
    assert line.startswith("policies[pol-2017-gap].issued_on: not a date in YYYY-MM-DD: ")


def test_the_bad_date_line_reads_as_documented():
    assert policy_problems(issued_on="2017-13-01") == [
        "policies[pol-2017-gap].issued_on: not a date in YYYY-MM-DD: '2017-13-01'"
    ]


def test_effective_from_may_not_precede_issued_on():
    [line] = policy_problems(effective_from="2017-02-28")
    assert line.startswith("policies[pol-2017-gap].effective_from: before issued_on")
    assert policy_problems(effective_from="2017-03-01") == []


@pytest.mark.parametrize(
    ("field", "value"), [("kind", "law"), ("status", "active"), ("language", "fr")]
)
def test_enums_are_checked(field, value):
    [line] = policy_problems(**{field: value})
    assert line.startswith(f"policies[pol-2017-gap].{field}: not one of ")
    assert line.endswith(repr(value))


def test_the_bad_enum_line_lists_the_choices():
    assert policy_problems(kind=1) == [
        "policies[pol-2017-gap].kind: not one of resolution, decision, plan, programme, "
        "directive, other: 1"
    ]


def test_lengths_come_from_the_model():
    [line] = policy_problems(title="x" * 301)
    assert line == (
        "policies[pol-2017-gap].title: Ensure this value has at most 300 characters (it has 301)."
    )


def test_a_source_url_must_be_a_url():
    [line] = policy_problems(source_url="not a url")
    assert line.startswith("policies[pol-2017-gap].source_url: ")


def test_text_with_a_nul_character_is_refused():
    assert policy_problems(body="a\x00b") == [
        "policies[pol-2017-gap].body: contains a NUL character"
    ]


def test_text_is_kept_exactly_as_given():
    body = "  <b>Cà phê</b> & trà\n\nĐoạn hai.  "
    document, found = validate_document({"format": "sonla-kb/1", "policies": [policy(body=body)]})
    assert found == []
    assert document.rows("policies")[0].values["body"] == body


def test_null_is_accepted_only_where_the_format_allows_it():
    assert policy_problems(number=None) == []  # absent: the default
    document = {"format": "sonla-kb/1", "policies": [{**policy(), "number": None}]}
    assert problems(document) == ["policies[pol-2017-gap].number: must not be null"]


def test_duplicate_keys_are_errors():
    document = {"format": "sonla-kb/1", "policies": [policy(), policy(title="Again")]}
    assert problems(document) == [
        "policies[pol-2017-gap].key: 'pol-2017-gap' at [1] is given already at [0]"
    ]


def test_theme_names_are_unique_case_insensitively():
    document = {"format": "sonla-kb/1", "themes": [{"name": "GAP"}, {"name": "gap"}]}
    assert problems(document) == ["themes[gap].name: 'gap' at [1] is given already at [0]"]


def test_theme_slugs_are_unique_in_the_file():
    themes = [{"name": "GAP", "slug": "gap"}, {"name": "VietGAP", "slug": "gap"}]
    assert problems({"format": "sonla-kb/1", "themes": themes}) == [
        "themes[VietGAP].slug: 'gap' at [1] is given already at [0]"
    ]


def presentation(key: str, order: Any) -> dict[str, Any]:
    """A valid presentation record."""
    return {"key": key, "order": order, "title": f"Talk {key}"}


def test_presentation_orders_are_unique_positive_whole_numbers():
    document = {
        "format": "sonla-kb/1",
        "presentations": [
            presentation("p1", 1),
            presentation("p2", 1),
            presentation("p3", 0),
            presentation("p4", True),
            presentation("p5", 2.0),
            presentation("p6", 40000),
        ],
    }
    found = problems(document)
    assert found[0] == "presentations[p3].order: Ensure this value is greater than or equal to 1."
    assert found[1] == "presentations[p4].order: not a whole number: true"
    assert found[2] == "presentations[p5].order: not a whole number: 2.0"
    assert found[3] == "presentations[p6].order: more than 32767: 40000"
    assert found[4] == "presentations[p2].order: 1 at [1] is given already at [0]"


def test_files_are_a_list_of_paths_and_titles():
    document = {
        "format": "sonla-kb/1",
        "presentations": [
            {**presentation("p1", 1), "files": [{"path": "a.pdf", "title": "A"}]},
            {**presentation("p2", 2), "files": [{"path": "../a.pdf", "title": "A"}]},
        ],
        "study": {"key": "study", "title": "The study", "files": "a.pdf"},
    }
    assert problems(document) == [
        "study[study].files: not a list of files",
        "presentations[p2].files[0].path: must stay inside the JSON file's folder, "
        "without '..': '../a.pdf'",
    ]
    document = {"format": "sonla-kb/1", "presentations": [{**presentation("p1", 1), "files": []}]}
    assert problems(document) == []


def indicator(value: Any, **changes: Any) -> dict[str, Any]:
    """An indicator record with this value."""
    return {"key": "coffee-area", "name": "Coffee area", "value": value, **changes}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("23312", "not a number: '23312'"),
        (True, "not a number: true"),
        (None, "must not be null"),
        (Decimal("1.23456"), "Ensure that there are no more than 4 decimal places."),
        (Decimal("123456789012.3456"), "more than 15 significant digits: 123456789012.3456"),
        (10**17, "Ensure that there are no more than 16 digits before the decimal point."),
    ],
)
def test_indicator_values_are_json_numbers(value, message):
    found = problems({"format": "sonla-kb/1", "indicators": [indicator(value)]})
    assert found == [f"indicators[coffee-area].value: {message}"]


def test_indicator_values_keep_their_exact_decimal_value():
    data = parse_json(
        '{"format": "sonla-kb/1", "indicators": [{"key": "a", "name": "A", "value": 0.1}]}'
    )
    document, found = validate_document(data)
    assert found == []
    assert document.rows("indicators")[0].values["value"] == Decimal("0.1")


@pytest.mark.parametrize(
    ("year", "ok"),
    [(2024, True), (None, True), ("2024", False), (1899, False), (Decimal("2024.0"), False)],
)
def test_years_are_whole_numbers_in_range(year, ok):
    found = problems({"format": "sonla-kb/1", "indicators": [indicator(1, year=year)]})
    assert (found == []) is ok


def feedback(about: Any) -> dict[str, Any]:
    """A feedback record about something."""
    return {
        "key": "fb-001",
        "author": "A delegate",
        "about": about,
        "text": "Good.",
        "submitted_on": "2025-06-01",
    }


@pytest.mark.parametrize(
    ("about", "line"),
    [
        (
            {"type": "talk", "key": "p01"},
            "feedback[fb-001].about.type: not one of study, presentation, policy: 'talk'",
        ),
        ({"type": "study"}, "feedback[fb-001].about.key: missing (required)"),
        (
            {"type": "study", "key": "S"},
            "feedback[fb-001].about.key: not a key (1 to 100 characters of a-z, 0-9 and '-'): 'S'",
        ),
        ({"type": "study", "key": "s", "id": 1}, "feedback[fb-001].about.id: unknown field"),
        ("study", "feedback[fb-001].about: not null or an object with type and key: 'study'"),
    ],
)
def test_feedback_about_is_checked(about, line):
    assert problems({"format": "sonla-kb/1", "feedback": [feedback(about)]}) == [line]


def test_feedback_accepts_a_sample_flag():
    document, found = validate_document(
        {"format": "sonla-kb/1", "feedback": [{**feedback(None), "sample": True}]}
    )
    assert found == []
    assert document.rows("feedback")[0].values["sample"] is True
    assert document.rows("feedback")[0].about is None


def test_tags_are_theme_names_without_repeats():
    document, found = validate_document(
        {"format": "sonla-kb/1", "policies": [policy(tags=["GAP", "gap", "Branding"])]}
    )
    assert found == []
    assert document.rows("policies")[0].tags == ("GAP", "Branding")
    assert policy_problems(tags=["GAP", 3]) == ["policies[pol-2017-gap].tags[1]: not a string: 3"]
    assert policy_problems(tags="GAP") == [
        "policies[pol-2017-gap].tags: not a list of theme names: 'GAP'"
    ]
    [line] = policy_problems(tags=[" GAP"])
    assert line.startswith("policies[pol-2017-gap].tags[0]: a theme name must not start or end")


def test_shapes_are_checked():
    assert problems({"format": "sonla-kb/1", "policies": {}}) == ["policies: not a list: {}"]
    assert problems({"format": "sonla-kb/1", "workshop": None}) == ["workshop: not an object: null"]
    assert problems({"format": "sonla-kb/1", "policies": ["x"]}) == [
        "policies[0]: not an object: 'x'"
    ]
    assert problems([]) == ["document: not a JSON object: []"]


def test_every_problem_is_reported_at_once():
    document = {
        "format": "sonla-kb/1",
        "workshop": {"venue": "Son La"},
        "policies": [policy(issued_on="2017-02-30", kind="law"), policy(key="Bad", status=None)],
    }
    assert problems(document) == [
        "workshop.title: missing (required)",
        "policies[pol-2017-gap].kind: not one of resolution, decision, plan, programme, "
        "directive, other: 'law'",
        "policies[pol-2017-gap].issued_on: not a date in YYYY-MM-DD: '2017-02-30'",
        "policies[1].key: not a key (1 to 100 characters of a-z, 0-9 and '-'): 'Bad'",
        "policies[1].status: missing (required)",
    ]


def test_malformed_json_names_line_and_column():
    with pytest.raises(Invalid) as raised:
        parse_json('{"format": "sonla-kb/1",\n  "policies": [}')
    assert raised.value.message == "malformed JSON at line 2, column 16: Expecting value"


def test_nan_is_not_json():
    with pytest.raises(Invalid, match="NaN is not a JSON number"):
        parse_json('{"value": NaN}')


def test_a_field_given_twice_in_one_object_is_an_error():
    data = parse_json(
        '{"format": "sonla-kb/1", '
        '"indicators": [{"key": "a", "name": "A", "name": "B", "value": 1}]}'
    )
    assert [str(p) for p in validate_document(data)[1]] == [
        "indicators[a].name: given more than once"
    ]


def test_a_dataset_description_is_read_past_and_must_be_an_object():
    described = {"format": "sonla-kb/1", "dataset": {"licence": "CC BY 4.0"}, "policies": []}
    document, problems = validate_document(described)
    assert problems == [] and list(document.sections) == ["policies"]

    _, problems = validate_document({"format": "sonla-kb/1", "dataset": "CC BY"})
    assert [(p.where, p.message) for p in problems] == [("dataset", "not an object: 'CC BY'")]

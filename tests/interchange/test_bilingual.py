"""kb-format carries translations and the glossary: imported, exported, and refused when bad."""

import json

import pytest

from policies.models import Indicator, PolicyMeasure
from presentations.models import Workshop
from sonla_kb.glossary.models import Term
from sonla_kb.themes import Theme
from tests.factories import TermFactory

from .helpers import kb_counts, rejected_lines, run_export, run_import, wipe_kb

pytestmark = pytest.mark.django_db

TERMS = [
    {
        "key": "planting-area-code",
        "english": ["planting area code", "growing area code"],
        "vietnamese": ["mã số vùng trồng"],
        "synonyms": ["PAC"],
        "note": "Used for traceability.",
    },
    {"key": "cooperative", "english": ["cooperative"], "vietnamese": ["hợp tác xã"]},
]


@pytest.fixture
def bilingual_kb(full_kb):
    """The small document, with translations in every section that has them, and terms."""
    full_kb["themes"][0]["description_vi"] = "Thực hành tốt."
    full_kb["workshop"].update(title_vi="Hội thảo", summary_vi="Tóm tắt.")
    policy = full_kb["policies"][0]
    policy.update(title_translated="Hỗ trợ GAP", summary_translated="Tóm tắt.")
    policy["issuer_vi"] = "UBND tỉnh Sơn La"
    full_kb["indicators"] = [
        {"key": "area", "name": "Coffee area", "name_vi": "Diện tích cà phê", "value": 23312}
        | {"note": "As of the end of 2024.", "note_vi": "Tính đến cuối năm 2024."}
    ]
    full_kb["terms"] = TERMS
    return full_kb


def test_translations_and_terms_import(bilingual_kb, write_kb):
    out = run_import(write_kb(bilingual_kb))

    assert "terms: 2 created, 0 updated, 0 unchanged" in out
    policy = PolicyMeasure.objects.get(key="pol-2017-gap")
    assert (policy.title_translated, policy.issuer_vi) == ("Hỗ trợ GAP", "UBND tỉnh Sơn La")
    assert Workshop.objects.get().title_vi == "Hội thảo"
    assert Theme.objects.get(name="GAP").description_vi == "Thực hành tốt."
    assert Indicator.objects.get(key="area").note_vi == "Tính đến cuối năm 2024."
    term = Term.objects.get(key="planting-area-code")
    assert term.english == "planting area code\ngrowing area code"
    assert (term.synonyms, term.note) == ("PAC", "Used for traceability.")
    assert Term.objects.get(key="cooperative").synonyms == ""


def test_the_terms_round_trip_and_a_second_import_changes_nothing(bilingual_kb, write_kb, tmp_path):
    path = write_kb(bilingual_kb)
    run_import(path)
    assert "terms: 0 created, 0 updated, 2 unchanged" in run_import(path)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    run_export(first)
    wipe_kb()
    run_import(first)
    run_export(second)

    assert second.read_bytes() == first.read_bytes()
    exported = json.loads(first.read_text(encoding="utf-8"))
    assert exported["terms"] == [
        {"key": "cooperative", "english": ["cooperative"], "vietnamese": ["hợp tác xã"]}
        | {"synonyms": [], "note": ""},
        TERMS[0],
    ]
    policy = exported["policies"][0]
    assert policy["title_translated"] == "Hỗ trợ GAP" and policy["issuer_vi"] == "UBND tỉnh Sơn La"


def test_a_file_without_the_new_fields_still_imports(full_kb, write_kb):
    run_import(write_kb(full_kb))
    policy = PolicyMeasure.objects.get(key="pol-2017-gap")
    assert (policy.title_translated, policy.summary_translated, policy.issuer_vi) == ("", "", "")
    assert not Term.objects.exists()


def test_an_import_updates_a_term_and_never_deletes_one(write_kb):
    TermFactory(key="cooperative", english="co-operative", vietnamese="hợp tác xã")
    TermFactory(key="kept", english="replanting", vietnamese="tái canh")
    out = run_import(write_kb({"format": "sonla-kb/1", "terms": TERMS}))
    assert "terms: 1 created, 1 updated, 0 unchanged" in out
    assert Term.objects.get(key="cooperative").english == "cooperative"
    assert Term.objects.filter(key="kept").exists()
    assert Term.objects.get(key="cooperative").history.count() == 2


BAD_TERMS = {
    "no English form": (
        {"key": "t", "english": [], "vietnamese": ["tái canh"]},
        "terms[t].english: needs at least one form",
    ),
    "Vietnamese missing": (
        {"key": "t", "english": ["replanting"]},
        "terms[t].vietnamese: missing (required)",
    ),
    "forms not a list": (
        {"key": "t", "english": "replanting", "vietnamese": ["tái canh"]},
        "terms[t].english: not a list of strings: 'replanting'",
    ),
    "a form not a string": (
        {"key": "t", "english": ["replanting", 3], "vietnamese": ["tái canh"]},
        "terms[t].english[1]: not a string: 3",
    ),
    "an empty form": (
        {"key": "t", "english": ["replanting", "  "], "vietnamese": ["tái canh"]},
        "terms[t].english[1]: an empty form",
    ),
    "a form too long": (
        {"key": "t", "english": ["x" * 201], "vietnamese": ["tái canh"]},
        "terms[t].english[0]: longer than 200 characters",
    ),
    "too many forms": (
        {"key": "t", "english": [f"form {i}" for i in range(51)], "vietnamese": ["tái canh"]},
        "terms[t].english: more than 50 forms",
    ),
    "an unknown field": (
        {"key": "t", "english": ["a"], "vietnamese": ["b"], "french": ["c"]},
        "terms[t].french: unknown field",
    ),
    "a bad key": (
        {"key": "Bad Key", "english": ["a"], "vietnamese": ["b"]},
        "terms[2].key: not a key (1 to 100 characters of a-z, 0-9 and '-'): 'Bad Key'",
    ),
}


@pytest.mark.parametrize("case", BAD_TERMS)
def test_a_bad_term_rejects_the_whole_file(case, bilingual_kb, write_kb):
    existing = TermFactory(key="cooperative", english="co-operative", vietnamese="hợp tác xã")
    bad, expected = BAD_TERMS[case]
    bilingual_kb["terms"] = [*TERMS, bad]
    before = kb_counts()

    lines = rejected_lines(write_kb(bilingual_kb))

    assert expected in lines
    assert kb_counts() == before
    existing.refresh_from_db()
    assert existing.english == "co-operative"
    assert not PolicyMeasure.objects.exists()


def test_a_term_key_given_twice_is_refused(write_kb):
    document = {"format": "sonla-kb/1", "terms": [TERMS[1], TERMS[1]]}
    assert "terms[cooperative].key: 'cooperative' at [1] is given already at [0]" in (
        rejected_lines(write_kb(document))
    )
    assert not Term.objects.exists()

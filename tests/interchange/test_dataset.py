"""The shipped workshop dataset imports cleanly, says what it should, and round-trips."""

import json
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings

from policies.models import Indicator, PolicyMeasure, Study
from presentations.models import Feedback, Presentation, Workshop
from sonla_kb.interchange.exporter import name_order

from .helpers import run_export, run_import, wipe_kb

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset() -> dict[str, Any]:
    """The shipped dataset as parsed JSON (numbers with a fraction as Decimal)."""
    return json.loads(settings.WORKSHOP_DATASET.read_text(encoding="utf-8"), parse_float=Decimal)


def test_the_dataset_imports_cleanly(dataset):
    out = run_import(settings.WORKSHOP_DATASET)

    assert "0 updated" in out
    assert Workshop.objects.count() == 1
    assert Study.objects.count() == 1
    assert Presentation.objects.count() == 13
    assert list(Presentation.objects.values_list("order", flat=True)) == list(range(1, 14))
    assert PolicyMeasure.objects.count() == len(dataset["policies"])
    assert Feedback.objects.count() == len(dataset["feedback"])
    assert Indicator.objects.count() == len(dataset["indicators"])
    # The figures the site starts from (the workshop article).
    assert Indicator.objects.filter(value=Decimal("23312")).exists()
    assert Indicator.objects.filter(value=Decimal("47.9")).exists()


def test_importing_the_dataset_twice_changes_nothing():
    run_import(settings.WORKSHOP_DATASET)
    out = run_import(settings.WORKSHOP_DATASET)
    assert all(" 0 created, 0 updated, " in line for line in out.splitlines())


def test_the_dataset_round_trips_identically(dataset, tmp_path):
    run_import(settings.WORKSHOP_DATASET)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    run_export(first)

    wipe_kb()
    run_import(first)
    run_export(second)

    assert second.read_bytes() == first.read_bytes()
    # Nothing the dataset says is lost on the way.
    exported = json.loads(first.read_text(encoding="utf-8"), parse_float=Decimal)
    for section, records in dataset.items():
        if section == "format":
            continue
        if not isinstance(records, list):
            assert _subset(records, exported[section]), section
            continue
        by_id = {_record_id(r): r for r in exported[section]}
        for record in records:
            assert _subset(record, by_id[_record_id(record)]), (section, _record_id(record))


def _record_id(record: dict[str, Any]) -> str:
    return record.get("key") or record["name"].casefold()


def _subset(given: dict[str, Any], exported: dict[str, Any]) -> bool:
    """Whether every field the dataset gives comes back with the same value."""
    for name, value in given.items():
        if name == "tags":
            value = sorted(value, key=name_order)
        if name == "name" and "key" not in given:
            continue  # theme names match case-insensitively
        if exported[name] != value:
            return False
    return True


ARTICLE = (
    "https://en.baosonla.org.vn/kinh-te/"
    "workshop-seeks-solutions-for-developing-coffee-cultivation-in-son-la-province-VSyK06gvR.html"
)


def test_the_dataset_holds_real_records_each_with_its_source(dataset):
    real = [p for p in dataset["policies"] if not p.get("sample")]
    assert len(real) >= 5
    for policy in real:
        assert policy["source_url"].startswith("http"), policy["key"]
        assert policy["title_translated"] and policy["summary"] and policy["summary_translated"]
    # Every figure links its source; at least six come from sources beyond the article.
    assert all(i["source_url"].startswith("http") for i in dataset["indicators"])
    beyond = [i for i in dataset["indicators"] if i["source_url"] != ARTICLE]
    assert len(beyond) >= 6
    assert dataset["workshop"]["source_url"] == ARTICLE
    assert dataset["workshop"]["date"] is None  # no source gives it


def test_the_geographical_indication_says_where_its_sources_disagree(dataset):
    (gi,) = [p for p in dataset["policies"] if p["key"] == "gi-00056-son-la-coffee"]
    assert (gi["number"], gi["issued_on"], gi["sample"]) == ("00056", "2017-07-05", False)
    assert "21/8" in gi["body"] and "00058" in gi["body"]
    assert "không thống nhất" in gi["body"]
    assert "disagree" in gi["summary_translated"]


def test_no_sample_policy_stands_where_a_real_record_took_its_place(dataset):
    keys = {p["key"] for p in dataset["policies"]}
    assert "pol-2022-geographical-indication" not in keys
    about = [f["about"] for f in dataset["feedback"] if f["about"]]
    assert all(a["key"] in keys for a in about if a["type"] == "policy")

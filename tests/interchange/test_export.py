"""export_kb writes the whole knowledge base, every field, sorted, and reads back identically."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from policies.models import Indicator
from sonla_kb.interchange.exporter import (
    export_document,
    export_sections,
    json_number,
    render_document,
    write_sections,
)
from tests.factories import (
    FeedbackFactory,
    IndicatorFactory,
    PolicyFactory,
    PresentationFactory,
    StudyFactory,
    ThemeFactory,
    WorkshopFactory,
)

from .helpers import kb_counts, run_export, run_import, wipe_kb

pytestmark = pytest.mark.django_db


@pytest.fixture
def knowledge_base():
    """A knowledge base built with factories: Vietnamese text, markup characters, decimals."""
    ThemeFactory(name="GAP", slug="gap", name_vi="VietGAP", description="Good <practice> & more")
    ThemeFactory(name="branding", slug="branding", name_vi="Thương hiệu", description="")
    ThemeFactory(name="Chỉ dẫn địa lý", slug="chi-dan-dia-ly", name_vi="", description="")
    WorkshopFactory(title="Hội thảo chính sách cà phê Sơn La", date=dt.date(2025, 6, 1))
    study = StudyFactory(key="study", year=2025, tags=["GAP", "Chỉ dẫn địa lý"])
    talk = PresentationFactory(
        key="p02", order=1, title="Cà phê <b>đặc sản</b> & GI", language="vi", tags=["branding"]
    )
    PresentationFactory(key="p01", order=2, title="Opening", sample=True)
    policy = PolicyFactory(
        key="pol-2019-gi",
        number="12/2019/NQ-HĐND",
        issued_on=dt.date(2019, 7, 1),
        effective_from=dt.date(2019, 8, 1),
        source_url="https://example.org/a?b=1&c=2",
        body='Đoạn một.\n\nĐoạn hai: <a> & "b"',
        tags=["GAP", "branding"],
    )
    PolicyFactory(key="pol-2017-gap", kind="plan", status="expired", language="vi")
    FeedbackFactory(key="fb-003", study=study, published=False)
    FeedbackFactory(key="fb-001", presentation=talk, sample=True, tags=["GAP"])
    FeedbackFactory(key="fb-002", policy=policy, text="Hỗ trợ nông hộ nhỏ <3")
    FeedbackFactory(key="fb-004")
    IndicatorFactory(key="coffee-area-2024", value=Decimal("23312"), year=2024)
    IndicatorFactory(key="processed-share", value=Decimal("47.9"), unit="%", year=None)
    IndicatorFactory(key="yield-change", value=Decimal("-0.0125"), note="<note> & so")
    IndicatorFactory(key="big", value=Decimal("123456789012.345"), scope="Vietnam")


def test_the_export_holds_every_field_in_format_order(knowledge_base, tmp_path):
    path = tmp_path / "deep" / "folder" / "kb.json"
    assert run_export(path) == ""

    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    assert text.endswith("}\n")
    assert "Cà phê <b>đặc sản</b> & GI" in text  # as it is: no \u escapes, no HTML escaping
    assert list(document) == [
        "format",
        "themes",
        "workshop",
        "study",
        "presentations",
        "policies",
        "feedback",
        "indicators",
        "terms",
    ]
    assert document["format"] == "sonla-kb/1"
    assert [t["name"] for t in document["themes"]] == ["branding", "Chỉ dẫn địa lý", "GAP"]
    assert [p["key"] for p in document["presentations"]] == ["p01", "p02"]
    policy = document["policies"][1]
    assert list(policy) == [
        "key",
        "number",
        "title",
        "title_translated",
        "kind",
        "issuer",
        "issuer_vi",
        "issued_on",
        "effective_from",
        "status",
        "summary",
        "summary_translated",
        "body",
        "source_url",
        "source_date",
        "tags",
        "language",
        "sample",
    ]
    assert (policy["issued_on"], policy["effective_from"]) == ("2019-07-01", "2019-08-01")
    assert policy["tags"] == ["branding", "GAP"]
    assert document["study"]["files"] == []
    assert document["study"]["tags"] == ["Chỉ dẫn địa lý", "GAP"]
    assert document["presentations"][0]["files"] == []
    about = {f["key"]: f["about"] for f in document["feedback"]}
    assert about == {
        "fb-001": {"type": "presentation", "key": "p02"},
        "fb-002": {"type": "policy", "key": "pol-2019-gi"},
        "fb-003": {"type": "study", "key": "study"},
        "fb-004": None,
    }
    assert document["feedback"][0]["sample"] is True
    assert document["feedback"][2]["published"] is False
    values = {i["key"]: i["value"] for i in document["indicators"]}
    assert values == {
        "big": 123456789012.345,
        "coffee-area-2024": 23312,
        "processed-share": 47.9,
        "yield-change": -0.0125,
    }
    assert '"value": 23312,' in text
    assert '"value": 47.9,' in text
    assert document["workshop"]["date"] == "2025-06-01"


def test_indicator_values_are_written_as_int_or_float():
    assert json_number(Decimal("47.9000")) == 47.9
    assert isinstance(json_number(Decimal("23312.0000")), int)
    assert json.dumps(json_number(Decimal("23312.0000"))) == "23312"
    assert json.dumps(json_number(Decimal("0.1000"))) == "0.1"


def test_an_export_round_trips_byte_for_byte(knowledge_base, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    run_export(first)
    counts = kb_counts()

    wipe_kb()
    assert sum(kb_counts().values()) == 0
    run_import(first)
    run_export(second)

    assert second.read_bytes() == first.read_bytes()
    assert kb_counts() == counts
    assert Indicator.objects.get(key="yield-change").value == Decimal("-0.0125")


def test_streaming_gives_the_same_text_as_one_dump(knowledge_base):
    streamed: list[str] = []
    write_sections(write=streamed.append, sections=export_sections(notes=[]))
    assert "".join(streamed) == render_document(export_document().document)


def test_dash_writes_to_stdout(knowledge_base, tmp_path):
    out = io.StringIO()
    call_command("export_kb", "-", stdout=out, stderr=io.StringIO())
    run_export(tmp_path / "kb.json")
    assert out.getvalue() == (tmp_path / "kb.json").read_text(encoding="utf-8")


def test_an_empty_knowledge_base_exports_empty_sections_and_no_workshop(tmp_path):
    run_export(tmp_path / "kb.json")
    document = json.loads((tmp_path / "kb.json").read_text(encoding="utf-8"))
    assert document == {
        "format": "sonla-kb/1",
        "themes": [],
        "presentations": [],
        "policies": [],
        "feedback": [],
        "indicators": [],
        "terms": [],
    }


def test_with_several_studies_the_latest_is_exported_with_a_note(tmp_path):
    StudyFactory(key="older", year=2019)
    StudyFactory(key="undated", year=None)
    StudyFactory(key="latest", year=2025)

    notes = run_export(tmp_path / "kb.json")

    document = json.loads((tmp_path / "kb.json").read_text(encoding="utf-8"))
    assert document["study"]["key"] == "latest"
    assert notes.startswith("note: 3 studies in the database: only 'latest' (the latest)")

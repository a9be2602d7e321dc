"""Translations in citations and list exports: given as translations, beside the original."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from sonla_kb.exports.citations import citation_for, to_ris
from sonla_kb.exports.csl import render_reference
from tests.factories import PolicyFactory, PresentationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy():
    return PolicyFactory(
        key="pol-2024-credit",
        title="Nghị quyết về hỗ trợ lãi suất",
        title_translated="Resolution on interest rate subsidies",
        summary_translated="A sample resolution.",
        language="vi",
        issuer="Son La Provincial People's Council",
        issuer_vi="Hội đồng nhân dân tỉnh Sơn La",
        kind="resolution",
        issued_on=dt.date(2024, 7, 1),
    )


def test_a_citation_gives_the_translated_title_in_brackets_after_the_original(policy):
    citation = citation_for(policy, url="https://kb.example/policies/pol-2024-credit/")
    assert citation.title == "Nghị quyết về hỗ trợ lãi suất"
    assert (citation.title_translated, citation.translation_language) == (
        "Resolution on interest rate subsidies",
        "en",
    )
    text = render_reference(citation, language="en")
    assert "<i>Nghị quyết về hỗ trợ lãi suất [Resolution on interest rate subsidies]</i>" in text
    # A Vietnamese document is cited under its issuer's Vietnamese name.
    assert text.startswith("Hội đồng nhân dân tỉnh Sơn La. (2024, July 1).")
    ris = to_ris(citation)
    assert "TI  - Nghị quyết về hỗ trợ lãi suất\r\n" in ris
    assert "TT  - Resolution on interest rate subsidies\r\n" in ris


def test_a_record_without_a_translation_is_cited_as_before():
    presentation = PresentationFactory(title="Building the brand", title_translated="")
    citation = citation_for(presentation, url="https://kb.example/p/")
    assert (citation.title_translated, citation.translation_language) == ("", "")
    assert "[Building" not in render_reference(citation, language="en")
    assert "TT  -" not in to_ris(citation)


def test_the_policy_export_carries_the_translation_beside_the_original(client, policy):
    response = client.get(reverse("policy-list-export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["title"], r["title_translated"], r["translation_language"]) for r in rows] == [
        ("Nghị quyết về hỗ trợ lãi suất", "Resolution on interest rate subsidies", "en")
    ]
    assert rows[0]["issuer_vi"] == "Hội đồng nhân dân tỉnh Sơn La"
    data = client.get(reverse("policy-list-export", args=["json"])).json()
    record = data["policies"][0]
    assert record["summary_translated"] == "A sample resolution."

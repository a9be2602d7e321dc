"""Citations: the "Cite" block, and BibTeX and RIS downloads that parse back to the record."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils.translation import override

from sonla_kb.exports.citations import bibtex_escape, citation_for, format_citation, to_bibtex
from tests.factories import PolicyFactory, PresentationFactory, StudyFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

_BIBTEX_UNESCAPE = {
    r"\textbackslash{}": "\\",
    r"\{": "{",
    r"\}": "}",
    r"\%": "%",
    r"\$": "$",
    r"\&": "&",
    r"\#": "#",
    r"\_": "_",
    r"\^{}": "^",
    r"\~{}": "~",
}


def _wrapped(raw: str) -> bool:
    """Whether the value is one braced group, {like this}, not {A} and {B}."""
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    depth, i = 0, 0
    while i < len(raw):
        if raw[i] == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(raw[i], 0)
        if depth == 0 and i < len(raw) - 1:
            return False
        i += 1
    return True


def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """One BibTeX entry: its type, key and fields (values unbraced and unescaped)."""
    head = re.match(r"\s*@(\w+)\{([^,\s]+),\n", text)
    assert head, text
    fields, pos = {}, head.end()
    field_re = re.compile(r"\s*(\w+) = \{")
    while True:
        match = field_re.match(text, pos)
        if not match:
            break
        depth, i = 1, match.end()
        while depth:
            if text[i] == "\\":
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        raw = text[match.end() : i - 1]
        if _wrapped(raw):
            raw = raw[1:-1]
        value = re.sub(
            "|".join(re.escape(k) for k in _BIBTEX_UNESCAPE), lambda m: _BIBTEX_UNESCAPE[m[0]], raw
        )
        fields[match.group(1)] = value
        pos = i
        if text[pos] == ",":
            pos += 1
    assert text[pos:].strip() == "}", text[pos:]
    return head.group(1), head.group(2), fields


def parse_ris(text: str) -> dict[str, list[str]]:
    """One RIS record: each tag's values, in order; it must start with TY and end with ER."""
    lines = text.split("\r\n")
    assert lines[0].startswith("TY  - ") and lines[-2] == "ER  - " and lines[-1] == ""
    tags: dict[str, list[str]] = {}
    for line in lines[:-2]:
        assert re.match(r"^[A-Z][A-Z0-9]  - ", line), line
        tags.setdefault(line[:2], []).append(line[6:])
    return tags


@pytest.fixture
def policy():
    return PolicyFactory(
        key="res-15-2019",
        title="Resolution on {coffee} & 100% support_for GAP #1 ~ $",
        number="15/2019/NQ-HĐND",
        kind="resolution",
        issuer="Son La Provincial People's Council",
        issued_on=dt.date(2019, 7, 12),
        language="vi",
        sample=True,
    )


def test_policy_bibtex_parses_back_to_the_record(client, policy):
    response = client.get(reverse("policy-cite-bib", args=[policy.key]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="res-15-2019.bib"'
    kind, key, fields = parse_bibtex(response.content.decode())
    assert kind == "misc" and key == "sonla-kb:res-15-2019"
    assert fields["title"] == policy.title
    assert fields["author"] == policy.issuer
    assert fields["year"] == "2019" and fields["date"] == "2019-07-12"
    assert fields["number"] == policy.number
    assert fields["howpublished"] == "Resolution"
    assert fields["url"] == "http://testserver/policies/res-15-2019/"
    assert fields["language"] == "vietnamese"
    assert "Sample record" in fields["note"]


def test_policy_ris_parses_back_to_the_record(client, policy):
    response = client.get(reverse("policy-cite-ris", args=[policy.key]))
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    tags = parse_ris(response.content.decode())
    assert tags["TY"] == ["GOVDOC"]
    assert tags["TI"] == [policy.title]
    assert tags["AU"] == [policy.issuer]
    assert tags["PY"] == ["2019"] and tags["DA"] == ["2019/07/12"]
    assert tags["M1"] == [policy.number]
    assert tags["UR"] == ["http://testserver/policies/res-15-2019/"]
    assert tags["LA"] == ["vi"]
    assert "Sample record" in tags["N1"][0]


def test_presentation_and_study_citations(client):
    WorkshopFactory(title="Workshop on coffee", venue="Son La", date=dt.date(2025, 6, 20))
    talk = PresentationFactory(key="p07", title="Geographical indications", speaker="Nguyễn Văn A")
    study = StudyFactory(key="study", authors="Trần Thị B; Lê C", year=2025)
    _, _, fields = parse_bibtex(client.get("/presentations/p07/cite.bib").content.decode())
    assert fields["author"] == "Nguyễn Văn A"
    assert fields["title"] == talk.title and fields["year"] == "2025"
    assert fields["howpublished"] == "Presentation at Workshop on coffee"
    ris = parse_ris(client.get("/presentations/p07/cite.ris").content.decode())
    assert (
        ris["TY"] == ["SLIDE"] and ris["T2"] == ["Workshop on coffee"] and ris["CY"] == ["Son La"]
    )
    kind, _, fields = parse_bibtex(client.get("/study/cite.bib").content.decode())
    assert kind == "techreport"
    assert fields["author"] == "{Trần Thị B} and {Lê C}"
    assert fields["title"] == study.title
    ris = parse_ris(client.get("/study/cite.ris").content.decode())
    assert ris["TY"] == ["RPRT"] and ris["AU"] == ["Trần Thị B", "Lê C"]
    assert "N1" not in ris  # not a sample


def test_unknown_records_are_404(client):
    assert client.get("/policies/nothing/cite.bib").status_code == 404
    assert client.get("/presentations/nothing/cite.ris").status_code == 404
    assert client.get("/study/cite.bib").status_code == 404


def test_bibtex_escapes_every_special_character():
    assert bibtex_escape(r"a\b{c}%$&#_^~") == (r"a\textbackslash{}b\{c\}\%\$\&\#\_\^{}\~{}")
    assert bibtex_escape("cà  phê\nSơn La") == "cà phê Sơn La"


def test_cite_block_on_every_detail_page(client, policy):
    WorkshopFactory()
    PresentationFactory(key="p01")
    StudyFactory(key="study")
    for url, bib in [
        ("/policies/res-15-2019/", "/policies/res-15-2019/cite.bib"),
        ("/presentations/p01/", "/presentations/p01/cite.bib"),
        ("/study/", "/study/cite.bib"),
    ]:
        html = client.get(url).content.decode()
        assert '<h2 id="cite-heading">Cite</h2>' in html, url
        assert f'href="{bib}"' in html and f'href="{bib[:-3]}ris"' in html
    html = client.get("/policies/res-15-2019/").content.decode()
    assert (
        "Son La Provincial People&#x27;s Council. (2019-07-12). Resolution on {coffee} &amp; "
        "100% support_for GAP #1 ~ $ (No. 15/2019/NQ-HĐND) [Resolution]."
    ) in html
    assert "[Sample record: written for demonstration, not an official document]" in html


def test_plain_citation_in_vietnamese(client, policy):
    html = client.get("/policies/res-15-2019/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "(Số 15/2019/NQ-HĐND) [Nghị quyết]" in html
    assert "[Hồ sơ mẫu: soạn để minh họa" in html


def test_citation_text_without_a_date_or_authors():
    with override("en"):
        _citation_text_without_a_date_or_authors()


def _citation_text_without_a_date_or_authors():
    study = StudyFactory.build(key="s", title="A study", authors="", year=None)
    text = format_citation(citation_for(study, url="http://x/study/"))
    assert (
        text == "Son La Coffee Policy Knowledge Base. (n.d.). A study [Report]. "
        "Son La Coffee Policy Knowledge Base. http://x/study/"
    )
    assert "author" not in to_bibtex(citation_for(study, url="http://x/study/"))

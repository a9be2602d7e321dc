"""Citations: the "Cite" block, and BibTeX and RIS downloads that parse back to the record."""

import datetime as dt
import json
import re

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.urls import reverse
from django.utils.translation import override
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string as pybtex_parse
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from sonla_kb.exports.citations import (
    Citation,
    bibtex_escape,
    citation_for,
    to_bibtex,
    to_ris,
)
from sonla_kb.exports.csl import render_reference
from tests.factories import PolicyFactory, PresentationFactory, StudyFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def _latex_decoder() -> LatexNodes2Text:
    """pylatexenc's LaTeX-to-text, as bibtexparser uses it, knowing three LaTeX2e text
    commands it lacks or maps to look-alikes (\\textasciicircum gives U+02C6)."""
    context = get_default_latex_context_db()
    context.add_context_category(
        "latex2e-text-commands",
        prepend=True,
        macros=[
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
            MacroTextSpec("textasciicircum", "^"),
        ],
    )
    return LatexNodes2Text(latex_context=context, math_mode="verbatim")


DECODER = _latex_decoder()


def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """One BibTeX entry read by bibtexparser (fields LaTeX-decoded), checked against pybtex:
    both parsers must find the same entry with the same fields."""
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(decoder=DECODER)]
    )
    assert not library.failed_blocks, text
    (entry,) = library.entries
    fields = {f.key: f.value for f in entry.fields}
    (key, other), *rest = pybtex_parse(text, "bibtex").entries.items()
    assert not rest and key == entry.key and other.original_type == entry.entry_type
    assert set(other.fields) | set(other.persons) == set(fields), text
    for name, value in other.fields.items():
        assert DECODER.latex_to_text(value) == fields[name], name
    if "author" in fields:
        names = [DECODER.latex_to_text(str(person)) for person in other.persons["author"]]
        assert " and ".join(names) == fields["author"]
        fields["authors"] = names
    return entry.entry_type, entry.key, fields


def parse_ris(text: str) -> dict[str, list[str]]:
    """One RIS record read by rispy, as each tag's values; it must start with TY and end
    with ER, one tag per CRLF line."""
    lines = text.split("\r\n")
    assert lines[0].startswith("TY  - ") and lines[-2] == "ER  - " and lines[-1] == ""
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines[:-1]), text
    (record,) = rispy.loads(text)
    tags = {name: tag for tag, name in rispy.TAG_KEY_MAPPING.items()}
    return {
        tags[name]: value if isinstance(value, list) else [value] for name, value in record.items()
    }


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
    assert fields["authors"] == ["Trần Thị B", "Lê C"]
    assert fields["title"] == study.title
    ris = parse_ris(client.get("/study/cite.ris").content.decode())
    assert ris["TY"] == ["RPRT"] and ris["AU"] == ["Trần Thị B", "Lê C"]
    assert "N1" not in ris  # not a sample


def test_unknown_records_are_404(client):
    assert client.get("/policies/nothing/cite.bib").status_code == 404
    assert client.get("/presentations/nothing/cite.ris").status_code == 404
    assert client.get("/study/cite.bib").status_code == 404


def test_bibtex_escapes_every_special_character():
    assert bibtex_escape(r"a\b{c}%$&#_^~") == (
        r"a\textbackslash{}b\{c\}\%\$\&\#\_\textasciicircum{}\textasciitilde{}"
    )
    assert bibtex_escape("cà  phê\nSơn La") == "cà phê Sơn La"
    # A brace without its partner is a command, so the field's braces always balance.
    assert bibtex_escape("a} {b") == r"a\textbraceright{} \textbraceleft{}b"
    assert bibtex_escape("2017--2020 ``x''") == "2017-{}-2020 `{}`x'{}'"


# Titles and issuers as staff might type them, leaning on what BibTeX and LaTeX treat
# specially, Vietnamese letters among them.
SPECIAL = "{}\\%$&#_^~-`'?!,<>@\"=() "
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(SPECIAL),
        st.sampled_from("ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậềểễếệờởỡớợừửữứự"),
        st.characters(blacklist_categories=("Cs", "Cc")),
    ),
    max_size=60,
)
NAME = TEXT.filter(lambda t: t.strip())


def _normal(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        ("Plan } for coffee", "Sở Nông nghiệp }"),
        ("{ unbalanced", "{People's Committee"),
        ("100% & #1 _x ^ ~ $ \\ @misc{", "Sơn La & Điện Biên"),
        ("Nghị quyết số 15/2019/NQ-HĐND -- ``cà phê'' ?` !`", "Đắk Lắk"),
    ],
)
def test_bibtex_reads_back_the_same_fields(title, issuer):
    _bibtex_round_trip(title, issuer)


@settings(max_examples=150, deadline=None)
@given(title=TEXT.filter(lambda t: t.strip()), issuer=NAME)
def test_any_title_and_issuer_read_back_from_bibtex(title, issuer):
    _bibtex_round_trip(title, issuer)


def _bibtex_round_trip(title: str, issuer: str) -> None:
    c = Citation(
        kind="policy",
        key="k",
        title=title,
        url="http://x/policies/k/",
        authors=[issuer],
        publisher=issuer,
        number=title,
        year=2019,
    )
    kind, key, fields = parse_bibtex(to_bibtex(c))
    assert (kind, key) == ("misc", "sonla-kb:k")
    assert fields["title"] == _normal(title)
    assert fields["number"] == _normal(title)
    assert fields["authors"] == [_normal(issuer)]
    assert fields["publisher"] == _normal(issuer)
    assert fields["year"] == "2019" and fields["url"] == "http://x/policies/k/"


@settings(max_examples=150, deadline=None)
@given(title=TEXT.filter(lambda t: t.strip()), issuer=NAME)
def test_any_title_and_issuer_read_back_from_ris(title, issuer):
    c = Citation(
        kind="policy", key="k", title=title, url="http://x/p/", authors=[issuer], publisher=issuer
    )
    tags = parse_ris(to_ris(c))
    assert tags["TI"] == [_normal(title)]
    assert tags["AU"] == [_normal(issuer)] and tags["PB"] == [_normal(issuer)]
    assert tags["UR"] == ["http://x/p/"]


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
        "Son La Provincial People&#x27;s Council. (2019, July 12). <i>Resolution on {coffee} "
        "&amp; 100% support_for GAP #1 ~ $</i> (Resolution 15/2019/NQ-HĐND)."
    ) in html
    assert "[Sample record: written for demonstration, not an official document]" in html
    assert "Style: APA 7th edition" in html


def test_plain_citation_in_vietnamese(client, policy):
    html = client.get("/policies/res-15-2019/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "(Nghị quyết 15/2019/NQ-HĐND)" in html
    assert "[Hồ sơ mẫu: soạn để minh họa" in html


def test_citation_text_without_a_date_or_authors():
    with override("en"):
        _citation_text_without_a_date_or_authors()


def _citation_text_without_a_date_or_authors():
    study = StudyFactory.build(key="s", title="A study", authors="", year=None)
    citation = citation_for(study, url="http://x/study/")
    text = render_reference(citation, language="en")
    assert text == "<i>A study</i>. (date not known). [Report]. Retrieved http://x/study/"
    assert "Knowledge Base" not in text
    bibtex = to_bibtex(citation)
    assert "author" not in bibtex
    # The study names no publisher, so none is written: never the knowledge base itself.
    assert "institution" not in bibtex and "Knowledge Base" not in bibtex
    assert "không rõ ngày" in render_reference(citation, language="vi")


def test_csl_json_is_offered_beside_bibtex_and_ris(client, policy):
    html = client.get("/policies/res-15-2019/").content.decode()
    assert 'href="/policies/res-15-2019/cite.json"' in html

    response = client.get("/policies/res-15-2019/cite.json")
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    (item,) = json.loads(response.content)
    assert item["type"] == "document" and item["title"] == policy.title
    assert item["author"] == [{"literal": "Son La Provincial People's Council"}]
    assert item["issued"] == {"date-parts": [[2019, 7, 12]]}
    assert item["number"] == "15/2019/NQ-HĐND" and item["language"] == "vi"
    assert "Sample record" in item["note"]
    # citeproc-py reads it back into the same reference the page shows.
    assert render_reference(citation_for(policy, url=item["URL"]), language="en") in html


def test_csl_json_of_a_presentation_and_the_study(client):
    WorkshopFactory(title="Workshop on coffee", venue="Son La", date=None)
    PresentationFactory(key="p07", title="GI", speaker="Nguyễn Văn A")
    StudyFactory(key="study", authors="Trần Thị B; Lê C", year=2025, sample=False)
    (talk,) = json.loads(client.get("/presentations/p07/cite.json").content)
    assert talk["type"] == "speech" and talk["event-title"] == "Workshop on coffee"
    assert "issued" not in talk  # the workshop's date is not known
    (study,) = json.loads(client.get("/study/cite.json").content)
    assert study["type"] == "report" and study["issued"] == {"date-parts": [[2025]]}
    assert study["author"] == [{"literal": "Trần Thị B"}, {"literal": "Lê C"}]
    assert "publisher" not in study and "note" not in study


def test_the_reference_says_date_not_known_rather_than_nd(client):
    WorkshopFactory(date=None)
    PresentationFactory(key="p01", title="GI", speaker="Nguyễn Văn A")
    en = client.get("/presentations/p01/").content.decode()
    vi = client.get("/presentations/p01/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Nguyễn Văn A. (date not known). <i>GI</i>" in en and "n.d." not in en
    assert "(không rõ ngày)" in vi


def test_the_reference_escapes_the_records_text():
    talk = PresentationFactory.build(key="p01", title="<script>x</script> & co", speaker="A <b>")
    text = render_reference(citation_for(talk, url="http://x/?a=1&b=2"), language="en")
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in text


def test_a_presentation_without_a_workshop_date_is_cited_date_not_known():
    WorkshopFactory(date=None)
    talk = PresentationFactory(speaker="A speaker")
    citation = citation_for(talk, url="http://x/presentations/p01/")
    assert "A speaker. (date not known)." in render_reference(citation, language="en")
    assert "(không rõ ngày)" in render_reference(citation, language="vi")
    assert "note = {Date not known.}" in to_bibtex(citation)
    assert "N1  - Date not known.\r\n" in to_ris(citation)
    dated = citation_for(StudyFactory.build(key="s", year=2025), url="http://x/study/")
    assert "Date not known" not in to_bibtex(dated) + to_ris(dated)

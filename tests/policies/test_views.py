"""The policy register and the study pages."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.factories import FeedbackFactory, PolicyFactory, StudyFactory, ThemeFactory
from tests.sonla_kb.querycount import queries_for

pytestmark = pytest.mark.django_db

SAMPLE_TEXT = "Sample content written for demonstration, not an official document"


def titles(response) -> list[str]:
    return [p.title for p in response.context["policies"]]


def test_policy_list_shows_policies_newest_first_with_sample_label(client):
    PolicyFactory(title="Older plan", issued_on=dt.date(2018, 1, 1))
    PolicyFactory(title="Newer decision", issued_on=dt.date(2022, 1, 1), sample=True)
    response = client.get(reverse("policy-list"))
    assert response.status_code == 200
    assert titles(response) == ["Newer decision", "Older plan"]
    html = response.content.decode()
    assert html.count('class="badge badge--sample"') == 1
    assert SAMPLE_TEXT in html
    assert '<th scope="col">' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2019", ["GAP decision"]),
        ("theme=gap", ["Brand plan", "GAP decision"]),
        ("kind=plan", ["Brand plan"]),
        ("issuer=Ministry", ["Ministry programme"]),
        ("status=expired", ["Ministry programme"]),
        ("sort=oldest", ["Ministry programme", "GAP decision", "Brand plan"]),
        ("sort=title", ["Brand plan", "GAP decision", "Ministry programme"]),
        ("kind=plan&theme=gap&year=2021", ["Brand plan"]),
        (
            "year=&theme=&kind=&issuer=&status=&sort=",
            ["Brand plan", "GAP decision", "Ministry programme"],
        ),
    ],
)
def test_policy_list_filters_and_sorts(client, query, expected):
    ThemeFactory(name="GAP", slug="gap")
    PolicyFactory(title="GAP decision", issued_on=dt.date(2019, 3, 1), tags=["GAP"])
    PolicyFactory(
        title="Brand plan", kind="plan", issued_on=dt.date(2021, 3, 1), tags=["GAP", "Branding"]
    )
    PolicyFactory(
        title="Ministry programme",
        kind="programme",
        issuer="Ministry",
        status="expired",
        issued_on=dt.date(2017, 3, 1),
    )
    response = client.get(f"{reverse('policy-list')}?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_active_filters_are_shown_and_removable(client):
    ThemeFactory(name="GAP", slug="gap")
    PolicyFactory(kind="plan", tags=["GAP"])
    response = client.get(reverse("policy-list") + "?kind=plan&theme=gap&page=1")
    html = response.content.decode()
    assert "Kind: Plan" in html
    assert 'href="?theme=gap"' in html  # removes the kind, back to page 1
    assert 'href="?kind=plan"' in html  # removes the theme
    assert "Clear all filters" in html


def test_filter_form_is_labelled_and_works_without_javascript(client):
    response = client.get(reverse("policy-list"))
    html = response.content.decode()
    assert '<form class="filters" method="get" action="/policies/">' in html
    for name in ("year", "theme", "kind", "issuer", "status", "sort"):
        assert f'<label for="id_{name}">' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script
    assert 'style="' not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("kind=law", "“law” is not a kind of policy measure."),
        ("year=twenty", "The year must be a number"),
        ("year=99999", "Year issued:"),
        ("status=dead", "“dead” is not a status."),
        ("sort=random", "“random” is not a sort order."),
        ("theme=no-such-theme", "There is no theme “no-such-theme”."),
        ("page=abc", "The page must be a whole number."),
        ("page=0", "Page:"),
        ("page=5", "There is no page 5"),
    ],
)
def test_bad_parameters_give_400_with_a_message_and_an_empty_list(client, query, message):
    PolicyFactory()
    response = client.get(f"{reverse('policy-list')}?{query}")
    assert response.status_code == 400
    assert list(response.context["policies"]) == []
    html = response.content.decode()
    assert 'role="alert"' in html
    assert message in html
    assert "Policy measure 0" not in html


def test_bad_parameter_is_escaped_in_the_message(client):
    response = client.get(reverse("policy-list"), {"kind": "<b>x</b>"})
    assert response.status_code == 400
    assert "&lt;b&gt;x&lt;/b&gt;" in response.content.decode()


def test_policy_list_paginates_by_20(client):
    for day in range(1, 23):
        PolicyFactory(issued_on=dt.date(2020, 1, day))
    first = client.get(reverse("policy-list"))
    assert len(first.context["policies"]) == 20
    assert 'aria-current="page">1</a>' in first.content.decode()
    second = client.get(reverse("policy-list") + "?page=2")
    assert len(second.context["policies"]) == 2


def test_policy_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    url = reverse("policy-list")
    PolicyFactory.create_batch(2, tags=["GAP", "Branding"])
    two_rows = queries_for(client, url)
    PolicyFactory.create_batch(10, tags=["GAP", "Branding", "Markets"])
    with django_assert_num_queries(two_rows):
        response = client.get(url)
    assert len(response.context["policies"]) == 12


def test_policy_detail_shows_every_field_and_escapes_text(client):
    ThemeFactory(name="GAP", slug="gap")
    policy = PolicyFactory(
        key="decision-1",
        number="123/QĐ-UBND",
        title="Support <em>GAP</em> & more",
        kind="decision",
        issuer="Son La PPC",
        issued_on=dt.date(2019, 4, 2),
        effective_from=dt.date(2019, 5, 1),
        status="superseded",
        summary="What it does.",
        body="First paragraph <b>here</b>.\n\nSecond paragraph.",
        source_url="https://example.org/decision.pdf",
        sample=True,
        tags=["GAP"],
    )
    response = client.get(policy.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Support &lt;em&gt;GAP&lt;/em&gt; &amp; more" in html
    assert "<em>GAP</em>" not in html
    assert "123/QĐ-UBND" in html
    assert "Son La PPC" in html
    assert "Superseded" in html
    assert "April 2, 2019" in html and "May 1, 2019" in html
    assert 'href="https://example.org/decision.pdf"' in html
    assert "<p>First paragraph &lt;b&gt;here&lt;/b&gt;.</p>\n<p>Second paragraph.</p>" in html
    assert 'href="/themes/gap/"' in html
    assert SAMPLE_TEXT in html


def test_a_real_policy_shows_its_source_with_its_date_or_says_the_date_is_not_known(client):
    dated = PolicyFactory(
        source_url="https://thuviennhadat.vn/vbpl/ke-hoach-231.html",
        source_date=dt.date(2020, 12, 2),
        sample=False,
    )
    undated = PolicyFactory(source_url="https://baohothuonghieu.com/le-trao", sample=False)

    html = client.get(dated.get_absolute_url()).content.decode()
    assert (
        '<a href="https://thuviennhadat.vn/vbpl/ke-hoach-231.html" '
        'rel="noopener noreferrer external">thuviennhadat.vn</a>, '
        '<time datetime="2020-12-02">Dec. 2, 2020</time>'
    ) in html
    html = client.get(undated.get_absolute_url()).content.decode()
    assert ">baohothuonghieu.com</a>, date not known" in html
    html = client.get(undated.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert ">baohothuonghieu.com</a>, không rõ ngày" in html


def test_a_sample_policy_says_it_has_no_source(client):
    policy = PolicyFactory(source_url="", sample=True)
    html = client.get(policy.get_absolute_url()).content.decode()
    assert "None: a sample record, written for demonstration" in html


def test_the_policy_list_counts_real_and_sample_records(client):
    PolicyFactory(sample=False)
    PolicyFactory(sample=True)
    PolicyFactory(sample=True)
    html = client.get(reverse("policy-list")).content.decode()
    assert "Real records, from named public sources: 1" in html
    assert "Sample records, written for demonstration and labelled “Sample”: 2" in html


def test_policy_detail_shows_published_feedback_only(client):
    policy = PolicyFactory()
    FeedbackFactory(policy=policy, text="Published remark about the policy.")
    FeedbackFactory(policy=policy, text="Hidden remark, not yet moderated.", published=False)
    FeedbackFactory(text="About the workshop, not this policy.")
    html = client.get(policy.get_absolute_url()).content.decode()
    assert "What the workshop said" in html
    assert "Published remark about the policy." in html
    assert "Hidden remark" not in html
    assert "About the workshop, not this policy." not in html


def test_policy_detail_unknown_key_is_404(client):
    assert client.get(reverse("policy-detail", kwargs={"key": "nope"})).status_code == 404


def test_study_page_shows_the_latest_study_and_its_published_feedback(client):
    StudyFactory(title="Old study", year=2019)
    study = StudyFactory(title="The <new> study", year=2025, sample=True, tags=["GAP"])
    StudyFactory(title="Undated study", year=None)
    FeedbackFactory(study=study, text="Seen remark on the study.")
    FeedbackFactory(study=study, text="Unseen remark on the study.", published=False)
    response = client.get(reverse("study"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The &lt;new&gt; study" in html
    assert "Old study" not in html
    assert "Seen remark on the study." in html
    assert "Unseen remark" not in html
    assert SAMPLE_TEXT in html
    assert "<p>The study reviews the policies.</p>" in html


def test_study_page_is_404_without_a_study(client):
    assert client.get(reverse("study")).status_code == 404

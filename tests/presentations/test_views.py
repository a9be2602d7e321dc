"""The presentations and feedback pages."""

import pytest
from django.urls import reverse

from tests.factories import (
    FeedbackFactory,
    PolicyFactory,
    PresentationFactory,
    StudyFactory,
    ThemeFactory,
    WorkshopFactory,
)
from tests.sonla_kb.querycount import queries_for

pytestmark = pytest.mark.django_db

SAMPLE_TEXT = "Sample content written for demonstration, not an official document"


def test_presentation_list_shows_the_13_in_running_order(client):
    for order in (13, 2, 7, 1, 5, 12, 3, 9, 4, 11, 6, 10, 8):
        PresentationFactory(
            order=order,
            title=f"Talk number {order}",
            speaker=f"Speaker {order}",
            organisation="Son La DARD",
            sample=True,
            tags=["GAP"],
        )
    response = client.get(reverse("presentation-list"))
    assert response.status_code == 200
    assert [p.order for p in response.context["presentations"]] == list(range(1, 14))
    html = response.content.decode()
    positions = [html.index(f">Talk number {n}<") for n in range(1, 14)]
    assert positions == sorted(positions)
    assert "The 13 presentations delivered at the workshop" in html
    assert "Speaker 7, Son La DARD" in html
    assert html.count('class="badge badge--sample"') == 13
    assert 'href="/themes/gap/"' in html


def test_presentation_list_escapes_titles(client):
    PresentationFactory(title="<script>alert('x')</script>")
    html = client.get(reverse("presentation-list")).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>" not in html


def test_presentation_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    url = reverse("presentation-list")
    PresentationFactory.create_batch(2, tags=["GAP"])
    two_rows = queries_for(client, url)
    PresentationFactory.create_batch(10, tags=["GAP", "Markets"])
    with django_assert_num_queries(two_rows):
        client.get(url)


def test_presentation_detail_shows_its_published_feedback(client):
    presentation = PresentationFactory(
        key="p07",
        title="Geographical indications",
        speaker="Ms A",
        body="One.\n\nTwo & three.",
        sample=True,
        tags=["Geographical indications"],
    )
    FeedbackFactory(presentation=presentation, text="Visible comment on p07.")
    FeedbackFactory(presentation=presentation, text="Moderation pending.", published=False)
    response = client.get(reverse("presentation-detail", kwargs={"key": "p07"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geographical indications" in html
    assert "Ms A" in html
    assert "<p>One.</p>\n<p>Two &amp; three.</p>" in html
    assert "Visible comment on p07." in html
    assert "Moderation pending." not in html
    assert SAMPLE_TEXT in html


@pytest.mark.parametrize("language", ["en", "vi"])
def test_without_a_workshop_date_the_presentation_pages_say_it_is_not_known(client, language):
    WorkshopFactory(date=None)
    talk = PresentationFactory()
    said = {"en": "Date not known: no source found gives it", "vi": "Không rõ ngày"}[language]
    for url in (reverse("presentation-list"), talk.get_absolute_url()):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert said in html
        assert "n.d." not in html


def test_with_a_workshop_date_the_presentation_pages_give_it(client):
    import datetime as dt

    WorkshopFactory(date=dt.date(2025, 6, 20))
    talk = PresentationFactory()
    html = client.get(talk.get_absolute_url()).content.decode()
    assert '<time datetime="2025-06-20">June 20, 2025</time>' in html
    assert "Date not known" not in html


def test_presentation_detail_unknown_key_is_404(client):
    assert client.get(reverse("presentation-detail", kwargs={"key": "p99"})).status_code == 404


@pytest.fixture
def feedback_on_everything():
    ThemeFactory(name="Branding", slug="branding")
    study = StudyFactory()
    presentation = PresentationFactory(title="A talk")
    policy = PolicyFactory(title="A policy")
    return {
        "workshop": FeedbackFactory(key="fb-workshop", text="On the workshop as a whole."),
        "study": FeedbackFactory(key="fb-study", study=study, text="On the study."),
        "presentation": FeedbackFactory(
            key="fb-talk", presentation=presentation, text="On a talk.", tags=["Branding"]
        ),
        "policy": FeedbackFactory(key="fb-policy", policy=policy, text="On a policy.", sample=True),
        "hidden": FeedbackFactory(
            key="fb-hidden",
            policy=policy,
            text="Not yet published.",
            published=False,
            tags=["Branding"],
        ),
    }


def test_feedback_list_shows_published_feedback_linking_to_what_it_is_about(
    client, feedback_on_everything
):
    response = client.get(reverse("feedback-list"))
    assert response.status_code == 200
    assert {f.key for f in response.context["feedback"]} == {
        "fb-workshop",
        "fb-study",
        "fb-talk",
        "fb-policy",
    }
    html = response.content.decode()
    assert "Not yet published." not in html
    talk = feedback_on_everything["presentation"].presentation
    assert f'href="{talk.get_absolute_url()}"' in html
    assert 'href="/study/"' in html
    assert 'href="/#workshop"' in html
    assert html.count('class="badge badge--sample"') == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("about=workshop", {"fb-workshop"}),
        ("about=study", {"fb-study"}),
        ("about=presentation", {"fb-talk"}),
        ("about=policy", {"fb-policy"}),
        ("theme=branding", {"fb-talk"}),
        ("about=policy&theme=branding", set()),
    ],
)
def test_feedback_list_filters(client, feedback_on_everything, query, expected):
    response = client.get(f"{reverse('feedback-list')}?{query}")
    assert response.status_code == 200
    assert {f.key for f in response.context["feedback"]} == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("about=minutes", "“minutes” is not something feedback is about"),
        ("theme=nothing", "There is no theme “nothing”."),
        ("page=x", "The page must be a whole number."),
        ("page=9", "There is no page 9"),
    ],
)
def test_feedback_list_bad_parameters_give_400(client, feedback_on_everything, query, message):
    response = client.get(f"{reverse('feedback-list')}?{query}")
    assert response.status_code == 400
    assert list(response.context["feedback"]) == []
    html = response.content.decode()
    assert message in html
    assert "On the study." not in html


def test_feedback_list_paginates(client):
    FeedbackFactory.create_batch(21)
    assert len(client.get(reverse("feedback-list")).context["feedback"]) == 20
    assert len(client.get(reverse("feedback-list") + "?page=2").context["feedback"]) == 1


def test_feedback_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries):
    url = reverse("feedback-list")
    policy = PolicyFactory()
    presentation = PresentationFactory()
    FeedbackFactory(policy=policy, tags=["GAP"])
    FeedbackFactory(presentation=presentation, tags=["GAP"])
    two_rows = queries_for(client, url)
    for _ in range(5):
        FeedbackFactory(policy=PolicyFactory(), tags=["GAP", "Markets"])
        FeedbackFactory(study=StudyFactory(), tags=["Markets"])
    with django_assert_num_queries(two_rows):
        response = client.get(url)
    assert len(response.context["feedback"]) == 12

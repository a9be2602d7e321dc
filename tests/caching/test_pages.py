"""What a cached page is: the same for every anonymous visitor in a language, and only that.

These tests commit (transactional_db), as the site does: a page read inside a transaction
is never cached, since it may show what is not committed yet.
"""

import datetime as dt
import re

import pytest
from csp.constants import NONCE, SELF
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import PolicyFactory, ThemeFactory

from .conftest import csrf_token

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_second_visit_costs_no_query(client, django_assert_num_queries):
    PolicyFactory(key="gap", title="GAP support")
    first = client.get("/policies/")
    with django_assert_num_queries(0):
        second = Client().get("/policies/")
    assert second.status_code == 200
    assert "GAP support" in second.content.decode()
    # The same page but for the CSRF token, which is the visitor's own.
    first_html, second_html = first.content.decode(), second.content.decode()
    assert first_html.replace(csrf_token(first_html), "") == second_html.replace(
        csrf_token(second_html), ""
    )


def test_every_visitor_gets_a_csrf_token_of_their_own_that_works():
    PolicyFactory(key="gap")
    for _ in range(2):  # the first renders the page, the second is served from the cache
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get("/policies/gap/")
        token = csrf_token(page.content.decode())
        assert "csrftoken" in page.cookies
        answer = visitor.post(
            reverse("set_language"),
            {"language": "vi", "next": "/", "csrfmiddlewaretoken": token},
        )
        assert answer.status_code == 302  # not 403: the token matches this visitor's cookie
    tokens = {csrf_token(Client().get("/policies/gap/").content.decode()) for _ in range(3)}
    assert len(tokens) == 3


def test_each_language_has_its_own_page():
    ThemeFactory(name="Branding", name_vi="Thương hiệu")
    english = Client().get("/themes/").content.decode()
    vietnamese = Client(headers={"accept-language": "vi"}).get("/themes/").content.decode()
    assert 'lang="en"' in english and 'lang="vi"' in vietnamese
    # Served again from the cache, each stays in its own language.
    assert 'lang="en"' in Client().get("/themes/").content.decode()
    chosen = Client()
    chosen.cookies["django_language"] = "vi"
    again = chosen.get("/themes/")
    assert 'lang="vi"' in again.content.decode() and again["Content-Language"] == "vi"


def test_filters_and_the_language_switcher_follow_the_query_string():
    PolicyFactory(key="old", title="Old measure", issued_on=dt.date(2017, 3, 1))
    PolicyFactory(key="new", title="New measure", issued_on=dt.date(2023, 3, 1))
    for _ in range(2):
        everything = Client().get("/policies/").content.decode()
        filtered = Client().get("/policies/", {"year": "2023"}).content.decode()
        assert "Old measure" in everything and "New measure" in everything
        assert "Old measure" not in filtered and "New measure" in filtered
        assert 'name="next" value="/policies/?year=2023"' in filtered
    # A bad filter is the visitor's own 400, and is not kept.
    assert Client().get("/policies/", {"year": "soon"}).status_code == 400


def test_staff_never_get_a_page_stored_for_someone_else(settings, django_assert_num_queries):
    settings.ROOT_URLCONF = "tests.caching.urls"
    editor = get_user_model().objects.create_user("editor", is_staff=True)
    assert Client().get("/greeting/").content == b"<p>Hello anonymous</p>"
    staff = Client()
    staff.force_login(editor)
    assert staff.get("/greeting/").content == b"<p>Hello editor</p>"
    # Nor is the page staff saw stored for anyone else.
    with django_assert_num_queries(0):
        assert Client().get("/greeting/").content == b"<p>Hello anonymous</p>"


def test_a_csp_nonce_is_new_in_every_answer(settings):
    settings.ROOT_URLCONF = "tests.caching.urls"
    policy = settings.CONTENT_SECURITY_POLICY
    directives = {**policy["DIRECTIVES"], "script-src": [SELF, NONCE]}
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
    nonces = set()
    for _ in range(3):
        response = Client().get("/nonce/")
        (nonce,) = re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        assert f'nonce="{nonce}"' in response.content.decode()
        nonces.add(nonce)
    assert len(nonces) == 3


def test_a_page_holding_a_real_csrf_token_is_never_stored(settings):
    settings.ROOT_URLCONF = "tests.caching.urls"
    pages = {Client().get("/raw-token/").content for _ in range(3)}
    assert len(pages) == 3


def test_inside_a_transaction_nothing_is_served_from_or_kept_in_the_cache(client):
    from django.db import transaction

    policy = PolicyFactory(key="gap", title="Before")
    assert "Before" in client.get("/policies/gap/").content.decode()
    with transaction.atomic():
        policy.title = "Uncommitted"
        policy.save()
        assert "Uncommitted" in Client().get("/policies/gap/").content.decode()
        transaction.set_rollback(True)
    assert "Before" in Client().get("/policies/gap/").content.decode()


def test_content_is_every_model_of_the_project_and_nothing_installed():
    from sonla_kb.caching.signals import content_models

    labels = {model._meta.label_lower for model in content_models()}
    assert {"policies.policymeasure", "presentations.feedback", "sonla_kb.theme"} <= labels
    assert {"sonla_kb.themeditem", "sonla_kb.attachment", "policies.indicator"} <= labels
    # Sessions, logins and the search's own change log are saved without any page changing.
    assert not labels & {"sessions.session", "axes.accesslog", "sonla_kb.indexchange"}

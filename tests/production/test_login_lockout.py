"""Repeated failed admin logins lock the account, in every worker process (django-axes)."""

import multiprocessing

import pytest
from django.conf import settings
from django.db import connections

pytestmark = pytest.mark.django_db(transaction=True)
LOGIN = "/admin/login/"


def _login(client, password: str, address: str = "203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": "staff", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def _login_in_another_process(results) -> None:
    for alias in connections:  # never touch the parent's connection from the child
        connections[alias].connection = None
    from django.test import Client

    try:
        results.append(_login(Client(), "right password").status_code)
    finally:
        connections.close_all()


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("staff", password="right password")


def test_repeated_failures_lock_the_account_for_every_worker(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "wrong").status_code == 200  # the form, with its error
    assert _login(client, "wrong").status_code == 429
    assert _login(client, "right password").status_code == 429  # even the right one, now

    context = multiprocessing.get_context("fork")
    with context.Manager() as manager:
        results = manager.list()
        child = context.Process(target=_login_in_another_process, args=(results,))
        child.start()
        child.join(timeout=60)
        assert child.exitcode == 0
        assert list(results) == [429]


def test_lockout_is_per_user_and_address(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong")
    # A colleague behind another address is not locked out by the attack.
    response = _login(client, "right password", address="198.51.100.2")
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_a_success_resets_the_count(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong")
    assert _login(client, "right password").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "wrong").status_code == 200


def test_behind_the_proxy_the_address_it_saw_counts(client, staff, settings):
    settings.BEHIND_PROXY = True
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The client forges X-Forwarded-For; the proxy appends the address it really saw.
        client.post(
            LOGIN,
            {"username": "staff", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7",
        )
    locked = client.post(
        LOGIN,
        {"username": "staff", "password": "right password"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert locked.status_code == 429
    elsewhere = client.post(
        LOGIN,
        {"username": "staff", "password": "right password"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert elsewhere.status_code == 302  # logged in


def test_reached_directly_a_forged_forwarded_for_counts_for_nothing(client, staff, settings):
    # Even with BEHIND_PROXY on, only the proxy's own address may say who the client is.
    settings.BEHIND_PROXY = True
    assert "203.0.113.7" not in settings.FORWARDED_ALLOW_IPS
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "staff", "password": "wrong"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",  # a new address every time
        )
    fresh = client.post(
        LOGIN,
        {"username": "staff", "password": "right password"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert fresh.status_code == 429  # locked by the address it really comes from
    elsewhere = _login(client, "right password", address="198.51.100.2")
    assert elsewhere.status_code == 302


def test_the_default_trusts_no_forwarded_for(client, staff, settings):
    assert settings.BEHIND_PROXY is False  # production's default too (test_settings.py)
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "staff", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    locked = client.post(
        LOGIN,
        {"username": "staff", "password": "right password"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert locked.status_code == 429

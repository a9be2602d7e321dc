"""Production settings: `check --deploy` is clean, and a missing secret or host stops the start."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from .helpers import MANAGE, PYTHON, ROOT, production_env

pytestmark = pytest.mark.slow  # each test starts Django in a child process


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    """A child process in the project folder; its output as text."""
    return subprocess.run(
        args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )


def test_check_deploy_is_clean_under_production_settings():
    result = run([PYTHON, MANAGE, "check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_https_off_serves_plain_http_and_only_then_warns():
    env = production_env(HTTPS="off")
    result = run([PYTHON, MANAGE, "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    warned = {code for code in ("W004", "W008", "W012", "W016") if code in result.stderr}
    assert warned == {"W004", "W008", "W012", "W016"}, result.stderr
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.DEBUG)"
    )
    shown = run([PYTHON, "-c", f"import django; django.setup(); {code}"], env)
    assert shown.stdout.split() == ["False", "0", "False", "False", "False"], shown.stderr


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set"),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    env = production_env()
    del env[missing]
    preflight = run([PYTHON, "-m", "sonla_kb.settings.preflight"], env)  # make serve's first step
    assert preflight.returncode == 2
    assert preflight.stderr.startswith(f"Not starting: The environment variable {message}")
    assert "Traceback" not in preflight.stderr
    gunicorn = run(
        [str(Path(PYTHON).parent / "gunicorn"), "--config", "deploy/gunicorn.conf.py"], env
    )
    assert gunicorn.returncode == 2
    assert message in gunicorn.stderr


def test_manage_py_refuses_too():
    env = production_env()
    del env["SECRET_KEY"]
    result = run([PYTHON, MANAGE, "check"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: The environment variable SECRET_KEY must be set" in result.stderr


def test_development_and_tests_need_none_of_it():
    assert not settings.SESSION_COOKIE_SECURE  # the test settings: base, as dev uses it
    env = production_env(DJANGO_SETTINGS_MODULE="sonla_kb.settings.dev")
    for name in ("SECRET_KEY", "ALLOWED_HOSTS"):
        del env[name]
    result = run([PYTHON, MANAGE, "check"], env)
    assert result.returncode == 0, result.stderr


def test_forwarded_headers_are_not_trusted_by_default():
    code = (
        "from django.conf import settings as s; "
        "print(s.BEHIND_PROXY, ','.join(s.FORWARDED_ALLOW_IPS), s.AXES_CLIENT_IP_CALLABLE)"
    )
    shown = run([PYTHON, "-c", f"import django; django.setup(); {code}"], production_env())
    assert shown.stdout.split() == [
        "False",
        "127.0.0.1,::1",
        "sonla_kb.request_context.client_ip",
    ], shown.stderr
    env = production_env(BEHIND_PROXY="on", FORWARDED_ALLOW_IPS="10.0.0.5, 10.1.0.0/16")
    shown = run([PYTHON, "-c", f"import django; django.setup(); {code}"], env)
    assert shown.stdout.split()[:2] == ["True", "10.0.0.5,10.1.0.0/16"], shown.stderr

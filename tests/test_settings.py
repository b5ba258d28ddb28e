import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "k" * 20 + "-a-long-random-value-for-the-deploy-check-0123456789",
    "DJANGO_ALLOWED_HOSTS": "certpath.example.com",
    "DJANGO_EMAIL_HOST": "smtp.example.com",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "override,message",
    [
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_ALLOWED_HOSTS": "*"}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_insecure_defaults(override, message):
    result = _manage("check", env={**PRODUCTION_ENV, **override})
    assert result.returncode != 0
    assert message in result.stderr


def _production_settings(expression: str, **env: str) -> list[str]:
    """What `expression` (over `s`, the settings) prints with production settings and `env`."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(PRODUCTION_ENV, **env)
    code = f"import django;django.setup();from django.conf import settings as s;print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_has_debug_off_and_secure_cookies():
    shown = _production_settings(
        "s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0"
    )
    assert shown == ["False", "True", "True", "True"]


@pytest.mark.parametrize(
    "env,expected", [({}, "False"), ({"DJANGO_CONN_HEALTH_CHECKS": "true"}, "True")]
)
def test_database_health_checks_are_off_unless_asked_for(env, expected):
    assert _production_settings("s.DATABASES['default']['CONN_HEALTH_CHECKS']", **env) == [expected]


@pytest.mark.parametrize(
    "env,expected",
    [({}, "-c default_toast_compression=lz4"), ({"DJANGO_PG_TOAST_COMPRESSION": ""}, "none")],
)
def test_postgresql_stores_large_values_with_lz4_unless_told_otherwise(env, expected):
    url = {"DATABASE_URL": "postgres://certpath@db.invalid:5432/certpath"}
    shown = _production_settings(
        "s.DATABASES['default']['OPTIONS'].get('options', 'none')", **url, **env
    )
    assert " ".join(shown) == expected

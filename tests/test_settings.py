import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

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
    return _settings(expression, **{**PRODUCTION_ENV, **env}).split()


def _settings(expression: str, **env: str) -> str:
    """What `expression` (over `s`, the settings; `storages` too) prints in a fresh process whose
    environment is `env` on top of this one's, less its Django and Certpath variables."""
    full_env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "CERTPATH_")) and k != "CACHE_URL"
    }
    full_env.update({"DJANGO_SETTINGS_MODULE": "config.settings.dev"}, **env)
    code = (
        "import django;django.setup();from django.conf import settings as s;"
        f"from django.core.files.storage import storages;print({expression})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


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


SOURCES = ["assessments", "frameworks", "accounts", "config", "bench", "templates", "tests"]


def _source_text():
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".py", ".html"}:
                yield path, path.read_text(encoding="utf-8")


def test_every_certpath_setting_the_code_reads_is_declared_once_in_base():
    base = (ROOT / "config" / "settings" / "base.py").read_text(encoding="utf-8")
    used, guessed = set(), []
    for path, text in _source_text():
        used |= set(re.findall(r"settings\.(CERTPATH_\w+)", text))
        for overrides in re.findall(r"override_settings\(([^)]*)\)", text):
            used |= set(re.findall(r"\b(CERTPATH_\w+)=", overrides))
        if re.search(r"getattr\(\s*settings\s*,\s*[\"']CERTPATH_", text):
            guessed.append(path.relative_to(ROOT).as_posix())
    assert used, "the scan finds the settings the code reads"
    assert guessed == [], "read the setting as an attribute; its default lives in base.py"
    for name in sorted(used):
        declared = re.findall(rf"^{name} = .+", base, flags=re.M)
        assert len(declared) == 1, f"{name} is declared {len(declared)} times in base.py"


def test_settings_read_the_environment_only_through_django_environ():
    for path in sorted((ROOT / "config" / "settings").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "os.environ" not in text and "os.getenv" not in text, path.name


def test_every_variable_the_settings_read_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("base", "dev", "production"):
        text = (ROOT / "config" / "settings" / f"{name}.py").read_text(encoding="utf-8")
        for variable in re.findall(r"env\.\w+\(\s*\"([A-Z0-9_]+)\"", text):
            assert f"`{variable}`" in readme, f"{variable} ({name}.py) is not in the README"


@pytest.mark.parametrize(
    "env,expected",
    [
        ({}, "True ['127.0.0.1', 'localhost', '[::1]']"),
        (
            {"DJANGO_DEBUG": "off", "DJANGO_ALLOWED_HOSTS": "a.example, b.example"},
            "False ['a.example', 'b.example']",
        ),
        ({"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "a.example"}, "False ['a.example']"),
    ],
)
def test_development_reads_debug_and_hosts_typed_from_the_environment(env, expected):
    assert _settings("s.DEBUG, s.ALLOWED_HOSTS", **env) == expected


def test_numbers_and_flags_keep_their_defaults_and_read_overrides():
    names = "s.CERTPATH_ASSESSMENTS_PER_HOUR, s.AXES_FAILURE_LIMIT, s.EMAIL_PORT, s.EMAIL_USE_TLS"
    assert _production_settings(names) == ["30", "5", "587", "True"]
    overrides = {
        "CERTPATH_ASSESSMENTS_PER_HOUR": "0",
        "DJANGO_AXES_FAILURE_LIMIT": "3",
        "DJANGO_EMAIL_PORT": "2525",
        "DJANGO_EMAIL_USE_TLS": "false",
    }
    assert _production_settings(names, **overrides) == ["0", "3", "2525", "False"]


def _default_cache(**env: str) -> dict:
    return json.loads(_settings("__import__('json').dumps(s.CACHES['default'])", **env))


def test_the_shared_cache_is_the_database_table_unless_cache_url_names_another():
    assert _default_cache() == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "certpath_cache",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
    assert _default_cache(CERTPATH_CACHE_MAX_ENTRIES="500")["OPTIONS"] == {"MAX_ENTRIES": 500}


@pytest.mark.parametrize(
    ("env", "engine"),
    [({}, "db"), ({"CACHE_URL": "redis://127.0.0.1:6379/1"}, "cached_db")],
)
def test_sessions_are_read_through_the_cache_only_when_it_is_not_the_database(env, engine):
    # On the database cache, cached_db would write every session twice to the same database.
    assert _settings("s.SESSION_ENGINE", **env) == f"django.contrib.sessions.backends.{engine}"


@pytest.mark.parametrize(
    "url", ["redis://127.0.0.1:6379/1", "rediss://:secret@cache.example.com:6380/2"]
)
def test_a_redis_cache_url_selects_djangos_own_redis_cache(url):
    assert _default_cache(CACHE_URL=url) == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
    }


def test_files_are_kept_under_media_root_by_default():
    shown = _settings("type(storages['default']).__name__, s.MEDIA_ROOT")
    assert shown == f"FileSystemStorage {ROOT / 'media'}"
    assert _settings("s.MEDIA_ROOT", CERTPATH_MEDIA_ROOT="/srv/certpath/media") == (
        "/srv/certpath/media"
    )


def test_a_bucket_selects_s3_storage_with_private_signed_urls_and_needs_no_network():
    shown = _settings(
        "type(storages['default']).__name__, storages['default'].bucket_name,"
        "storages['default'].url('pdfs/board-pack.pdf')",
        CERTPATH_S3_BUCKET="certpath-pdfs",
        CERTPATH_S3_ENDPOINT_URL="https://objects.example.com",
        CERTPATH_S3_REGION="eu-central-1",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLEEXAMPLE00",
        AWS_SECRET_ACCESS_KEY="example-secret-never-sent",  # noqa: S106
        AWS_EC2_METADATA_DISABLED="true",
    ).split()
    assert shown[:2] == ["S3Storage", "certpath-pdfs"]
    url = shown[2]
    assert url.startswith("https://objects.example.com/certpath-pdfs/pdfs/board-pack.pdf?")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=" in url


def test_the_s3_options_keep_files_private_and_never_overwrite_one():
    options = json.loads(
        _settings(
            "__import__('json').dumps(s.STORAGES['default'])", CERTPATH_S3_BUCKET="certpath-pdfs"
        )
    )
    assert options == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "certpath-pdfs",
            "endpoint_url": None,
            "region_name": None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


def test_the_tests_write_files_outside_the_checkout():
    assert not Path(settings.MEDIA_ROOT).resolve().is_relative_to(ROOT)
    name = default_storage.save("probe/written-by-a-test.txt", ContentFile(b"probe"))
    try:
        assert Path(default_storage.path(name)).is_relative_to(Path(settings.MEDIA_ROOT))
    finally:
        default_storage.delete(name)

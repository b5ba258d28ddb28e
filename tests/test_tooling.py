"""The audit is honest, gunicorn limits requests, and the pinned versions are the safe ones."""

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _make_target(name: str) -> str:
    text = (ROOT / "Makefile").read_text()
    return re.search(rf"^{name}:.*\n((?:\t.*\n)+)", text, flags=re.M).group(1)


def test_lint_no_longer_claims_a_dependency_audit():
    assert "pip_audit" not in _make_target("lint") and "pip-audit" not in _make_target("lint")


def test_audit_is_strict_about_packages_it_could_not_check():
    audit = _make_target("audit")
    assert "pip_audit" in audit and "--strict" in audit and "requirements.lock" in audit


def test_ci_does_not_run_the_audit_which_needs_the_network():
    assert "make audit" not in (ROOT / ".ci" / "run").read_text()


def test_gunicorn_limits_the_request_line_and_headers():
    config = runpy.run_path(str(ROOT / "docker" / "gunicorn.conf.py"))
    assert config["limit_request_line"] <= 4094
    assert config["limit_request_fields"] <= 50
    assert config["limit_request_field_size"] <= 8190
    assert config["secure_scheme_headers"] == {}  # Django decides the scheme
    assert '"--config", "docker/gunicorn.conf.py"' in (ROOT / "Dockerfile").read_text()


def test_gunicorn_accepts_the_configuration():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", "--config",
         "docker/gunicorn.conf.py", "config.wsgi:application"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_weasyprint_is_70_or_later_and_allauth_is_pinned():
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert '"weasyprint>=70"' in pyproject and "django-allauth" in pyproject
    lock = dict(
        line.split("==") for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )  # fmt: skip
    assert int(lock["weasyprint"].split(".")[0]) >= 70
    assert lock["django-allauth"].startswith("65.")

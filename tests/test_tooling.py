"""The guard rails run in `make lint` and in pre-commit alike, the audit is honest, gunicorn
limits requests, and the pinned versions are the safe ones."""

import os
import re
import runpy
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from mypy.main import process_options
from mypy.options import Options

ROOT = Path(__file__).resolve().parent.parent
GUARD_RAILS = {
    "ruff check",
    "ruff format",
    "mypy",
    "lint-imports",
    "manage.py makemigrations",
    "bandit",
}


def _make_target(name: str) -> str:
    text = (ROOT / "Makefile").read_text()
    return re.search(rf"^{name}:.*\n((?:\t.*\n)+)", text, flags=re.M).group(1)


def _tool(command: str) -> str:
    """The tool a command line runs: `$(PY) -m ruff check .` runs "ruff check"."""
    words = [w for w in command.split() if w not in ("$(PY)", "-m") and not w.endswith("/python")]
    program = words[0].rsplit("/", 1)[-1]
    return f"{program} {words[1]}" if program in ("ruff", "manage.py") else program


def _hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    return [hook | {"repo": repo["repo"]} for repo in config["repos"] for hook in repo["hooks"]]


def test_make_lint_runs_every_guard_rail():
    lint = _make_target("lint")
    assert {_tool(line) for line in lint.splitlines()} >= GUARD_RAILS
    assert "makemigrations --check" in lint and "ruff format --check" in lint


def test_pre_commit_runs_each_tool_make_lint_runs():
    lint_tools = {_tool(line) for line in _make_target("lint").splitlines()}
    assert {_tool(hook["entry"]) for hook in _hooks()} >= lint_tools


def test_pre_commit_runs_the_project_tools_offline():
    for hook in _hooks():
        assert hook["repo"] == "local" and hook["language"] == "system", hook["id"]
        assert hook["entry"].startswith(".venv/bin/"), hook["id"]


def _mypy_options() -> Options:
    """The options `mypy` reads from pyproject.toml, as its command line applies them."""
    _, options = process_options(["--config-file", str(ROOT / "pyproject.toml")])
    return options


def test_mypy_is_strict_on_the_engine_and_not_on_the_rest(monkeypatch):
    monkeypatch.chdir(ROOT)
    _, plain = process_options(["--config-file", "", "x.py"])
    _, strict = process_options(["--config-file", "", "--strict", "x.py"])
    flags = [n for n in dir(plain) if not n.startswith("_") and not callable(getattr(plain, n))]
    strict_flags = {n for n in flags if getattr(plain, n) != getattr(strict, n)}
    assert "disallow_untyped_defs" in strict_flags  # the comparison found strict mode's flags
    options = _mypy_options()
    for module in ("assessments.engine", "assessments.engine.scoring"):
        engine = options.clone_for_module(module)
        assert {n for n in strict_flags if getattr(engine, n) != getattr(strict, n)} == set()
    for module in ("assessments.views.report", "frameworks.models", "config.settings.base"):
        assert not options.clone_for_module(module).disallow_untyped_defs, module


def test_mypy_checks_the_apps_with_the_django_plugin(monkeypatch):
    monkeypatch.chdir(ROOT)
    options = _mypy_options()
    assert set(options.files) == {"assessments", "frameworks", "accounts", "config"}
    assert any("migrations" in pattern for pattern in options.exclude)
    assert options.plugins == ["mypy_django_plugin.main"]
    stubs = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["django-stubs"]
    assert stubs["django_settings_module"] == "config.settings.test"


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

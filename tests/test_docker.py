"""No Docker engine runs on the build machines, so the compose file and Dockerfile are
checked here."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_web_its_task_worker_and_postgres_16_with_a_healthcheck():
    services = _compose()["services"]
    assert set(services) == {"web", "worker", "db"}
    db = services["db"]
    assert db["image"] == "postgres:16"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])


def test_web_waits_for_a_healthy_database_and_checks_its_own_health():
    web = _compose()["services"]["web"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert web["environment"]["DATABASE_URL"].startswith("postgres://")
    # The secret must come from the operator; compose refuses to start without it.
    assert ":?" in web["environment"]["DJANGO_SECRET_KEY"]


def test_the_task_worker_runs_the_database_worker_once_web_has_migrated():
    services = _compose()["services"]
    worker = services["worker"]
    assert worker["command"][-3:] == ["manage.py", "db_worker", "--no-reload"]
    assert worker["depends_on"]["web"]["condition"] == "service_healthy"
    assert worker["environment"]["DATABASE_URL"] == services["web"]["environment"]["DATABASE_URL"]


def test_on_a_shared_host_the_task_worker_yields_the_cpu_to_web():
    services = _compose()["services"]
    default_weight = 1024  # Docker's CPU shares when none are set
    assert services["worker"]["cpu_shares"] < services["web"].get("cpu_shares", default_weight)


def _make_rule(target: str) -> tuple[list[str], str]:
    """A Makefile rule's prerequisites and its recipe."""
    found = re.search(rf"^{target}:([^\n]*)\n(.*?)(?:\n\n|\Z)", _makefile(), re.M | re.S)
    assert found, f"no {target} rule"
    return found.group(1).split(), found.group(2)


def _makefile() -> str:
    return (ROOT / "Makefile").read_text()


def test_make_run_starts_the_task_worker_beside_the_server():
    _, recipe = _make_rule("run")
    assert "manage.py db_worker" in recipe and "manage.py runserver" in recipe


def test_run_test_and_bench_install_what_weasyprint_needs_from_the_system():
    # Without HarfBuzz's subsetter a fresh machine's bench rendered PDFs at 682 ms, not 502.
    for target in ("run", "test", "bench"):
        assert "system-packages" in _make_rule(target)[0], target
    _, recipe = _make_rule("system-packages")
    assert "apt-get install" in _makefile() and "$(PDF_PACKAGES_CHECK)" in recipe
    for package in ("libharfbuzz-subset0", "fonts-liberation", "libpango-1.0-0", "poppler-utils"):
        assert package in _makefile(), package
    assert "make system-packages" in (ROOT / ".ci/run").read_text()


def test_compose_declares_the_data_volume():
    assert "pgdata" in _compose()["volumes"]


def test_web_and_the_task_worker_share_the_folder_of_the_rendered_pdfs():
    """The worker writes each PDF's file and web streams it: on local disk they need one volume
    (owned by the app's user in the image, so a fresh volume is writable)."""
    compose = _compose()
    mounts = [set(compose["services"][name]["volumes"]) for name in ("web", "worker")]
    assert mounts[0] & mounts[1] == {"media:/app/media"}
    assert "media" in compose["volumes"]
    assert "/app/media" in (ROOT / "Dockerfile").read_text()


def test_both_services_write_and_read_pdfs_where_the_volume_is_mounted():
    services = _compose()["services"]
    for name in ("web", "worker"):
        root = services[name]["environment"]["CERTPATH_MEDIA_ROOT"]
        assert f"media:{root}" in services[name]["volumes"], name


def test_dockerfile_is_multi_stage_non_root_and_serves_with_gunicorn():
    text = (ROOT / "Dockerfile").read_text()
    assert len(re.findall(r"^FROM ", text, flags=re.M)) >= 2
    user = re.findall(r"^USER (\S+)", text, flags=re.M)
    assert user and user[-1] not in {"root", "0"}
    assert "gunicorn" in text and "config.wsgi:application" in text


def test_entrypoint_migrates_and_loads_reference_data():
    text = (ROOT / "docker" / "entrypoint.sh").read_text()
    assert "migrate" in text and "load_reference_data" in text
    assert (ROOT / "docker" / "entrypoint.sh").stat().st_mode & 0o111

import json
import logging
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse

from assessments.models import Assessment
from config.logging import JsonFormatter, RequestIdFilter, request_id_var
from tests.assessments.wizard_helpers import VALID, complete_wizard, post_step, step_url
from tests.factories import assessment_create

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def _pages(client) -> list[str]:
    assessment = assessment_create()
    return [
        "/",
        "/frameworks/",
        step_url("company"),
        assessment.get_absolute_url(),
        reverse("admin:login"),
        "/no-such-page/",
        "/healthz",
    ]


def test_every_response_carries_the_security_headers(client):
    for url in _pages(client):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert (
            "script-src 'self'" in csp and "unsafe" not in csp.split("script-src")[1].split(";")[0]
        )
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]
        assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_pages_have_no_inline_script(client):
    for url in _pages(client)[:4]:
        body = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", body):
            assert "src=" in tag or "application/json" in tag, (url, tag)


def test_hsts_is_sent_in_production():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "s" * 60,
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": "sqlite://:memory:",
        }
    )
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', secure=True);"
        "print(r.status_code, r.get('Strict-Transport-Security'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert "max-age=31536000; includeSubDomains; preload" in result.stdout, result.stderr


@pytest.mark.parametrize("kind", ["wizard", "recalculate", "admin_login", "delete"])
def test_posts_without_a_csrf_token_are_refused(kind):
    client = Client(enforce_csrf_checks=True)
    assessment = assessment_create()
    url = {
        "wizard": step_url("company"),
        "recalculate": reverse("assessments:recalculate", args=[assessment.pk]),
        "admin_login": reverse("admin:login"),
        "delete": reverse("assessments:delete", args=[assessment.pk]),
    }[kind]
    assert client.post(url, {"x": "1"}).status_code == 403


def test_assessment_ids_are_random_uuid4_and_not_listed():
    assessment = assessment_create()
    assert isinstance(assessment.pk, uuid.UUID) and assessment.pk.version == 4
    client = Client()
    assert client.get("/assessments/").status_code == 404
    assert str(assessment.pk) not in client.get("/").content.decode()


def test_owner_can_delete_and_the_answers_are_gone(client):
    complete_wizard(client)
    assessment = Assessment.objects.get()
    confirm = client.get(reverse("assessments:delete", args=[assessment.pk]))
    assert confirm.status_code == 200 and "Delete for good" in confirm.content.decode()
    response = client.post(reverse("assessments:delete", args=[assessment.pk]))
    assert response.status_code == 302
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert client.get(assessment.get_absolute_url()).status_code == 404


def test_someone_else_cannot_delete(client):
    assessment = assessment_create()
    response = Client().post(reverse("assessments:delete", args=[assessment.pk]))
    assert response.status_code == 403
    assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_logged_in_owner_can_delete_from_another_browser(django_user_model):
    user = django_user_model.objects.create_user("cto", password="pw-123456")
    assessment = assessment_create(owner=user)
    other_browser = Client()
    other_browser.force_login(user)
    other_browser.post(reverse("assessments:delete", args=[assessment.pk]))
    assert not Assessment.objects.filter(pk=assessment.pk).exists()


def test_admin_login_is_throttled_after_repeated_failures(client, django_user_model):
    django_user_model.objects.create_superuser("root", "r@example.com", "right-password-1")
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "root", "password": "wrong"})
    blocked = client.post(url, {"username": "root", "password": "right-password-1"})
    assert blocked.status_code in (403, 429)
    assert "Too many failed sign-in attempts" in blocked.content.decode()


def test_admin_path_comes_from_the_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "DJANGO_ADMIN_URL": "back-office/"}
    )
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "/back-office/", result.stderr


@override_settings(CERTPATH_ASSESSMENTS_PER_HOUR=2)
def test_assessment_creation_is_rate_limited_per_client_and_keeps_the_answers(client):
    complete_wizard(client)
    complete_wizard(client)
    third = complete_wizard(client)
    assert third.status_code == 429
    assert Assessment.objects.count() == 2
    review = client.get(step_url("review"))
    assert review.status_code == 200 and "Acme Analytics" in review.content.decode()
    assert Client(REMOTE_ADDR="10.9.9.9").get("/").status_code == 200


@override_settings(CERTPATH_ASSESSMENTS_PER_HOUR=0)
def test_rate_limit_can_be_switched_off(client):
    for _ in range(3):
        complete_wizard(client)
    assert Assessment.objects.count() == 3


def test_database_down_shows_a_friendly_503_and_keeps_the_session_answers(client):
    client.raise_request_exception = False
    client.get(reverse("assessments:wizard_start"))
    post_step(client, "company", VALID["company"])
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("db down")
    ):
        response = client.get(step_url("customers"))
    assert response.status_code == 503
    body = response.content.decode()
    assert (
        "briefly unavailable" in body and "Traceback" not in body and "OperationalError" not in body
    )
    page = client.get(step_url("company"))
    assert page.context["form"]["company_name"].value() == "Acme Analytics"


def test_a_failure_in_the_engine_leaves_no_assessment_behind(client):
    client.raise_request_exception = False
    with mock.patch("assessments.services.evaluate", side_effect=RuntimeError("engine broke")):
        response = complete_wizard(client)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert Assessment.objects.count() == 0


def test_a_failure_after_saving_rolls_the_assessment_back():
    from assessments.services import assessment_submit
    from tests.factories import answers_us_saas

    late = mock.patch("assessments.services.logger.info", side_effect=RuntimeError("late"))
    with late, pytest.raises(RuntimeError):
        assessment_submit(answers=answers_us_saas())
    assert Assessment.objects.count() == 0


def test_logs_are_json_lines_with_the_request_id():
    token = request_id_var.set("abc123def456")
    try:
        record = logging.LogRecord("certpath", logging.ERROR, __file__, 1, "boom %s", ("x",), None)
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["request_id"] == "abc123def456" and line["message"] == "boom x"


def test_a_sane_incoming_request_id_is_kept_and_a_hostile_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="proxy-12345678")["X-Request-ID"] == (
        "proxy-12345678"
    )
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert replaced != "<script>" and re.fullmatch(r"[0-9a-f]{32}", replaced)


def _staff(django_user_model):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_superuser(
        "root", "root@example.com", "right-password-1"
    )
    EmailAddress.objects.create(user=user, email="root@example.com", primary=True, verified=True)
    return user


def test_failures_at_the_site_door_lock_the_same_staff_account_out_of_the_admin(
    client, django_user_model
):
    _staff(django_user_model)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "root@example.com", "password": "wrong"})
    admin = Client()
    blocked = admin.post(
        reverse("admin:login"), {"username": "root", "password": "right-password-1"}
    )
    assert blocked.status_code in (403, 429)
    assert admin.get(reverse("admin:index")).status_code == 302  # still sent to sign in


def test_a_staff_account_locked_at_the_admin_cannot_get_in_through_the_site_door(
    client, django_user_model
):
    _staff(django_user_model)
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": "root", "password": "wrong"})
    client.post(
        reverse("account_login"), {"login": "root@example.com", "password": "right-password-1"}
    )
    assert not client.get(reverse("assessments:workspace")).wsgi_request.user.is_authenticated
    assert client.get(reverse("admin:index")).status_code == 302


def test_recalculating_a_report_deleted_meanwhile_answers_409_not_500(client, monkeypatch):
    import importlib

    report_views = importlib.import_module("assessments.views.report")

    assessment = assessment_create()
    stale = Assessment.objects.get(pk=assessment.pk)
    Assessment.objects.filter(pk=assessment.pk).delete()  # the owner deleted the chain
    monkeypatch.setattr(report_views, "by_link", lambda key, *args: stale)
    response = client.post(reverse("assessments:recalculate", args=[stale.link_key]))
    assert response.status_code == 409
    assert "deleted while you were working on it" in response.content.decode()
    assert not Assessment.objects.exists()

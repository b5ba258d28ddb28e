"""Accounts with django-allauth: sign-up with a verified email, sign-in, password reset, rate
limits, no user enumeration, and claiming what this browser made before signing in."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from assessments.ownership import OWNED_KEY
from tests.assessments.wizard_helpers import complete_wizard
from tests.factories import assessment_create, client_owns

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct-horse-battery-9"
LINK = re.compile(r"https?://testserver(/accounts/[^\s]+/)")


def _sign_up(client, email="cto@example.com", password=PASSWORD):
    return client.post(
        reverse("account_signup"), {"email": email, "password1": password, "password2": password}
    )


def _link_in_last_mail() -> str:
    return LINK.search(mail.outbox[-1].body).group(1)


def _verified_user(email="cto@example.com", password=PASSWORD):
    user = get_user_model().objects.create_user(email, email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def _log_in(client, email="cto@example.com", password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _signed_in_user(client):
    return client.get(reverse("assessments:workspace")).wsgi_request.user


def test_sign_up_sends_a_verification_mail_and_confirming_signs_in(client):
    response = _sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["cto@example.com"]
    assert mail.outbox[0].subject.startswith("Certpath: ")
    assert not _signed_in_user(client).is_authenticated
    confirm_url = _link_in_last_mail()
    page = client.get(confirm_url)
    assert page.status_code == 200 and not EmailAddress.objects.get().verified  # GET only asks
    confirmed = client.post(confirm_url)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get().verified
    assert _signed_in_user(client).email == "cto@example.com"


def test_an_unverified_email_cannot_sign_in_and_is_told_to_confirm(client):
    _sign_up(client)
    browser = Client()
    response = _log_in(browser, password=PASSWORD)
    assert response["Location"] == reverse("account_email_verification_sent")
    page = browser.get(response["Location"]).content.decode()
    assert "Verify Your Email Address" in page and "sent an email" in page
    assert not _signed_in_user(browser).is_authenticated
    assert not EmailAddress.objects.get().verified


def test_a_wrong_password_is_refused_with_a_clear_message(client):
    _verified_user()
    response = _log_in(client, password="not-the-password")
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in (
        response.content.decode()
    )
    assert not _signed_in_user(client).is_authenticated


def test_repeated_failed_sign_ins_are_rate_limited(client):
    _verified_user()
    for _ in range(5):
        _log_in(client, password="not-the-password")
    blocked = _log_in(client)
    assert blocked.status_code == 429 and blocked["Retry-After"]
    assert "Too many failed login attempts" in blocked.content.decode()
    assert not _signed_in_user(client).is_authenticated


def test_signing_up_with_a_taken_email_looks_the_same_and_tells_only_the_owner(client):
    _verified_user()
    fresh = _sign_up(Client(), email="new@example.com")
    taken = _sign_up(client)
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert get_user_model().objects.filter(email="cto@example.com").count() == 1
    assert "already" in mail.outbox[-1].body.lower() and mail.outbox[-1].to == ["cto@example.com"]


def test_password_reset_looks_the_same_for_known_and_unknown_addresses(client):
    _verified_user()
    url = reverse("account_reset_password")
    known = client.post(url, {"email": "cto@example.com"})
    unknown = Client().post(url, {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["cto@example.com"], ["nobody@example.com"]]


def test_password_reset_sets_a_new_password(client):
    user = _verified_user()
    client.post(reverse("account_reset_password"), {"email": "cto@example.com"})
    key_url = _link_in_last_mail()
    form_url = client.get(key_url)["Location"]  # allauth hides the key behind a redirect
    done = client.post(
        form_url, {"password1": "a-new-long-password-7", "password2": "a-new-long-password-7"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-long-password-7")


def test_an_expired_reset_link_is_refused_and_the_password_is_kept(client, settings):
    user = _verified_user()
    token = default_token_generator.make_token(user)
    settings.PASSWORD_RESET_TIMEOUT = -1  # every token is now out of date
    from allauth.account.utils import user_pk_to_url_str

    url = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": token},
    )
    response = client.get(url, follow=True)
    body = response.content.decode()
    assert "Bad Token" in body and "invalid" in body
    post = client.post(url, {"password1": "x-new-password-123", "password2": "x-new-password-123"})
    assert post.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_signing_in_claims_the_assessments_this_browser_made(client):
    user = _verified_user()
    complete_wizard(client)
    made_here = Assessment.objects.get()
    someone_elses = assessment_create()
    response = _log_in(client)
    assert response.status_code == 302
    made_here.refresh_from_db()
    someone_elses.refresh_from_db()
    assert made_here.owner == user and someone_elses.owner is None
    assert client.session.get(OWNED_KEY, []) == []
    workspace = client.get(reverse("assessments:workspace")).content.decode()
    assert (
        "1 assessment made in this browser now belongs" in workspace
        or "Acme Analytics" in workspace
    )
    # From any other browser, the account is now the owner.
    other = Client()
    _log_in(other)
    delete = other.post(reverse("assessments:delete", args=[made_here.link_key]))
    assert delete.status_code == 302 and not Assessment.objects.filter(pk=made_here.pk).exists()


def test_confirming_a_new_account_claims_what_the_browser_made(client):
    complete_wizard(client)
    assessment = Assessment.objects.get()
    _sign_up(client)
    client.post(_link_in_last_mail())
    assessment.refresh_from_db()
    assert assessment.owner is not None and assessment.owner.email == "cto@example.com"


def test_signing_in_never_takes_another_accounts_assessment(client):
    _verified_user()
    other = _verified_user("vciso@example.com")
    theirs = assessment_create(owner=other)
    client_owns(client, theirs)
    _log_in(client)
    theirs.refresh_from_db()
    assert theirs.owner == other


def test_sign_out_takes_a_post(client):
    user = _verified_user()
    client.force_login(user)
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200 and _signed_in_user(client).is_authenticated
    client.post(reverse("account_logout"))
    assert not _signed_in_user(client).is_authenticated


def test_account_pages_use_the_sites_frame_and_no_inline_script(client):
    for name in ("account_login", "account_signup", "account_reset_password"):
        body = client.get(reverse(name)).content.decode()
        assert "vendor/bootstrap/css/bootstrap.min.css" in body and "Certpath" in body
        assert "form-control" in body and "btn btn-primary" in body
        for tag in re.findall(r"<script\b[^>]*>", body):
            assert "src=" in tag or "application/json" in tag, (name, tag)


def _settings_value(code: str, env: dict) -> str:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CERTPATH_"))}
    full.update(env)
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "p" * 60,
    "DJANGO_ALLOWED_HOSTS": "certpath.example.com",
}


def test_mail_goes_to_the_console_in_development():
    code = "from django.conf import settings as s; print(s.EMAIL_BACKEND)"
    out = _settings_value(code, {"DJANGO_SETTINGS_MODULE": "config.settings.dev"})
    assert out == "django.core.mail.backends.console.EmailBackend"


def test_production_sends_mail_through_the_smtp_server_the_environment_names():
    code = (
        "from django.conf import settings as s;"
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS,"
        " s.DEFAULT_FROM_EMAIL)"
    )
    env = {
        **PRODUCTION,
        "DJANGO_EMAIL_HOST": "smtp.example.com",
        "DJANGO_EMAIL_PORT": "2525",
        "DJANGO_EMAIL_HOST_USER": "mailer",
    }
    assert _settings_value(code, env).split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.com",
        "2525",
        "mailer",
        "True",
        "Certpath",
        "<no-reply@certpath.example.com>",
    ]


def test_the_deploy_check_warns_when_production_has_no_mail_server():
    full = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CERTPATH_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**full, **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "accounts.W001" in result.stderr + result.stdout


def test_a_bad_confirmation_link_says_so_and_confirms_nothing(client):
    _sign_up(client)
    page = client.get("/accounts/confirm-email/not-a-real-key/")
    assert "This confirmation link has expired or is not valid" in page.content.decode()
    client.post("/accounts/confirm-email/not-a-real-key/")
    assert not EmailAddress.objects.get().verified


def test_the_account_is_named_by_its_email_not_a_generated_username(client):
    user = get_user_model().objects.create_user(
        "cto1796570337", email="cto@example.com", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email="cto@example.com", primary=True, verified=True)
    response = _log_in(client)
    page = client.get(response["Location"]).content.decode()
    assert "cto@example.com" in page
    assert "cto1796570337" not in page

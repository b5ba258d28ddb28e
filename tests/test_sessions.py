"""Sessions: Django's own backends, with the database row as the truth: `db` on the embedded
default (whose cache is the same database) and `cached_db` when a cache server is configured
(see tests/test_settings.py for the choice, tests/test_cache.py for Redis). A visitor's wizard
answers and ownership survive the cache losing them."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment
from tests.assessments.wizard_answers import VALID
from tests.assessments.wizard_helpers import complete_wizard, post_step, step_url

pytestmark = pytest.mark.django_db


def _started(client) -> str:
    client.get(reverse("assessments:wizard_start"))
    post_step(client, "company", VALID["company"])
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_wizard_answers_are_stored_in_the_database(client):
    key = _started(client)
    assert Session.objects.filter(pk=key).exists()


def test_wizard_answers_survive_the_cache_being_emptied(client):
    _started(client)
    caches["default"].clear()  # evicted, or a Redis restart
    page = client.get(step_url("company"))
    assert page.context["form"]["company_name"].value() == "Acme Analytics"


def test_the_owner_keeps_their_assessment_after_the_cache_is_emptied(client):
    complete_wizard(client)
    assessment = Assessment.objects.get()
    caches["default"].clear()
    delete = reverse("assessments:delete", args=[assessment.pk])
    assert client.get(delete).status_code == 200
    assert Client().get(delete).status_code != 200  # a stranger is not the owner


def test_an_expired_session_starts_the_wizard_afresh(client):
    key = _started(client)
    Session.objects.filter(pk=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    caches["default"].clear()
    page = client.get(step_url("company"))
    assert not page.context["form"]["company_name"].value()


@pytest.mark.parametrize(("engine", "expected"), [("db", (200, 302)), ("cached_db", (400,))])
def test_a_session_ended_elsewhere_during_a_request_is_not_brought_back(client, engine, expected):
    # db: the wizard starts afresh under a new key. cached_db, whose cache still holds the
    # session: Django's SessionInterrupted, a 400. Never the outage page, never a 500.
    with override_settings(SESSION_ENGINE=f"django.contrib.sessions.backends.{engine}"):
        key = _started(client)
        Session.objects.filter(pk=key).delete()  # signed out in another tab
        client.raise_request_exception = False
        response = post_step(client, "customers", VALID["customers"])
    assert response.status_code in expected
    assert not Session.objects.filter(pk=key).exists()


def test_a_session_cookie_replayed_after_signing_out_signs_nobody_in(client, django_user_model):
    user = django_user_model.objects.create_user("cto", "cto@example.com", "pw-123456")
    client.force_login(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("assessments:workspace")).wsgi_request.user == user
    client.post(reverse("account_logout"))
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    response = replay.get(reverse("assessments:workspace"))
    assert not response.wsgi_request.user.is_authenticated
    assert not Session.objects.filter(pk=key).exists()

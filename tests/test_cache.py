"""The app on Redis (CACHE_URL=redis://...): Django's own RedisCache holds the shared cache and
the sessions in front of their table, and a visitor's journey works as on the database cache."""

import pytest
import redis
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_KEY_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings
from django.urls import reverse

from assessments.models import Assessment
from tests.assessments.wizard_answers import VALID
from tests.assessments.wizard_helpers import complete_wizard, post_step, step_url
from tests.conftest import REDIS_URL

pytestmark = pytest.mark.django_db

FRAGMENTS = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"}


@pytest.fixture
def on_redis(redis_cache):
    # As base.py sets them for CACHE_URL=redis://...: sessions read through the cache.
    with override_settings(
        CACHES={"default": redis_cache, "fragments": FRAGMENTS},
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    ):
        yield redis_cache["KEY_PREFIX"]


def _keys(prefix: str) -> list[bytes]:
    return list(redis.Redis.from_url(REDIS_URL).scan_iter(match=f"{prefix}:*"))


def test_values_go_to_redis_and_back(on_redis):
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    cache.set("greeting", {"text": "hello"}, timeout=60)
    assert cache.get("greeting") == {"text": "hello"}
    assert cache.add("counter", 0, timeout=60) and not cache.add("counter", 5, timeout=60)
    assert [cache.incr("counter") for _ in range(3)] == [1, 2, 3]
    assert _keys(on_redis), "the values live in Redis, under this test's prefix"


def test_a_visitors_journey_works_with_sessions_and_kept_reports_on_redis(client, on_redis):
    client.get(reverse("assessments:wizard_start"))
    post_step(client, "company", VALID["company"])
    page = client.get(step_url("company"))
    assert page.context["form"]["company_name"].value() == "Acme Analytics"
    key = client.cookies["sessionid"].value
    assert caches["default"].get(SESSION_KEY_PREFIX + key), "the session is read from Redis"
    assert Session.objects.filter(pk=key).exists(), "the database row stays the truth"

    assert complete_wizard(client).status_code == 302
    report = Assessment.objects.get().get_absolute_url()
    first, again = client.get(report), client.get(report)
    assert first.status_code == again.status_code == 200
    assert "Acme Analytics" in again.content.decode()

"""The creation limit counts every hit exactly, however many arrive at once, on the database
cache (the default) and on Redis."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection, connections
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from assessments.models import Assessment, RateCounter
from assessments.ratelimit import assessment_creation_allowed, hit_count
from tests.factories import assessment_create

LIMIT, AT_ONCE = 25, 40
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "certpath_cache",
}
FRAGMENTS = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"}


@pytest.fixture(params=["database cache", "redis"])
def shared_cache(request):
    """The app's shared cache as production configures it: the database's, or Redis."""
    on_redis = request.param == "redis"
    default = request.getfixturevalue("redis_cache") if on_redis else DATABASE_CACHE
    with override_settings(
        CACHES={"default": default, "fragments": FRAGMENTS}, CERTPATH_ASSESSMENTS_PER_HOUR=LIMIT
    ):
        if not on_redis:
            call_command("createcachetable")
        yield request.param


def _at_once(call, times: int) -> list:
    """`call()` run in `times` threads released together, each on its own database connection."""
    start = threading.Barrier(times)

    def run(_):
        start.wait()
        try:
            return call()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(run, range(times)))


def _allowed(request) -> bool:
    give_up = time.monotonic() + 30
    while True:
        try:
            return assessment_creation_allowed(request)
        except OperationalError as error:
            # SQLite's in-memory test database refuses a second writer ("table is locked")
            # where a database file or PostgreSQL waits; the refused transaction counted nothing.
            locked = connection.vendor == "sqlite" and "locked" in str(error)
            if not locked or time.monotonic() > give_up:
                raise
            time.sleep(0.001)


@pytest.mark.django_db(transaction=True)
def test_forty_creations_at_once_from_one_client_allow_exactly_the_limit(shared_cache):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    allowed = _at_once(lambda: _allowed(request), AT_ONCE)
    assert allowed.count(True) == LIMIT
    assert not _allowed(request)
    assert _allowed(RequestFactory().post("/", REMOTE_ADDR="203.0.113.8"))


@pytest.mark.skipif(
    connections["default"].vendor == "sqlite",
    reason="SQLite's in-memory test database refuses concurrent writers instead of queueing "
    "them, so parallel requests fail there; CI runs this test on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_forty_recalculations_posted_at_once_create_exactly_the_limit(shared_cache, reference_data):
    source = assessment_create()
    url = reverse("assessments:recalculate", args=[source.pk])
    codes = _at_once(lambda: Client().post(url).status_code, AT_ONCE)
    assert sorted(set(codes)) == [302, 429]
    assert codes.count(429) == AT_ONCE - LIMIT
    assert Assessment.objects.count() == 1 + LIMIT


@pytest.mark.django_db
@override_settings(CACHES={"default": DATABASE_CACHE, "fragments": FRAGMENTS})
def test_on_the_database_cache_a_window_that_ended_counts_afresh_and_is_cleared():
    assert [hit_count(key="ended", seconds=0) for _ in range(3)] == [1, 1, 1]
    assert [hit_count(key="open", seconds=60) for _ in range(3)] == [1, 2, 3]
    assert set(RateCounter.objects.values_list("key", flat=True)) == {"open"}

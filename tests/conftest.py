import os
import uuid

import pytest
import redis

from frameworks.services import reference_data_seed

REDIS_URL = "redis://127.0.0.1:6379/1"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the full reference data, as `make run` loads it."""
    with django_db_blocker.unblock():
        reference_data_seed()


@pytest.fixture
def reference_data(db):
    """The loaded reference data, re-seeded if a transactional test flushed it."""
    reference_data_seed()
    from assessments.selectors import reference_data_load

    return reference_data_load()


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("maintainer", "m@example.com", "pw-123456")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches, so kept renderings never leak between tests."""
    from django.core.cache import caches

    for alias in ("default", "fragments"):
        caches[alias].clear()
    yield
    for alias in ("default", "fragments"):
        caches[alias].clear()


@pytest.fixture
def redis_cache():
    """A CACHES "default" entry for Django's RedisCache at REDIS_URL, under a key prefix of this
    test's own (removed afterwards). Skipped when no Redis answers there, except under CI."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(
                f"CI runs the Redis tests, but Redis at {REDIS_URL} is unreachable: {error}"
            )
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({error}); CI runs these tests")
    prefix = f"certpath-test-{uuid.uuid4().hex}"
    yield {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()

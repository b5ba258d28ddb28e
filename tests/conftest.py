import pytest

from frameworks.services import reference_data_seed


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

"""The session store: Django's database sessions, read and updated with plain SQL."""

import datetime

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.utils import timezone

from config.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _saved(data: dict) -> str:
    store = SessionStore()
    store.update(data)
    store.save()  # no key yet: Django creates the row
    return store.session_key


def test_a_saved_session_reads_back_with_its_data():
    key = _saved({"owned": ["a", "b"], "step": "company"})
    assert SessionStore(key).load() == {"owned": ["a", "b"], "step": "company"}


def test_an_update_changes_the_row_in_place_and_moves_its_expiry():
    key = _saved({"n": 1})
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + datetime.timedelta(hours=1))
    store = SessionStore(key)
    store["n"] = 2
    store.save()
    assert SessionStore(key).load() == {"n": 2}
    assert Session.objects.count() == 1
    row = Session.objects.get(pk=key)
    assert row.expire_date > timezone.now() + datetime.timedelta(days=13)


@pytest.mark.parametrize("key", ["never-issued-key-0123456789", None])
def test_an_unknown_key_reads_as_an_empty_session_and_is_forgotten(key):
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None


def test_an_expired_session_reads_as_empty():
    key = _saved({"n": 1})
    Session.objects.filter(pk=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert SessionStore(key).load() == {}


def test_saving_a_session_deleted_meanwhile_is_an_update_error_not_a_new_row():
    key = _saved({"n": 1})
    store = SessionStore(key)
    assert store["n"] == 1  # read during the request
    Session.objects.filter(pk=key).delete()  # signed out in another tab
    store["n"] = 2
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.exists()


def test_the_site_uses_this_store_for_a_visitors_wizard(client):
    client.get("/assess/")
    key = client.cookies["sessionid"].value
    assert SessionStore(key).load(), "the wizard keeps its state in this store"

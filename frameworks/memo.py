"""What each process builds from the reference data, kept until the data changes.

Reference data changes rarely (an admin edit, a reload) but is read on every wizard page and
every submit, and building it from the tables takes up to 100 ms. Each process keeps what it
built under a generation token that lives in the shared cache and is read on every use (one
cache read). Any write to the reference data replaces the token, so every process rebuilds on
its next read. Writes that bypass the ORM's signals (SQL typed into the database by hand) are
picked up within `MAX_AGE` seconds."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar, cast

from django.core.cache import cache
from django.db import DatabaseError, transaction

GENERATION_KEY = "certpath:reference-data:generation"
MAX_AGE = 300  # seconds
LIMIT = 8  # entries; old generations are dropped wholesale

T = TypeVar("T")
logger = logging.getLogger(__name__)


# Within one request the token is read once: a page that reads the questions, the rules and
# the reference data would otherwise read it for each (a query each on the database cache).
# Outside a request (the task worker, commands, tests) it is read on every use.
_request_token: ContextVar[str | None] = ContextVar("reference_data_request_token", default=None)
_in_request: ContextVar[bool] = ContextVar("reference_data_in_request", default=False)


def request_began(**kwargs: object) -> None:
    _in_request.set(True)
    _request_token.set(None)


def request_ended(**kwargs: object) -> None:
    _in_request.set(False)
    _request_token.set(None)


def generation() -> str:
    """The current generation token, created on first use (or after the cache was cleared);
    read once per request."""
    token = _request_token.get()
    if token is None:
        token = _generation_read()
        if _in_request.get():
            _request_token.set(token)
    return token


def _generation_read() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, token, timeout=None):
            token = cache.get(GENERATION_KEY) or token  # another process set it first
    return token


class Memo:
    """Values built from the reference data, each kept for the generation it was built in and
    for at most `max_age` seconds of `clock`."""

    def __init__(
        self, *, clock: Callable[[], float] = time.monotonic, max_age: float = MAX_AGE
    ) -> None:
        self._clock = clock
        self._max_age = max_age
        self._entries: dict[tuple[str, str], tuple[float, object]] = {}
        self._lock = threading.Lock()

    def get(self, name: str, build: Callable[[], T]) -> T:
        """`build()`'s value for the current generation, built once while it is fresh."""
        key, now = (name, generation()), self._clock()
        entry = self._entries.get(key)
        if entry is not None and now - entry[0] < self._max_age:
            return cast(T, entry[1])
        value = build()
        with self._lock:
            if len(self._entries) >= LIMIT:
                self._entries.clear()
            self._entries[key] = (now, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_memo = Memo()


def memoised(name: str, build: Callable[[], T]) -> T:
    """`build()`'s value for the current generation, built at most once per process."""
    return _memo.get(name, build)


def reference_data_changed() -> None:
    """Invalidate every process's memo: now, and again when the current transaction commits,
    so that no process can keep what it built from rows that were not yet committed."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    _memo.clear()
    _request_token.set(None)
    try:
        with transaction.atomic():  # a savepoint, so a failure cannot spoil the caller's work
            cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except DatabaseError:
        # No cache table yet (`createcachetable` has not run), so no process can hold a memo.
        logger.warning("Reference data changed; the shared cache is not available to say so")

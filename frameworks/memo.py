"""A per-process memo of the reference data, shared safely between the app's processes.

Reference data changes rarely (an admin edit, a reload) but is read on every wizard page and
every submit. Each process keeps what it built, keyed by a generation token that lives in the
shared cache. Any write to the reference data replaces the token: the writing process rebuilds
on its next read, every other process within `TOKEN_SECONDS`, the longest it trusts the token
it last read (reading it is a database query, and a wizard journey asked for it a dozen times;
`CERTPATH_REFERENCE_TOKEN_SECONDS` in settings, 0 in the tests, which empty the cache between
tests).
Writes that bypass the ORM's signals (SQL typed into the database by hand) are picked up within
`MEMO_SECONDS`."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction

GENERATION_KEY = "certpath:reference-data:generation"
MEMO_LIMIT = 8  # entries; old generations are dropped wholesale
MEMO_SECONDS = 300

T = TypeVar("T")
logger = logging.getLogger(__name__)
_memo: dict[tuple[str, str], tuple[float, object]] = {}
_lock = threading.Lock()
_token: tuple[float, str] | None = None  # (when it was read, the token)


def generation() -> str:
    """The current generation token, as read at most a second ago; created on first use (or
    after the cache was cleared)."""
    global _token
    now = time.monotonic()
    trusted = getattr(settings, "CERTPATH_REFERENCE_TOKEN_SECONDS", 1.0)
    if _token is not None and 0 <= now - _token[0] < trusted:
        return _token[1]
    token = cache.get(GENERATION_KEY)
    if token is None:
        fresh = uuid.uuid4().hex
        added = cache.add(GENERATION_KEY, fresh, timeout=None)
        token = fresh if added else cache.get(GENERATION_KEY) or fresh  # another process won
    _token = (now, token)
    return token


def reference_data_changed() -> None:
    """Invalidate every process's memo: now, and again when the current transaction commits,
    so that no process can keep what it built from rows that were not yet committed."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    global _token
    with _lock:
        _memo.clear()
        _token = None
    try:
        with transaction.atomic():  # a savepoint, so a failure cannot spoil the caller's work
            cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    except DatabaseError:
        # No cache table yet (`createcachetable` has not run), so no process can hold a memo.
        logger.warning("Reference data changed; the shared cache is not available to say so")


def memoised(name: str, build: Callable[[], T]) -> T:
    """`build()`'s value for the current generation, built at most once per process."""
    key, now = (name, generation()), time.monotonic()
    entry = _memo.get(key)
    if entry is not None and now - entry[0] < MEMO_SECONDS:
        return entry[1]  # type: ignore[return-value]
    value = build()
    with _lock:
        if len(_memo) >= MEMO_LIMIT:
            _memo.clear()
        _memo[key] = (now, value)
    return value

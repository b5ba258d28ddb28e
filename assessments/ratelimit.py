"""A per-client cap on how many assessments can be created in an hour.

The client is REMOTE_ADDR as `config.middleware.ForwardedHeadersMiddleware` leaves it: the real
client behind the configured number of trusted proxies, never an address the client wrote.

Hits are counted exactly however many processes count at once. Redis (and memcached, and the
per-process memory cache) increment atomically, so the count lives in the cache. The database
cache's `incr` reads and then writes, which loses hits under concurrency, so with it the count
lives in a table of its own, incremented in one UPDATE."""

from __future__ import annotations

import datetime
import hashlib
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.memcached import BaseMemcachedCache
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from assessments.models import RateCounter

WINDOW_SECONDS = 3600
IPV6_PREFIX = 64  # one host usually holds a whole /64, so it counts as one client
# Caches whose add and incr are atomic across the processes that share them.
ATOMIC_CACHES = (RedisCache, BaseMemcachedCache, LocMemCache)

logger = logging.getLogger(__name__)


def client_bucket(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))
    return str(ip)


def assessment_creation_allowed(request: HttpRequest) -> bool:
    """Count this creation against the client's hourly allowance; False once it is spent."""
    limit = settings.CERTPATH_ASSESSMENTS_PER_HOUR
    if limit <= 0:
        return True
    client = hashlib.sha256(client_bucket(request).encode()).hexdigest()[:24]
    window = int(time.time() // WINDOW_SECONDS)
    return hit_count(key=f"certpath:rate:create:{client}:{window}") <= limit


def hit_count(*, key: str, seconds: int = WINDOW_SECONDS) -> int:
    """Count one hit on `key`, which lives for `seconds`, and return the hits counted so far,
    this one included."""
    cache = caches["default"]
    if isinstance(cache, ATOMIC_CACHES):
        counted = _cache_count(cache, key=key, seconds=seconds)
        if counted is not None:
            return counted
    return _database_count(key=key, seconds=seconds)


def _cache_count(cache: BaseCache, *, key: str, seconds: int) -> int | None:
    for _ in range(3):
        cache.add(key, 0, timeout=seconds)  # SET NX EX on Redis: only the first hit creates it
        try:
            return cache.incr(key)  # INCR on Redis
        except ValueError:  # evicted or expired between add and incr
            continue
    return None


def _database_count(*, key: str, seconds: int) -> int:
    now = timezone.now()
    counters = RateCounter.objects.filter(key=key, expires_at__gt=now)
    with transaction.atomic():
        # The UPDATE locks the row until the transaction ends, so the read after it is exact.
        if counters.update(hits=F("hits") + 1):
            return counters.values_list("hits", flat=True).get()
        try:
            with transaction.atomic():  # a savepoint: another process may create it first
                RateCounter.objects.filter(key=key, expires_at__lte=now).delete()  # a leftover
                RateCounter.objects.create(
                    key=key, hits=1, expires_at=now + datetime.timedelta(seconds=seconds)
                )
        except IntegrityError:
            counters.update(hits=F("hits") + 1)
            return counters.values_list("hits", flat=True).get()
    _expired_delete(now=now)  # once per key and window, outside the counting transaction
    return 1


def _expired_delete(*, now: datetime.datetime) -> None:
    try:
        with transaction.atomic():
            RateCounter.objects.filter(expires_at__lte=now).delete()
    except DatabaseError:  # another process is clearing the same rows; it will finish
        logger.warning("Expired rate-limit counters were left for the next clean-up")

"""A per-client cap on how many assessments can be created in an hour."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 3600


def client_address(request: HttpRequest) -> str:
    if settings.CERTPATH_TRUST_X_FORWARDED_FOR:
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded.strip():
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def assessment_creation_allowed(request: HttpRequest) -> bool:
    """Count this creation against the client's hourly allowance; False once it is spent."""
    limit = settings.CERTPATH_ASSESSMENTS_PER_HOUR
    if limit <= 0:
        return True
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:24]
    key = f"certpath:rate:create:{client}:{int(time.time() // WINDOW_SECONDS)}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= limit

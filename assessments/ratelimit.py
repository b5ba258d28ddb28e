"""A per-client cap on how many assessments can be created in an hour.

The client is REMOTE_ADDR as `config.middleware.ForwardedHeadersMiddleware` leaves it: the real
client behind the configured number of trusted proxies, never an address the client wrote."""

from __future__ import annotations

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 3600
IPV6_PREFIX = 64  # one host usually holds a whole /64, so it counts as one client


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
    key = f"certpath:rate:create:{client}:{int(time.time() // WINDOW_SECONDS)}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= limit

"""What the request really came from, when it passed through proxies we trust.

With `CERTPATH_TRUSTED_PROXIES = n`, each of the n proxies in front of the app appends the
address it received the request from to X-Forwarded-For. The client's own address is
therefore the n-th entry from the right; everything to its left was written by the client
and is ignored. Only a well-formed IP address is taken. With no proxies configured, the
forwarded headers are ignored altogether."""

from __future__ import annotations

import ipaddress

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"
FORWARDED_PROTO = "HTTP_X_FORWARDED_PROTO"
SCHEMES = ("http", "https")


def _entries(meta: dict, key: str) -> list[str]:
    # Repeated headers arrive joined by commas, in the order the proxies added them.
    return [part.strip() for part in meta.get(key, "").split(",") if part.strip()]


def _trusted_entry(meta: dict, key: str, proxies: int) -> str | None:
    entries = _entries(meta, key)
    if proxies <= 0 or len(entries) < proxies:
        return None
    return entries[-proxies]


def valid_ip(value: str | None) -> str | None:
    """`value` as a normalised IP address, or None if it is not one."""
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_ip(meta: dict, *, proxies: int) -> str | None:
    """The client's address: the trusted X-Forwarded-For entry when it is a valid IP,
    otherwise the address of whoever connected to us."""
    forwarded = valid_ip(_trusted_entry(meta, FORWARDED_FOR, proxies))
    return forwarded or valid_ip(meta.get("REMOTE_ADDR"))


def client_scheme(meta: dict, *, proxies: int) -> str | None:
    """The scheme the client used, as the outermost trusted proxy saw it, or None."""
    scheme = (_trusted_entry(meta, FORWARDED_PROTO, proxies) or "").lower()
    return scheme if scheme in SCHEMES else None

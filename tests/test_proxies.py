"""Forwarded headers are believed only from the configured number of proxies: the client is the
n-th X-Forwarded-For entry from the right, and only a valid IP address counts. The creation
limit, allauth's rate limits, the admin lockout and the scheme all read the same answer."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from assessments.models import Assessment
from config.proxies import client_ip, client_scheme
from tests.assessments.wizard_helpers import complete_wizard

ROOT = Path(__file__).resolve().parent.parent
PEER = "10.0.0.5"  # the proxy nearest to us


@pytest.mark.parametrize(
    "forwarded,proxies,expected",
    [
        ("", 0, PEER),
        ("203.0.113.7", 0, PEER),  # no proxies: the header is the client's own words
        ("203.0.113.7", 1, "203.0.113.7"),
        ("198.51.100.1, 203.0.113.7", 1, "203.0.113.7"),  # spoofed entry on the left
        ("198.51.100.1, 203.0.113.7, 10.0.0.9", 2, "203.0.113.7"),  # two hops
        ("203.0.113.7,10.0.0.9", 2, "203.0.113.7"),
        ("10.0.0.9", 2, PEER),  # fewer entries than proxies: nothing to trust
        ("not-an-ip", 1, PEER),
        ("203.0.113.7:443", 1, PEER),
        ("<script>", 1, PEER),
        ("203.0.113.7, ", 1, "203.0.113.7"),
        ("2001:db8::1", 1, "2001:db8::1"),
        ("2001:DB8:0:0::1", 1, "2001:db8::1"),
        ("999.1.1.1", 1, PEER),
    ],
)
def test_the_client_address_is_the_trusted_entry_when_it_is_an_ip(forwarded, proxies, expected):
    meta = {"REMOTE_ADDR": PEER, "HTTP_X_FORWARDED_FOR": forwarded}
    assert client_ip(meta, proxies=proxies) == expected


def test_a_garbage_peer_address_gives_no_address():
    assert client_ip({"REMOTE_ADDR": "garbage"}, proxies=0) is None


@pytest.mark.parametrize(
    "proto,proxies,expected",
    [
        ("https", 0, None),
        ("https", 1, "https"),
        ("https, http", 1, "http"),  # the client said https; our proxy saw http
        ("http, https", 2, "http"),
        ("HTTPS", 1, "https"),
        ("gopher", 1, None),
        ("", 1, None),
    ],
)
def test_the_scheme_comes_from_the_trusted_proxy_only(proto, proxies, expected):
    meta = {"HTTP_X_FORWARDED_PROTO": proto}
    assert client_scheme(meta, proxies=proxies) == expected


def _create(forwarded: str, peer: str = PEER):
    client = Client(REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    return complete_wizard(client)


@pytest.mark.django_db
@override_settings(CERTPATH_ASSESSMENTS_PER_HOUR=2, CERTPATH_TRUSTED_PROXIES=0)
def test_without_proxies_a_rotating_forwarded_for_does_not_escape_the_limit():
    statuses = [_create(f"198.51.100.{n}").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert Assessment.objects.count() == 2


@pytest.mark.django_db
@override_settings(CERTPATH_ASSESSMENTS_PER_HOUR=2, CERTPATH_TRUSTED_PROXIES=1)
def test_behind_one_proxy_spoofed_entries_on_the_left_do_not_escape_the_limit():
    statuses = [_create(f"198.51.100.{n}, 203.0.113.7").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    # Another real client behind the same proxy has its own allowance.
    assert _create("198.51.100.1, 203.0.113.8").status_code == 302


@pytest.mark.django_db
@override_settings(CERTPATH_ASSESSMENTS_PER_HOUR=2, CERTPATH_TRUSTED_PROXIES=2)
def test_behind_two_proxies_the_client_is_the_second_entry_from_the_right():
    statuses = [_create(f"198.51.100.{n}, 203.0.113.7, 10.0.0.{n}").status_code for n in range(3)]
    assert statuses == [302, 302, 429]


@pytest.mark.django_db
@override_settings(CERTPATH_ASSESSMENTS_PER_HOUR=2, CERTPATH_TRUSTED_PROXIES=1)
def test_garbage_forwarded_for_counts_against_the_proxy_address():
    statuses = [_create(garbage).status_code for garbage in ("x", "1.2.3.4.5", "::zz")]
    assert statuses == [302, 302, 429]


@pytest.mark.django_db
@override_settings(CERTPATH_ASSESSMENTS_PER_HOUR=2, CERTPATH_TRUSTED_PROXIES=1)
def test_an_ipv6_client_counts_as_its_whole_64():
    statuses = [_create(f"2001:db8:1:2::{n}").status_code for n in range(1, 4)]
    assert statuses == [302, 302, 429]
    assert _create("2001:db8:1:3::1").status_code == 302


@pytest.mark.django_db
@override_settings(CERTPATH_TRUSTED_PROXIES=1)
def test_the_admin_lockout_counts_the_real_client_not_the_spoofed_entries(django_user_model):
    django_user_model.objects.create_superuser("root", "r@example.com", "right-password-1")
    url = reverse("admin:login")
    for n in range(5):
        Client(REMOTE_ADDR=PEER, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7").post(
            url, {"username": "root", "password": "wrong"}
        )
    attacker = Client(REMOTE_ADDR=PEER, HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.7")
    blocked = attacker.post(url, {"username": "root", "password": "right-password-1"})
    assert "Too many failed sign-in attempts" in blocked.content.decode()
    colleague = Client(REMOTE_ADDR=PEER, HTTP_X_FORWARDED_FOR="203.0.113.8")
    allowed = colleague.post(url, {"username": "root", "password": "right-password-1"})
    assert allowed.status_code == 302


@pytest.mark.django_db
@override_settings(CERTPATH_TRUSTED_PROXIES=1)
def test_allauth_rate_limits_count_the_real_client():
    url = reverse("account_login")
    limited = []
    for n in range(11):
        client = Client(REMOTE_ADDR=PEER, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7")
        response = client.post(url, {"login": f"u{n}@example.com", "password": "wrong-password"})
        limited.append("Too many failed login attempts" in response.content.decode())
    assert limited == [False] * 10 + [True]
    other = Client(REMOTE_ADDR=PEER, HTTP_X_FORWARDED_FOR="203.0.113.8")
    response = other.post(url, {"login": "u0@example.com", "password": "wrong-password"})
    assert "Too many failed login attempts" not in response.content.decode()


@pytest.mark.django_db
@override_settings(
    CERTPATH_TRUSTED_PROXIES=1,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    SECURE_SSL_REDIRECT=True,
)
def test_only_the_trusted_proxys_scheme_avoids_the_https_redirect():
    secure = Client(HTTP_X_FORWARDED_PROTO="https").get("/healthz")
    spoofed = Client(HTTP_X_FORWARDED_PROTO="https, http").get("/healthz/")
    assert secure.status_code == 200
    assert spoofed.status_code == 301 and spoofed["Location"].startswith("https://")


def _proxy_setting(proxies: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CERTPATH_"))}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    if proxies is not None:
        env["CERTPATH_TRUSTED_PROXIES"] = proxies
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.CERTPATH_TRUSTED_PROXIES, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    return (result.stdout or result.stderr).strip()


def test_the_proxy_ssl_header_is_set_only_when_proxies_are_configured():
    assert _proxy_setting(None) == "0 None"
    assert _proxy_setting("2") == "2 ('HTTP_X_FORWARDED_PROTO', 'https')"
    assert "must be 0 or more" in _proxy_setting("-1")

"""Error pages in the site's layout, unlisted and uncached, with the contact line when set."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import assessment_create

pytestmark = pytest.mark.django_db


def _unlisted(response) -> None:
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"


@override_settings(DEBUG=False, CERTPATH_CONTACT_EMAIL="help@certpath.example")
def test_a_missing_page_is_a_friendly_unlisted_404_with_the_contact(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We could not find that page" in body and 'class="navbar' in body
    _unlisted(response)


@override_settings(DEBUG=False, CERTPATH_CONTACT_EMAIL="help@certpath.example")
def test_a_strangers_delete_is_a_friendly_403(client):
    assessment = assessment_create()
    response = client.post(reverse("assessments:delete", args=[assessment.link_key]))
    assert response.status_code == 403


def test_the_429_and_403_handlers_draw_the_sites_layout_with_the_contact(rf, settings):
    from config.views import permission_denied, too_many_requests

    settings.CERTPATH_CONTACT_EMAIL = "help@certpath.example"
    for response, status in (
        (too_many_requests(rf.get("/")), 429),
        (permission_denied(rf.get("/"), Exception()), 403),
    ):
        assert response.status_code == status
        body = response.content.decode()
        assert "mailto:help@certpath.example" in body
        _unlisted(response)
    assert too_many_requests(rf.get("/"))["Retry-After"]


def test_without_a_contact_setting_no_empty_contact_line_is_drawn(rf, settings):
    from config.views import too_many_requests

    settings.CERTPATH_CONTACT_EMAIL = ""
    assert "mailto:" not in too_many_requests(rf.get("/")).content.decode()


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")

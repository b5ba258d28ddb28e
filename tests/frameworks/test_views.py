import pytest
from django.urls import reverse

from frameworks.models import Control

pytestmark = pytest.mark.django_db


def test_landing_page_says_what_certpath_answers(client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "SOC 2 or ISO 27001" in body
    assert "Start the assessment" in body


def test_frameworks_page_lists_both_frameworks_for_anyone(client):
    response = client.get(reverse("frameworks:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "SOC 2" in body and "ISO/IEC 27001:2022" in body
    assert "Organizational controls" in body and "Processing Integrity" in body


@pytest.mark.parametrize("code,expected_count", [("soc2", 61), ("iso27001", 134)])
def test_framework_page_shows_every_control_with_its_links(
    client, code, expected_count, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("frameworks:detail", args=[code]))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="control-card') == expected_count
    sample = Control.objects.filter(framework__code=code).order_by("?").first()
    assert sample.title.replace("'", "&#x27;") in body
    assert "What an auditor will want to see" in body


def test_unknown_framework_is_a_404_in_site_style(client):
    response = client.get(reverse("frameworks:detail", args=["pci-dss"]))
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()

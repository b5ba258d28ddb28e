"""Assessment pages are private: never indexed, never kept by a cache; no form takes a file;
a GET never changes anything."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from tests.assessments.wizard_helpers import (
    VALID,
    complete_wizard,
    post_step,
    practice_answers,
    step_url,
)
from tests.factories import assessment_create, client_owns

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(client) -> tuple[Assessment, Assessment]:
    complete_wizard(client, {"practices1": practice_answers()["practices1"]})
    first = Assessment.objects.get()
    client.post(reverse("assessments:recalculate", args=[first.link_key]))
    return first, Assessment.objects.exclude(pk=first.pk).get()


def _urls(first: Assessment, second: Assessment) -> dict[str, str]:
    key = second.link_key
    return {
        "report": second.get_absolute_url(),
        "pdf": reverse("assessments:report_pdf", args=[key]),
        "soa": reverse("assessments:soa", args=[key]),
        "soa csv": reverse("assessments:soa_csv", args=[key]),
        "compare": reverse("assessments:compare", args=[key, first.link_key]),
        "deep dive": reverse("assessments:deep_dive", args=[key, "soc2"]),
        "edit": reverse("assessments:edit", args=[key]),
        "delete": reverse("assessments:delete", args=[key]),
        "delete all": reverse("assessments:chain_delete", args=[key]),
        "revoke": reverse("assessments:revoke", args=[key]),
        "workspace": reverse("assessments:workspace"),
    }


def test_every_assessment_page_is_private_and_unindexed(client, owned):
    for name, url in _urls(*owned).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert response["Cache-Control"] == "private, no-store", name
        assert response["X-Robots-Tag"] == "noindex, nofollow", name


def test_a_strangers_view_and_refusals_are_private_too(owned):
    first, second = owned
    stranger = Client()
    for response in (
        stranger.get(second.get_absolute_url()),
        stranger.post(reverse("assessments:delete", args=[second.link_key])),
        stranger.post(reverse("assessments:recalculate", args=[second.link_key])),
    ):
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_landing_page_may_be_indexed(client):
    assert "X-Robots-Tag" not in client.get("/")


def test_a_file_posted_to_a_wizard_step_is_refused_and_nothing_is_kept(client):
    client.get(reverse("assessments:wizard_start"))
    upload = SimpleUploadedFile("big.bin", b"\0" * (2 * 1024 * 1024))
    response = client.post(
        step_url("company"),
        {
            "assessment_wizard-current_step": "company",
            "company-company_name": "Uploader Inc",
            "company-headcount": "11-50",
            "company-file": upload,
        },
    )
    assert response.status_code == 415
    assert "takes no file uploads" in response.content.decode()
    page = client.get(step_url("company"))
    assert page.context["form"]["company_name"].value() in (None, "")


@pytest.mark.parametrize(
    "url",
    [
        lambda a: reverse("assessments:deep_dive", args=[a.link_key, "soc2"]),
        lambda a: reverse("assessments:recalculate", args=[a.link_key]),
        lambda a: reverse("account_signup"),
    ],
)
def test_no_form_takes_a_file(client, url):
    assessment = assessment_create()
    client_owns(client, assessment)
    upload = SimpleUploadedFile("notes.txt", b"hello")
    response = client.post(url(assessment), {"attachment": upload})
    assert response.status_code == 415
    assert Assessment.objects.count() == 1


def test_a_form_without_files_may_still_come_as_multipart(client):
    # The test client sends multipart bodies; browsers send our forms url-encoded.
    assert post_step(client, "company", VALID["company"]).status_code == 302


def test_an_oversized_body_is_refused(client):
    client.raise_request_exception = False
    client.get(reverse("assessments:wizard_start"))
    response = client.post(
        step_url("company"),
        "company-company_name=" + "x" * (1024 * 1024 + 1),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_opening_the_edit_page_leaves_the_wizard_in_progress_alone(client):
    other = assessment_create()
    client.get(reverse("assessments:wizard_start"))
    post_step(client, "company", {**VALID["company"], "company_name": "Work In Progress Ltd"})
    session_before = dict(client.session)
    page = client.get(reverse("assessments:edit", args=[other.link_key]))
    assert page.status_code == 200 and 'method="post"' in page.content.decode()
    assert dict(client.session) == session_before
    form = client.get(step_url("company")).context["form"]
    assert form["company_name"].value() == "Work In Progress Ltd"


def test_a_cross_site_get_of_any_owner_action_changes_nothing(client, owned):
    first, second = owned
    keys = {a.pk: a.link_key for a in Assessment.objects.all()}
    for name in ("edit", "delete", "delete all", "revoke", "workspace"):
        client.get(_urls(first, second)[name])
    assert {a.pk: a.link_key for a in Assessment.objects.all()} == keys
    assert client.get(reverse("assessments:recalculate", args=[first.link_key])).status_code == 405
    assert Assessment.objects.count() == 2

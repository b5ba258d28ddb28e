"""The ownership model: anyone with the link views, only the owner changes; a stranger's change
is a copy of their own; the owner can revoke every link of a chain."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Assessment
from assessments.ownership import OWNED_KEY
from tests.assessments.wizard_helpers import complete_wizard, post_step, practice_answers
from tests.factories import answers_us_saas, assessment_create, client_owns, client_signed_in

pytestmark = pytest.mark.django_db


def _user(django_user_model, email="cto@example.com"):
    return django_user_model.objects.create_user(email, email=email, password="pw-123456-long")


def _owned_chain(client, versions: int = 1) -> list[Assessment]:
    """An assessment made through the wizard by `client`, with more versions by its owner."""
    complete_wizard(client)
    chain = [Assessment.objects.latest("created_at")]
    for _ in range(versions - 1):
        client.post(reverse("assessments:recalculate", args=[chain[-1].link_key]))
        chain.append(Assessment.objects.latest("created_at"))
    return chain


def _newest_other_than(*known: Assessment) -> Assessment:
    return Assessment.objects.exclude(pk__in=[a.pk for a in known]).get()


def test_anyone_with_the_link_can_view_but_sees_no_owner_actions(client):
    original = _owned_chain(client)[0]
    page = Client().get(original.get_absolute_url())
    body = page.content.decode()
    assert (
        page.status_code == 200 and "Why: demands first, then what you hold, then signals" in body
    )
    assert reverse("assessments:delete", args=[original.link_key]) not in body
    assert reverse("assessments:revoke", args=[original.link_key]) not in body
    assert "your own copy" in body


def test_a_strangers_recalculation_is_a_copy_and_leaves_the_owners_chain_alone(client):
    original = _owned_chain(client)[0]
    stranger = Client()
    response = stranger.post(reverse("assessments:recalculate", args=[original.link_key]))
    copy = _newest_other_than(original)
    assert response["Location"] == copy.get_absolute_url()
    assert copy.copied_from == original and copy.predecessor is None
    assert copy.chain_id == copy.pk != original.chain_id
    assert list(Assessment.objects.lineage(original)) == [original]
    assert stranger.session[OWNED_KEY] == [str(copy.pk)]
    owner_page = client.get(original.get_absolute_url()).content.decode()
    assert copy.get_absolute_url() not in owner_page and "This version" not in owner_page


def test_a_strangers_edit_is_a_copy_of_their_own(client):
    original = _owned_chain(client)[0]
    stranger = Client()
    confirm = stranger.get(reverse("assessments:edit", args=[original.link_key]))
    assert "submitting saves <strong>your own copy</strong>" in confirm.content.decode()
    stranger.post(reverse("assessments:edit", args=[original.link_key]))
    review = stranger.get("/assess/review/").content.decode()
    assert "editing a copy of a report someone shared with you" in review
    post_step(stranger, "company", {"company_name": "Stranger Ltd", "headcount": "11-50"})
    stranger.get("/assess/review/")
    post_step(stranger, "review", {})
    copy = _newest_other_than(original)
    assert copy.copied_from == original and copy.predecessor is None
    assert list(Assessment.objects.lineage(original)) == [original]
    original.refresh_from_db()
    assert original.answers["company_name"] == "Acme Analytics"


def test_a_strangers_deep_dive_is_a_copy_of_their_own(client):
    complete_wizard(client, {"practices1": practice_answers()["practices1"]})
    original = Assessment.objects.get()
    stranger = Client()
    url = reverse("assessments:deep_dive", args=[original.link_key, "iso27001"])
    page = stranger.get(url)
    assert "your own copy of the report" in page.content.decode()
    index = next(i for i, c in enumerate(page.context["form"].controls) if c["ref"] == "A.5.1")
    stranger.post(url, {f"s_{index}": "met", f"n_{index}": "Policies signed"})
    copy = _newest_other_than(original)
    assert copy.copied_from == original
    assert copy.answers["control_overrides"]["iso27001:A.5.1"]["status"] == "met"
    assert list(Assessment.objects.lineage(original)) == [original]


def test_a_signed_in_strangers_copy_belongs_to_them_not_to_the_owner(django_user_model):
    owner, other = _user(django_user_model), _user(django_user_model, "vciso@example.com")
    original = assessment_create(owner=owner)
    client_signed_in(other).post(reverse("assessments:recalculate", args=[original.link_key]))
    copy = _newest_other_than(original)
    assert copy.owner == other and copy.copied_from == original
    assert Assessment.objects.filter(owner=owner).count() == 1


def test_the_owners_new_versions_join_the_chain_and_keep_its_owner(django_user_model):
    owner = _user(django_user_model)
    first = assessment_create(owner=owner)
    browser = client_signed_in(owner)
    browser.post(reverse("assessments:recalculate", args=[first.link_key]))
    second = _newest_other_than(first)
    assert second.predecessor == first and second.chain_id == first.chain_id
    assert second.owner == owner and second.copied_from is None


def test_a_session_owner_keeps_ownership_of_what_it_made(client):
    first, second = _owned_chain(client, versions=2)
    assert second.predecessor == first and second.owner is None
    assert set(client.session[OWNED_KEY]) == {str(first.pk), str(second.pk)}


def test_the_version_list_shows_every_version_of_the_chain_paginated(client):
    first = assessment_create()
    chain = [first]
    for _ in range(24):
        chain.append(assessment_create(answers_us_saas(), predecessor=chain[-1]))
    newest, oldest = chain[-1], chain[0]
    page_one = client.get(newest.get_absolute_url()).content.decode()
    assert "Versions" in page_one and "(25, newest first)" in page_one
    assert sum(v.get_absolute_url() in page_one for v in chain) == 20
    assert oldest.get_absolute_url() not in page_one and "Page 1 of 2" in page_one
    page_two = client.get(newest.get_absolute_url() + "?versions=2").content.decode()
    assert oldest.get_absolute_url() in page_two and "Page 2 of 2" in page_two
    # Opened without a page number, an old version shows the page it is on.
    own_page = client.get(oldest.get_absolute_url()).content.decode()
    assert "This version" in own_page and "Page 2 of 2" in own_page


def test_strangers_cannot_push_the_owners_versions_out_of_the_list(client):
    first, second = _owned_chain(client, versions=2)
    for _ in range(25):
        Client().post(reverse("assessments:recalculate", args=[first.link_key]))
    page = client.get(first.get_absolute_url()).content.decode()
    assert second.get_absolute_url() in page and "(2, newest first)" in page


def test_revoking_gives_404_on_every_old_link_of_the_chain_and_the_owner_keeps_access(client):
    first, second = _owned_chain(client, versions=2)
    old = {
        "report": first.get_absolute_url(),
        "other version": second.get_absolute_url(),
        "pdf": reverse("assessments:report_pdf", args=[second.link_key]),
        "soa": reverse("assessments:soa", args=[second.link_key]),
        "edit": reverse("assessments:edit", args=[second.link_key]),
        "compare": reverse("assessments:compare", args=[second.link_key, first.link_key]),
        "deep dive": reverse("assessments:deep_dive", args=[second.link_key, "soc2"]),
    }
    holder = Client()
    assert holder.get(old["report"]).status_code == 200
    response = client.post(reverse("assessments:revoke", args=[second.link_key]))
    second.refresh_from_db()
    first.refresh_from_db()
    assert response["Location"] == second.get_absolute_url() != old["other version"]
    page = client.get(second.get_absolute_url()).content.decode()
    assert "The old links stopped working" in page
    assert first.get_absolute_url() in page  # the other version's new link
    for name, url in old.items():
        assert holder.get(url).status_code == 404, name
        assert client.get(url).status_code == 404, name
    assert client.post(reverse("assessments:delete", args=[first.link_key])).status_code == 302


def test_a_revoked_link_gives_the_page_not_found_with_a_hint(client):
    original = _owned_chain(client)[0]
    old = original.get_absolute_url()
    client.post(reverse("assessments:revoke", args=[original.link_key]))
    response = Client().get(old)
    assert response.status_code == 404
    assert "its owner replaced the link" in response.content.decode()


def test_a_stranger_cannot_revoke_or_delete(client):
    original = _owned_chain(client)[0]
    stranger = Client()
    key = original.link_key
    revoke = stranger.post(reverse("assessments:revoke", args=[key]))
    delete = stranger.post(reverse("assessments:delete", args=[key]))
    delete_all = stranger.post(reverse("assessments:chain_delete", args=[key]))
    assert revoke.status_code == delete.status_code == delete_all.status_code == 403
    assert "Only the owner of this report can replace its links" in revoke.content.decode()
    original.refresh_from_db()
    assert original.link_key == key


def test_confirmation_pages_change_nothing_until_they_are_posted(client):
    first, second = _owned_chain(client, versions=2)
    for name in ("revoke", "delete", "chain_delete"):
        page = client.get(reverse(f"assessments:{name}", args=[second.link_key]))
        assert page.status_code == 200 and 'method="post"' in page.content.decode()
    second.refresh_from_db()
    assert second.link_key == second.pk and Assessment.objects.count() == 2


def test_the_owner_can_delete_a_whole_chain(client):
    first, second = _owned_chain(client, versions=2)
    other = _owned_chain(client)[0]
    confirm = client.get(reverse("assessments:chain_delete", args=[first.link_key]))
    assert "all 2 versions" in confirm.content.decode()
    response = client.post(reverse("assessments:chain_delete", args=[first.link_key]))
    assert response["Location"] == reverse("assessments:workspace")
    assert list(Assessment.objects.all()) == [other]
    assert client.session[OWNED_KEY] == [str(other.pk)]


def test_session_ownership_does_not_extend_to_an_accounts_assessment(django_user_model):
    owner = _user(django_user_model)
    assessment = assessment_create(owner=owner)
    browser = Client()
    client_owns(browser, assessment)  # say, left over in a shared browser
    assert (
        browser.post(reverse("assessments:delete", args=[assessment.link_key])).status_code == 403
    )
    assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_signing_out_ends_the_browsers_ownership(client, django_user_model):
    owner = _user(django_user_model)
    client.force_login(owner)
    assessment = _owned_chain(client)[0]
    assert assessment.owner == owner
    client.post(reverse("account_logout"))
    assert client.post(reverse("assessments:delete", args=[assessment.link_key])).status_code == 403


def test_after_revoking_no_kept_rendering_links_the_old_key(
    client, django_capture_on_commit_callbacks
):
    original = _owned_chain(client)[0]
    old_key = str(original.link_key)
    assert old_key in client.get(original.get_absolute_url()).content.decode()  # now kept
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("assessments:revoke", args=[original.link_key]))
    original.refresh_from_db()
    page = client.get(original.get_absolute_url()).content.decode()
    assert str(original.link_key) in page
    assert old_key not in page  # the deep dive and SoA links follow the new key

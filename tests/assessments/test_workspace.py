"""My assessments: each chain once by its newest version, searchable, paginated, and the same
number of queries however many rows there are."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment
from tests.factories import (
    answers_eu_supplier,
    answers_us_saas,
    assessment_create,
    client_owns,
    client_signed_in,
)

pytestmark = pytest.mark.django_db
URL = "/my-assessments/"


@pytest.fixture
def cto(django_user_model):
    return django_user_model.objects.create_user("cto", email="cto@example.com", password="x")


def _bulk_chains(template: Assessment, *, owner, chains: int, versions: int) -> None:
    """Many chains quickly: rows copied from one real assessment, each company named apart."""
    now = timezone.now()
    rows = []
    for c in range(chains):
        root = None
        for _ in range(versions):
            row = Assessment(
                answers={**template.answers, "company_name": f"Client {c:03d}"},
                result=template.result,
                reference_version=template.reference_version,
                engine_version=template.engine_version,
                owner=owner,
            )
            row.link_key = row.id
            row.chain_id = root.id if root else row.id
            row.predecessor = root
            rows.append(row)
            root = root or row
    Assessment.objects.bulk_create(rows)
    # created_at is set on insert; spread it so the newest version of each chain is clear.
    for n, row in enumerate(rows):
        Assessment.objects.filter(pk=row.pk).update(created_at=now - datetime.timedelta(minutes=n))


def test_each_chain_appears_once_with_its_newest_version(cto):
    first = assessment_create(owner=cto)
    second = assessment_create(answers_eu_supplier(), predecessor=first, owner=cto)
    other = assessment_create(answers_us_saas(company_name="Other Co"), owner=cto)
    page = client_signed_in(cto).get(URL)
    rows = page.context["page"].object_list
    assert [r.pk for r in rows] == [other.pk, second.pk]
    newest = rows[1]
    assert newest.company == "Rheinwerk Systems GmbH" and newest.versions == 2
    assert newest.verdict_name and newest.previous_key == first.link_key
    body = page.content.decode()
    assert second.get_absolute_url() in body and first.get_absolute_url() not in body
    assert reverse("assessments:compare", args=[second.link_key, first.link_key]) in body
    assert reverse("assessments:chain_delete", args=[second.link_key]) in body


def test_only_the_visitors_own_assessments_are_listed(cto, django_user_model):
    other_user = django_user_model.objects.create_user("x", email="x@example.com", password="x")
    assessment_create(answers_us_saas(company_name="Mine"), owner=cto)
    assessment_create(answers_us_saas(company_name="Theirs"), owner=other_user)
    assessment_create(answers_us_saas(company_name="Anonymous"))
    body = client_signed_in(cto).get(URL).content.decode()
    assert "Mine" in body and "Theirs" not in body and "Anonymous" not in body


def test_an_anonymous_browser_sees_what_it_made_and_is_offered_an_account(client):
    made_here = assessment_create(answers_us_saas(company_name="Made Here"))
    assessment_create(answers_us_saas(company_name="Made Elsewhere"))
    client_owns(client, made_here)
    body = client.get(URL).content.decode()
    assert "Made Here" in body and "Made Elsewhere" not in body
    assert "Create an account" in body


def test_search_by_company_name(cto):
    assessment_create(answers_us_saas(company_name="Acme Analytics"), owner=cto)
    assessment_create(answers_us_saas(company_name="Globex"), owner=cto)
    browser = client_signed_in(cto)
    found = browser.get(URL, {"q": "acme"}).content.decode()
    assert "Acme Analytics" in found and "Globex" not in found
    nothing = browser.get(URL, {"q": "<b>zzz</b>"}).content.decode()
    assert "No assessment for a company whose name contains" in nothing
    assert "<b>zzz</b>" not in nothing and "&lt;b&gt;zzz&lt;/b&gt;" in nothing


def test_the_workspace_is_paginated(cto):
    _bulk_chains(assessment_create(owner=cto), owner=cto, chains=44, versions=1)
    browser = client_signed_in(cto)
    first = browser.get(URL)
    assert len(first.context["page"].object_list) == 20 and "Page 1 of 3" in first.content.decode()
    last = browser.get(URL, {"page": 3})
    assert len(last.context["page"].object_list) == 5
    assert browser.get(URL, {"page": "junk"}).status_code == 200


def test_queries_stay_the_same_with_hundreds_of_rows(cto, django_assert_num_queries):
    template = assessment_create(owner=cto)
    browser = client_signed_in(cto)
    browser.get(URL)  # the session and the user are read the same way each time
    with django_assert_num_queries(4):  # session, user, count, page
        small = browser.get(URL)
    assert len(small.context["page"].object_list) == 1
    _bulk_chains(template, owner=cto, chains=150, versions=3)
    with django_assert_num_queries(4):
        large = browser.get(URL)
    rows = large.context["page"].object_list
    assert large.context["page"].paginator.count == 151
    assert sorted(r.versions for r in rows) == [1] + [3] * 19  # the template's chain, and 19
    with django_assert_num_queries(4):
        browser.get(URL, {"q": "Client 1", "page": 2})


def test_the_report_version_list_queries_stay_the_same_however_long_the_chain(
    client, django_assert_num_queries
):
    first = assessment_create()
    client.get(first.get_absolute_url())
    with django_assert_num_queries(1):  # the assessment with the size of its chain
        client.get(first.get_absolute_url())
    chain = [first]
    for _ in range(30):
        chain.append(assessment_create(predecessor=chain[-1]))
    client.get(chain[5].get_absolute_url())
    # ... then the count of versions, where this version is, and its page of the list
    with django_assert_num_queries(4):
        client.get(chain[5].get_absolute_url())

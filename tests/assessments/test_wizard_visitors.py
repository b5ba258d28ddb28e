"""Blank wizard forms are kept per process; what one visitor typed never leaks into another's
wizard, and a question or scheme edited in the admin shows on the next page."""

import pytest
from django.test import Client

from assessments.selectors import readiness_questions_load
from assessments.wizard.steps import practice_pages
from frameworks.models import AdjacentScheme, ReadinessQuestion
from tests.assessments.wizard_helpers import VALID, post_step, practice_answers, step_url

pytestmark = pytest.mark.django_db


def _walk_to(client, stop: str) -> None:
    client.get(step_url("company"))
    for step in ("company", "customers", "regions", "demands", "budget", "current"):
        if step == stop:
            return
        post_step(client, step, VALID[step])


def _walk_to_practices(client) -> None:
    _walk_to(client, "practices1")


def test_a_question_edited_in_the_admin_shows_on_the_next_blank_page():
    first_visitor = Client()
    _walk_to_practices(first_visitor)
    question_key = practice_pages(readiness_questions_load())["practices1"][0].key
    question = ReadinessQuestion.objects.get(key=question_key)
    assert question.text in first_visitor.get(step_url("practices1")).content.decode()

    question.text = "Is there a written, approved information security policy (edited)?"
    question.save()
    second_visitor = Client()
    _walk_to_practices(second_visitor)
    assert question.text in second_visitor.get(step_url("practices1")).content.decode()


def test_a_scheme_renamed_in_the_admin_shows_on_the_next_blank_demands_page():
    scheme = AdjacentScheme.objects.order_by("name").first()
    first_visitor = Client()
    _walk_to(first_visitor, "demands")
    assert scheme.name in first_visitor.get(step_url("demands")).content.decode()

    scheme.name = "Renamed Assurance Scheme"
    scheme.save()
    second_visitor = Client()
    _walk_to(second_visitor, "demands")
    page = second_visitor.get(step_url("demands")).content.decode()
    assert "If Renamed Assurance Scheme is demanded" in page


def test_a_blank_step_is_the_same_for_the_next_visitor():
    first = Client().get(step_url("company")).content.decode()
    second = Client().get(step_url("company")).content.decode()
    assert 'name="company-company_name"' in second
    assert second.count('name="company-') == first.count('name="company-')


def test_a_blank_step_seen_by_someone_else_still_shows_this_visitors_answers(client):
    Client().get(step_url("company"))  # another visitor sees the blank company form first
    client.get(step_url("company"))
    post_step(client, "company", {**VALID["company"], "company_name": "Zebra Metrics"})
    page = client.get(step_url("company")).content.decode()
    assert 'value="Zebra Metrics"' in page


def test_field_errors_show_after_another_visitor_saw_the_blank_form(client):
    Client().get(step_url("company"))
    client.get(step_url("company"))
    response = post_step(client, "company", {**VALID["company"], "headcount": ""})
    assert "is-invalid" in response.content.decode()


def test_a_kept_blank_page_of_questions_still_offers_not_applicable_only_where_it_may_be():
    # A company holding personal data may not call its privacy notice "not applicable"; one
    # that holds none may. Each sees its own page, whoever saw a blank one first.
    holds_personal, holds_none = Client(), Client()
    for visitor, data_types in ((holds_personal, ["personal"]), (holds_none, ["confidential"])):
        visitor.get(step_url("company"))
        post_step(visitor, "company", {**VALID["company"], "data_types": data_types})
        for name in ("customers", "regions", "demands", "budget", "current"):
            post_step(visitor, name, VALID[name])
        post_step(visitor, "practices1", practice_answers()["practices1"])
    note = 'note_privacy_notice_current"'
    first = holds_personal.get(step_url("practices2")).content.decode()
    again = holds_personal.get(step_url("practices2")).content.decode()
    assert note not in first and note not in again
    assert note in holds_none.get(step_url("practices2")).content.decode()

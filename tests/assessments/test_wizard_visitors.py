"""Blank wizard forms are drawn once per process and reused; what one visitor typed never leaks
into another's wizard, a question edited in the admin shows on the next page, and the session is
written only when the wizard state changes."""

import pytest
from django.test import Client

from assessments.selectors import readiness_questions_load
from assessments.wizard.steps import practice_pages
from frameworks.models import ReadinessQuestion
from tests.assessments.wizard_helpers import VALID, post_step, step_url

pytestmark = pytest.mark.django_db


def _walk_to_practices(client) -> None:
    client.get(step_url("company"))
    for step in ("company", "customers", "regions", "budget", "current"):
        post_step(client, step, VALID[step])


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


def test_a_blank_step_is_drawn_once_and_reused_for_the_next_visitor(monkeypatch):
    from crispy_forms.templatetags import crispy_forms_tags

    first = Client().get(step_url("company")).content.decode()

    def no_drawing(*_args, **_kwargs):
        raise AssertionError("the blank form was drawn again")

    monkeypatch.setattr(crispy_forms_tags.BasicNode, "get_render", no_drawing)
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


def test_viewing_a_step_again_does_not_rewrite_the_session(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(step_url("company"))
    post_step(client, "company", VALID["company"])
    client.get(step_url("customers"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(step_url("customers"))
    assert page.status_code == 200
    writes = [
        q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]
    ]
    assert writes == []
    # The answers are still there, and moving on is still saved.
    assert 'value="Acme Analytics"' in client.get(step_url("company")).content.decode()

import pytest
from django.urls import reverse

from assessments.selectors import readiness_questions_load
from frameworks.models import Control, ReadinessQuestion

pytestmark = pytest.mark.django_db

# A reader takes in about 200 words a minute and needs a few seconds to choose an answer.
WORDS_PER_MINUTE = 200
SECONDS_PER_ANSWER = 8
PRACTICE_PAGES_MINUTES = 10


def test_the_bank_has_wizard_questions_and_optional_ones_each_with_its_texts():
    questions = list(ReadinessQuestion.objects.all())
    wizard = [q for q in questions if not q.optional]
    assert 25 <= len(wizard) <= 35 and len(questions) - len(wizard) >= 10
    for q in questions:
        assert q.text.endswith("?") and q.help_text.strip() and q.auditor_evidence.strip(), q.key
        assert q.title and not q.title.endswith("?"), q.key


def test_the_wizard_pages_take_under_ten_minutes_to_answer():
    wizard = ReadinessQuestion.objects.filter(optional=False)
    words = sum(len(q.text.split()) for q in wizard)
    minutes = words / WORDS_PER_MINUTE + len(wizard) * SECONDS_PER_ANSWER / 60
    assert minutes < PRACTICE_PAGES_MINUTES


def test_every_question_maps_to_both_frameworks_or_says_why_not():
    for q in ReadinessQuestion.objects.prefetch_related("controls__framework"):
        frameworks = {c.framework.code for c in q.controls.all()}
        assert frameworks == {"soc2", "iso27001"} or q.single_framework_reason.strip(), q.key


def test_every_criterion_and_every_iso_requirement_has_a_question_in_the_database():
    covered = set(
        Control.objects.filter(questions__isnull=False).values_list("framework__code", "ref")
    )
    headings = {"4", "5", "6", "6.1", "7", "7.5", "8", "9", "9.2", "9.3", "10"}
    required = {
        (code, ref)
        for code, ref, kind in Control.objects.values_list("framework__code", "ref", "kind")
        if not (kind == "clause" and ref in headings)
    }
    assert len(required) == 61 + 123
    assert required - covered == set()


def test_questions_are_edited_in_the_admin_with_history(staff_client):
    question = ReadinessQuestion.objects.get(key="access_reviews_periodic")
    url = reverse("admin:frameworks_readinessquestion_change", args=[question.pk])
    assert staff_client.get(url).status_code == 200
    data = {
        "title": "Quarterly access reviews",
        "topic": question.topic,
        "position": question.position,
        "text": question.text,
        "help_text": question.help_text,
        "auditor_evidence": "Each quarter's signed review and the removals it led to.",
        "effort": 1,
        "priority": 3,
        "controls": [c.pk for c in question.controls.all()],
        "single_framework_reason": "",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    info = next(q for q in readiness_questions_load() if q.key == question.key)
    assert info.title == "Quarterly access reviews"
    assert info.auditor_evidence.startswith("Each quarter's signed review")
    assert question.history.count() == 2
    history = staff_client.get(
        reverse("admin:frameworks_readinessquestion_history", args=[question.pk])
    )
    assert history.status_code == 200


def test_the_admin_refuses_evidence_that_only_repeats_what_done_means(staff_client):
    question = ReadinessQuestion.objects.get(key="mfa_enforced")
    url = reverse("admin:frameworks_readinessquestion_change", args=[question.pk])
    data = {
        "title": question.title,
        "topic": question.topic,
        "position": question.position,
        "text": question.text,
        "help_text": question.help_text,
        "auditor_evidence": question.help_text,
        "effort": question.effort,
        "controls": [c.pk for c in question.controls.all()],
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "auditor_evidence" in response.context["adminform"].form.errors
    question.refresh_from_db()
    assert question.auditor_evidence != question.help_text

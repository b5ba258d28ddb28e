import pytest

from frameworks.models import Control, ReadinessQuestion

pytestmark = pytest.mark.django_db


def test_there_are_20_to_30_questions_with_help_text():
    questions = list(ReadinessQuestion.objects.all())
    assert 20 <= len(questions) <= 30
    assert all(q.text.endswith("?") and q.help_text.strip() for q in questions)


def test_every_question_maps_to_both_frameworks_or_says_why_not():
    for q in ReadinessQuestion.objects.prefetch_related("controls__framework"):
        frameworks = {c.framework.code for c in q.controls.all()}
        assert frameworks == {"soc2", "iso27001"} or q.single_framework_reason.strip(), q.key


def test_questions_cover_every_cc_series_every_theme_and_clauses_4_to_10():
    covered = Control.objects.filter(questions__isnull=False).select_related("group").distinct()
    series = {c.group.code for c in covered if c.framework.code == "soc2"}
    assert {f"CC{n}" for n in range(1, 10)} <= series
    themes = {c.group.code for c in covered if c.kind == "annex_a"}
    assert themes == {"Organizational", "People", "Physical", "Technological"}
    clauses = {c.ref.split(".")[0] for c in covered if c.kind == "clause"}
    assert clauses == {str(n) for n in range(4, 11)}


def test_questions_are_edited_in_the_admin_with_history(staff_client):
    from django.urls import reverse

    question = ReadinessQuestion.objects.first()
    response = staff_client.get(
        reverse("admin:frameworks_readinessquestion_change", args=[question.pk])
    )
    assert response.status_code == 200
    history = staff_client.get(
        reverse("admin:frameworks_readinessquestion_history", args=[question.pk])
    )
    assert history.status_code == 200

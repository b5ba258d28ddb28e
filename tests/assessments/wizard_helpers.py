"""Posting real wizard steps through the Django test client."""

from __future__ import annotations

import datetime

from django.urls import reverse

from assessments.selectors import readiness_questions_load
from tests.assessments.wizard_answers import VALID

PREFIX = "assessment_wizard"


def step_url(step: str) -> str:
    return reverse("assessments:wizard_step", kwargs={"step": step})


def post_step(client, step: str, data: dict, **extra):
    payload = {f"{PREFIX}-current_step": step}
    for key, value in data.items():
        payload[f"{step}-{key}"] = value
    payload.update(extra)
    return client.post(step_url(step), payload)


def practice_answers(level: str = "in_place") -> dict[str, dict]:
    from assessments.wizard.steps import practice_pages

    pages = practice_pages(readiness_questions_load())
    return {step: {f"q_{q.key}": level for q in page} for step, page in pages.items()}


def complete_wizard(client, overrides: dict | None = None, level: str = "in_place"):
    """Walk every step with valid answers and submit; returns the final response."""
    steps = {**VALID, **practice_answers(level)}
    for step, data in (overrides or {}).items():
        steps[step] = {**steps.get(step, {}), **data}
    client.get(reverse("assessments:wizard_start"))
    for step, data in steps.items():
        response = post_step(client, step, data)
        assert response.status_code == 302, (
            step,
            response.context and response.context["form"].errors,
        )
    return post_step(client, "review", {})


def future(days: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()

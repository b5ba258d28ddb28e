"""Queries and in-process time per request, through the Django test client: where each
request's cost comes from before any network or server is involved."""

from __future__ import annotations

import time

from bench.stats import median, table

ROUNDS = 5


def _measure(client, method: str, url: str, data=None) -> tuple[int, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        response.getvalue()  # a streamed body (the PDF's file) is read as a browser would
        elapsed = time.perf_counter() - start
    return len(queries), elapsed, response.status_code


def _wizard_rows(client) -> list[list[str]]:
    from tests.assessments.wizard_helpers import PREFIX, VALID, practice_answers, step_url

    answers = {**VALID, **practice_answers("partly"), "review": {}}
    rows = []
    client.get("/assess/?reset")
    for step, data in answers.items():
        n_get, t_get, s_get = _measure(client, "get", step_url(step))
        payload = {f"{PREFIX}-current_step": step, **{f"{step}-{k}": v for k, v in data.items()}}
        n_post, t_post, s_post = _measure(client, "post", step_url(step), payload)
        rows.append([f"GET /assess/{step}/", str(n_get), f"{t_get * 1000:.1f}", str(s_get)])
        rows.append([f"POST /assess/{step}/", str(n_post), f"{t_post * 1000:.1f}", str(s_post)])
    return rows


def run() -> list[str]:
    from django.test import Client, override_settings

    from assessments.services import assessment_submit
    from bench.seed import bench_answers

    print("== Queries per request (test Client, SQLite, in-process) ==", flush=True)
    client = Client()
    with override_settings(CERTPATH_PDF_AFTER_SAVE=False):  # no task worker runs here
        assessment = assessment_submit(answers=bench_answers(1))
    report = assessment.get_absolute_url()
    # The render task runs here, as the worker would run it, so the next downloads find the file.
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):
        client.get(f"{report}report.pdf")
    rows = []
    for name, url in (
        ("GET /healthz (floor)", "/healthz"),
        ("GET / (landing)", "/"),
        ("GET report", report),
        ("GET report.pdf (cached)", f"{report}report.pdf"),
    ):
        client.get(url)
        runs = [_measure(client, "get", url) for _ in range(ROUNDS)]
        rows.append(
            [name, str(runs[-1][0]), f"{median([r[1] for r in runs]) * 1000:.1f}", str(runs[-1][2])]
        )
    rows += _wizard_rows(Client())
    text = table(["request", "queries", "ms", "status"], rows)
    print(text, flush=True)
    return text.splitlines()


if __name__ == "__main__":
    from bench.django_env import django_on_sqlite

    with django_on_sqlite():
        run()

"""Only the task worker renders a PDF: right after each save, or when a download finds none.
A download streams the kept file or says the PDF is being prepared; a render lost with its
worker is queued again by the next download."""

import multiprocessing
import os
import subprocess
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from assessments import tasks
from assessments.models import Assessment, PdfStatus, RenderedPdf
from assessments.report import pdf
from assessments.tasks import assessment_pdf_render
from tests.assessments.wizard_helpers import complete_wizard
from tests.factories import answers_eu_supplier, assessment_create

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Tasks are only recorded: nothing runs them until the test plays the worker.
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def after_save(settings):
    settings.CERTPATH_PDF_AFTER_SAVE = True
    return settings


def _no_render(_html, **_kwargs):
    raise AssertionError("rendered again")


def _download(client, assessment, size=None):
    url = reverse("assessments:report_pdf", args=[assessment.link_key])
    return client.get(url, {"size": size} if size else {})


def _is_preparing(response) -> bool:
    """The download's answer while the worker prepares the PDF: come back in a moment."""
    body = response.content.decode()
    return (
        response.status_code == 202
        and response["Retry-After"] == "1"
        and '<meta http-equiv="refresh" content="1">' in body
        and "Your PDF is being prepared" in body
        and response["Cache-Control"] == "private, no-store"
    )


def _run_worker() -> None:
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


def _queued_tasks() -> list:
    return task_backends["default"].results


def test_the_first_download_after_the_wizard_is_already_rendered(
    client, after_save, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete_wizard(client)
    assessment = Assessment.objects.get()
    monkeypatch.setattr(tasks, "html_to_pdf", _no_render)
    response = _download(client, assessment)
    assert response.status_code == 200
    assert response.getvalue().startswith(b"%PDF")


def test_the_task_renders_the_page_size_the_reader_gets_by_default(
    after_save, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        us = assessment_create()  # a US company with a dollar budget reads US Letter
        eu = assessment_create(answers_eu_supplier())
    ready = RenderedPdf.objects.filter(status=PdfStatus.READY)
    assert set(ready.values_list("assessment_id", "page_size")) == {
        (us.pk, pdf.LETTER),
        (eu.pk, pdf.A4),
    }


def test_a_download_before_any_render_queues_one_and_gets_what_the_task_made(client):
    assessment = assessment_create()  # the task after the save is off in the tests
    response = _download(client, assessment)  # the immediate backend runs the task at once
    row = RenderedPdf.objects.get(assessment=assessment)
    assert row.status == PdfStatus.READY
    with row.file.open("rb") as kept:
        assert response.getvalue() == kept.read()


def test_a_download_while_the_task_waits_is_told_to_come_back_and_queues_nothing_more(
    client, settings
):
    settings.TASKS = DUMMY_TASKS
    assessment = assessment_create()
    assert _is_preparing(_download(client, assessment))
    assert _is_preparing(_download(client, assessment))
    assert _is_preparing(_download(client, assessment))
    assert RenderedPdf.objects.get().status == PdfStatus.QUEUED
    [queued] = _queued_tasks()

    assessment_pdf_render.call(*queued.args)  # the worker takes it
    response = _download(client, assessment)
    assert response.status_code == 200 and response.getvalue().startswith(b"%PDF")
    assert len(_queued_tasks()) == 1


def test_a_task_whose_row_was_deleted_meanwhile_does_nothing(client, settings, monkeypatch):
    settings.TASKS = DUMMY_TASKS
    assessment = assessment_create()
    _download(client, assessment)
    [queued] = _queued_tasks()
    assessment.delete()
    monkeypatch.setattr(tasks, "html_to_pdf", _no_render)
    assessment_pdf_render.call(*queued.args)
    assert not RenderedPdf.objects.exists()


def test_a_task_that_lost_its_row_to_a_newer_attempt_changes_nothing(client, settings):
    settings.TASKS = DUMMY_TASKS
    assessment = assessment_create()
    _download(client, assessment)
    [first] = _queued_tasks()
    RenderedPdf.objects.update(updated_at=timezone.now() - timedelta(hours=1))
    _download(client, assessment)  # the first task counts as lost: a second one is queued
    second = _queued_tasks()[1]
    assessment_pdf_render.call(*first.args)  # the first worker turns up after all
    assert RenderedPdf.objects.get().status == PdfStatus.QUEUED
    assessment_pdf_render.call(*second.args)
    assert RenderedPdf.objects.get().status == PdfStatus.READY


def test_a_failed_render_answers_try_later_and_a_download_a_minute_on_renders_it_again(
    client, monkeypatch
):
    assessment = assessment_create()

    def fails(_html, **_kwargs):
        raise pdf.PdfRenderError("too slow")

    monkeypatch.setattr(tasks, "html_to_pdf", fails)
    response = _download(client, assessment)
    assert response.status_code == 503
    assert "could not be produced just now" in response.content.decode()
    assert RenderedPdf.objects.get().status == PdfStatus.FAILED
    monkeypatch.undo()

    assert _download(client, assessment).status_code == 503  # not straight away
    RenderedPdf.objects.update(updated_at=timezone.now() - timedelta(minutes=2))
    response = _download(client, assessment)
    assert response.status_code == 200 and response.getvalue().startswith(b"%PDF")


def test_with_the_pdf_task_off_nothing_is_queued(settings, django_capture_on_commit_callbacks):
    settings.CERTPATH_PDF_AFTER_SAVE = False
    with django_capture_on_commit_callbacks() as callbacks:
        assessment_create()
    assert callbacks == []


def test_a_render_under_way_is_left_to_its_worker(client, settings, monkeypatch):
    settings.TASKS = DUMMY_TASKS
    assessment = assessment_create()
    _download(client, assessment)
    [queued] = _queued_tasks()
    RenderedPdf.objects.update(status=PdfStatus.RENDERING)  # a worker took it a moment ago
    monkeypatch.setattr(tasks, "html_to_pdf", _no_render)
    assert _is_preparing(_download(client, assessment))
    assert len(_queued_tasks()) == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_renders_what_a_save_queued(after_save, reference_data):
    """As in production: the save queues a row, `db_worker` picks it up and keeps the PDF."""
    after_save.TASKS = DATABASE_TASKS
    assessment = assessment_create()
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"
    assert RenderedPdf.objects.get(assessment=assessment).status == PdfStatus.QUEUED
    _run_worker()
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert RenderedPdf.objects.get(assessment=assessment).status == PdfStatus.READY


@pytest.mark.django_db(transaction=True)
def test_a_task_killed_mid_render_is_retried_by_the_next_download(client, settings, reference_data):
    settings.TASKS = DATABASE_TASKS
    assessment = assessment_create()
    assert _is_preparing(_download(client, assessment))
    # A worker takes the task and the row, then dies (kill -9, out of memory) in the render:
    # django-tasks leaves the task RUNNING and the row says rendering, for ever.
    lost = DBTaskResult.objects.get()
    lost.claim("a-worker-that-was-killed")
    row = RenderedPdf.objects.get()
    RenderedPdf.objects.filter(pk=row.pk).update(status=PdfStatus.RENDERING)
    assert _is_preparing(_download(client, assessment))  # it may still be rendering
    assert DBTaskResult.objects.count() == 1

    overdue = timedelta(seconds=pdf.render_timeout()) + tasks.RENDER_MARGIN
    RenderedPdf.objects.update(updated_at=timezone.now() - overdue - timedelta(seconds=1))
    assert _is_preparing(_download(client, assessment))
    lost.refresh_from_db()
    assert lost.status == "FAILED" and lost.exception_class_path.endswith("PdfWorkerLost")
    retry = DBTaskResult.objects.exclude(pk=lost.pk).get()
    assert retry.status == "READY"
    assert RenderedPdf.objects.get().status == PdfStatus.QUEUED

    _run_worker()
    retry.refresh_from_db()
    assert retry.status == "SUCCESSFUL"
    response = _download(client, assessment)
    assert response.status_code == 200 and response.getvalue().startswith(b"%PDF")


def _no_process(*_args, **_kwargs):
    raise AssertionError("a web request started a process")


@pytest.mark.django_db(transaction=True)
def test_a_download_never_starts_a_process_and_the_pdf_still_arrives_through_the_worker(
    client, settings, reference_data, monkeypatch
):
    """Whatever happens to a web worker, no render of its own survives it: it never has one."""
    settings.TASKS = DATABASE_TASKS
    assessment = assessment_create()
    with monkeypatch.context() as web:
        for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp"):
            web.setattr(os, name, _no_process)
        web.setattr(subprocess, "Popen", _no_process)
        web.setattr(multiprocessing.process.BaseProcess, "start", _no_process)
        assert _is_preparing(_download(client, assessment))
        assert _is_preparing(_download(client, assessment, size="a4"))
    _run_worker()
    for size in (None, "a4"):
        response = _download(client, assessment, size=size)
        assert response.status_code == 200 and response.getvalue().startswith(b"%PDF")

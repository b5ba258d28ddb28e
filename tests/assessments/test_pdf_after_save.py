"""Each new assessment's PDF is rendered by a background task right after it is saved, so the
first download is served from the kept copy; a download that comes first still works."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Assessment
from assessments.report import pdf, rendered
from assessments.tasks import assessment_pdf_render
from tests.assessments.wizard_helpers import complete_wizard
from tests.factories import answers_eu_supplier, assessment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def after_save(settings):
    settings.CERTPATH_PDF_AFTER_SAVE = True
    return settings


def _no_render(_html, **_kwargs):
    raise AssertionError("the download rendered the PDF itself")


def _download(client, assessment, size=None):
    url = reverse("assessments:report_pdf", args=[assessment.link_key])
    return client.get(url, {"size": size} if size else {})


def test_the_first_download_after_the_wizard_is_already_rendered(
    client, after_save, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete_wizard(client)
    assessment = Assessment.objects.get()
    monkeypatch.setattr(pdf, "html_to_pdf", _no_render)
    response = _download(client, assessment)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_task_renders_the_page_size_the_reader_gets_by_default(
    after_save, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        us = assessment_create()  # a US company with a dollar budget reads US Letter
        eu = assessment_create(answers_eu_supplier())
    assert rendered.pdf_kept(us.pk, pdf.LETTER) is not None
    assert rendered.pdf_kept(us.pk, pdf.A4) is None
    assert rendered.pdf_kept(eu.pk, pdf.A4) is not None


def test_a_download_before_the_task_has_run_renders_the_pdf_itself(client, after_save):
    assessment = assessment_create()  # not committed yet, so the task has not run
    assert rendered.pdf_kept(assessment.pk, pdf.LETTER) is None
    response = _download(client, assessment)
    assert response.content.startswith(b"%PDF")
    assert rendered.pdf_kept(assessment.pk, pdf.LETTER) == response.content


def test_a_task_for_an_assessment_deleted_in_the_meantime_does_nothing(monkeypatch):
    assessment = assessment_create()
    pk = assessment.pk
    assessment.delete()
    monkeypatch.setattr(pdf, "html_to_pdf", _no_render)
    assessment_pdf_render.call(str(pk))
    assert rendered.pdf_kept(pk, pdf.LETTER) is None


def test_a_failed_render_in_the_task_leaves_the_download_to_try_again(client, monkeypatch):
    assessment = assessment_create()

    def fails(_html, **_kwargs):
        raise pdf.PdfRenderError("too slow")

    monkeypatch.setattr(pdf, "html_to_pdf", fails)
    assessment_pdf_render.call(str(assessment.pk))  # logs, does not raise
    monkeypatch.undo()
    assert _download(client, assessment).content.startswith(b"%PDF")


def test_with_the_pdf_task_off_nothing_is_queued(settings, django_capture_on_commit_callbacks):
    settings.CERTPATH_PDF_AFTER_SAVE = False
    with django_capture_on_commit_callbacks() as callbacks:
        assessment_create()
    assert callbacks == []


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_renders_what_a_save_queued(after_save, reference_data):
    """As in production: the save queues a row, `db_worker` picks it up and keeps the PDF."""
    from django_tasks_db.models import DBTaskResult

    after_save.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assessment = assessment_create()
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"
    assert rendered.pdf_kept(assessment.pk, pdf.LETTER) is None
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert rendered.pdf_kept(assessment.pk, pdf.LETTER) is not None


def _is_preparing(response) -> bool:
    """The download's answer while another process prepares the PDF: come back in a moment."""
    body = response.content.decode()
    return (
        response.status_code == 202
        and response["Retry-After"] == "1"
        and '<meta http-equiv="refresh" content="1">' in body
        and "Your PDF is being prepared" in body
        and response["Cache-Control"] == "private, no-store"
    )


def test_a_download_during_another_render_is_told_to_come_back_and_then_gets_that_copy(
    client, monkeypatch
):
    assessment = assessment_create()
    assert rendered.pdf_claim(assessment.pk, pdf.LETTER, seconds=30)  # the task renders it now
    monkeypatch.setattr(pdf, "html_to_pdf", _no_render)
    assert _is_preparing(_download(client, assessment))
    rendered.pdf_keep(assessment.pk, pdf.LETTER, b"%PDF-1.7 rendered by the task")
    rendered.pdf_release(assessment.pk, pdf.LETTER)
    assert _download(client, assessment).content == b"%PDF-1.7 rendered by the task"


def test_a_download_renders_itself_when_the_other_render_ended_without_a_pdf(client):
    assessment = assessment_create()
    assert rendered.pdf_claim(assessment.pk, pdf.LETTER, seconds=30)
    rendered.pdf_release(assessment.pk, pdf.LETTER)  # that render failed
    response = _download(client, assessment)
    assert response.content.startswith(b"%PDF")
    assert rendered.pdf_kept(assessment.pk, pdf.LETTER) == response.content


def test_a_render_gives_up_its_claim_when_it_fails(monkeypatch):
    assessment = assessment_create()

    def fails(_html, **_kwargs):
        raise pdf.PdfRenderError("too slow")

    monkeypatch.setattr(pdf, "html_to_pdf", fails)
    with pytest.raises(pdf.PdfRenderError):
        pdf.assessment_pdf(assessment=assessment, page_size=pdf.LETTER)
    assert rendered.pdf_claim(assessment.pk, pdf.LETTER, seconds=1)  # free for the next try


def test_a_download_while_the_task_is_queued_is_left_to_the_worker(client, monkeypatch):
    assessment = assessment_create()
    rendered.pdf_queued(assessment.pk, pdf.LETTER)  # as the save does once it commits
    monkeypatch.setattr(pdf, "html_to_pdf", _no_render)
    assert _is_preparing(_download(client, assessment))
    monkeypatch.setattr(pdf, "html_to_pdf", lambda _html, **_kw: b"%PDF-1.7 from the worker")
    assessment_pdf_render.call(str(assessment.pk))
    assert _download(client, assessment).content == b"%PDF-1.7 from the worker"


def test_a_queued_pdf_stays_with_a_busy_worker_however_long_its_queue(client, monkeypatch):
    monkeypatch.setattr(rendered, "QUEUED_GRACE_SECONDS", 0)
    assessment = assessment_create()
    rendered.pdf_queued(assessment.pk, pdf.LETTER)
    rendered.pdf_worker_beat()  # the worker is rendering other assessments' PDFs
    monkeypatch.setattr(pdf, "html_to_pdf", _no_render)
    assert _is_preparing(_download(client, assessment))


def test_a_download_renders_itself_when_no_worker_takes_the_queued_task(client, monkeypatch):
    monkeypatch.setattr(rendered, "QUEUED_GRACE_SECONDS", 0)
    assessment = assessment_create()
    rendered.pdf_queued(assessment.pk, pdf.LETTER)
    response = _download(client, assessment)
    assert response.content.startswith(b"%PDF")


def test_a_pdf_nobody_queued_is_rendered_by_its_download_even_while_the_worker_is_busy(client):
    assessment = assessment_create()  # its task never ran, and its mark is gone
    rendered.pdf_worker_beat()
    response = _download(client, assessment, size="a4")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_task_leaves_the_pdf_to_a_download_that_is_already_rendering_it(monkeypatch):
    assessment = assessment_create()
    assert rendered.pdf_claim(assessment.pk, pdf.LETTER, seconds=30)  # a download renders it
    monkeypatch.setattr(pdf, "html_to_pdf", _no_render)
    assessment_pdf_render.call(str(assessment.pk))
    assert rendered.pdf_kept(assessment.pk, pdf.LETTER) is None

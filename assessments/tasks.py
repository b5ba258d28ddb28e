"""Background work, run by django-tasks (the database backend's `db_worker` in development and
production, the immediate backend in tests).

The board pack is the one slow rendering (about half a second), and the task worker is the only
process that renders it: right after an assessment is saved, or when a download finds no PDF
yet. Each PDF is a `RenderedPdf` row with a file in the default storage. A download streams a
ready file; otherwise it queues the render (at most once, however many downloads ask) and tells
the reader the PDF is being prepared. A render that a stopped worker left half done is queued
again by the next download once it is overdue."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from assessments.models import Assessment, PdfStatus, RenderedPdf
from assessments.report.pdf import assessment_pdf_html, html_to_pdf, page_size_for, render_timeout
from assessments.report.rendered import render_version

logger = logging.getLogger(__name__)

# A queued PDF waits for the worker however long its queue, but one queued this long ago was
# lost (its task was pruned, or the worker stopped before taking it): queue it again.
QUEUED_LIFETIME = timedelta(minutes=10)
# Time to build the HTML and store the file, on top of the render's own time limit; a render
# older than both was stopped with its worker.
RENDER_MARGIN = timedelta(seconds=30)
# A failed render is tried again by a download after this long ("try again in a minute").
FAILED_RETRY_AFTER = timedelta(minutes=1)


class PdfWorkerLost(Exception):
    """The worker stopped (killed, out of memory, restarted) while it rendered this PDF."""


def _overdue(pdf: RenderedPdf) -> bool:
    age = timezone.now() - pdf.updated_at
    if pdf.status == PdfStatus.QUEUED:
        return age > QUEUED_LIFETIME
    if pdf.status == PdfStatus.RENDERING:
        return age > timedelta(seconds=render_timeout()) + RENDER_MARGIN
    if pdf.status == PdfStatus.FAILED:
        return age > FAILED_RETRY_AFTER
    return False


def _queue(pdf: RenderedPdf) -> None:
    """Hand the row to a new task. The caller has just given it a fresh attempt token."""
    result = assessment_pdf_render.enqueue(pdf.pk, str(pdf.attempt))
    RenderedPdf.objects.filter(pk=pdf.pk, attempt=pdf.attempt).update(task_id=str(result.id))


def _requeue(pdf: RenderedPdf, *, why: str) -> bool:
    """Queue the row's render again, unless another download did so first (the update only
    matches the attempt this process saw). A task its worker left RUNNING is marked failed."""
    lost_task = pdf.task_id if pdf.status == PdfStatus.RENDERING else ""
    attempt = uuid.uuid4()
    with transaction.atomic():
        taken = RenderedPdf.objects.filter(
            pk=pdf.pk, attempt=pdf.attempt, status=pdf.status
        ).update(status=PdfStatus.QUEUED, attempt=attempt, file="", updated_at=timezone.now())
        if not taken:
            return False
        pdf.status, pdf.attempt, pdf.file.name = PdfStatus.QUEUED, attempt, ""
        _queue(pdf)
    if lost_task:
        _task_lost(lost_task, pdf)
    logger.warning("pdf queued again id=%s size=%s: %s", pdf.assessment_id, pdf.page_size, why)
    return True


def _task_lost(task_id: str, pdf: RenderedPdf) -> None:
    """django-tasks leaves the task of a worker that was killed RUNNING for ever: record it as
    failed. (Only the database backend keeps results; other ids are not UUIDs.)"""
    try:
        task_uuid = uuid.UUID(task_id)
    except ValueError:
        return
    stuck = DBTaskResult.objects.running().filter(pk=task_uuid).first()
    if stuck is not None:
        stuck.set_failed(PdfWorkerLost(f"its worker stopped; PDF {pdf.pk} was queued again"))


def assessment_pdf_request(*, assessment: Assessment, page_size: str) -> RenderedPdf:
    """The assessment's PDF in this page size as it stands now. Queued for the worker when there
    is none yet, or its last render failed a while ago or was lost with its worker."""
    pdf = RenderedPdf.objects.filter(**_identity(assessment, page_size)).first()
    if pdf is None:
        pdf = _get_or_queue(assessment=assessment, page_size=page_size)
    elif (
        pdf.status == PdfStatus.READY
        or not _overdue(pdf)
        or not _requeue(pdf, why=f"{pdf.status} since {pdf.updated_at:%H:%M:%S}")
    ):
        return pdf
    pdf.refresh_from_db()  # a task that ran at once (the tests' backend) has filled it
    return pdf


def assessment_pdf_file_lost(*, pdf: RenderedPdf) -> None:
    """The row says ready but its file is gone from the storage: render it again."""
    _requeue(pdf, why=f"its file {pdf.file.name} is missing")


def _identity(assessment: Assessment, page_size: str) -> dict[str, Any]:
    return {
        "assessment": assessment,
        "page_size": page_size,
        "reference_version": assessment.reference_version,
        "render_version": render_version(),
    }


def _get_or_queue(*, assessment: Assessment, page_size: str) -> RenderedPdf:
    # The row and its task are committed together: the worker never meets a task without its
    # row, and two downloads racing here make one row (the unique constraint) and one task.
    with transaction.atomic():
        pdf, created = RenderedPdf.objects.get_or_create(**_identity(assessment, page_size))
        if created:
            _queue(pdf)
    return pdf


@task()
def assessment_pdf_render(pdf_id: int, attempt: str) -> None:
    """Render the PDF the row asks for into a file, if the row is still this task's to fill."""
    mine = RenderedPdf.objects.filter(pk=pdf_id, attempt=attempt)
    if not mine.filter(status=PdfStatus.QUEUED).update(
        status=PdfStatus.RENDERING, updated_at=timezone.now()
    ):
        return  # rendered already, deleted, or queued again for another task
    pdf = RenderedPdf.objects.select_related("assessment").filter(pk=pdf_id).first()
    if pdf is None:
        return  # deleted with its assessment a moment ago
    try:
        html = assessment_pdf_html(assessment=pdf.assessment, page_size=pdf.page_size)
        content = html_to_pdf(html)
        pdf.file.save("board-pack.pdf", ContentFile(content), save=False)
    except BaseException:
        # The task is recorded as failed with the error; a download tries again later.
        mine.filter(status=PdfStatus.RENDERING).update(
            status=PdfStatus.FAILED, updated_at=timezone.now()
        )
        raise
    filled = mine.filter(status=PdfStatus.RENDERING).update(
        status=PdfStatus.READY, file=pdf.file.name, updated_at=timezone.now()
    )
    if not filled:
        # The assessment was deleted or its links revoked while it rendered.
        pdf.file.delete(save=False)
        return
    logger.info(
        "pdf rendered id=%s size=%s bytes=%d", pdf.assessment_id, pdf.page_size, len(content)
    )


def assessment_pdf_schedule(assessment: Assessment) -> None:
    """Queue the PDF in the page size its reader gets by default, once the assessment's row is
    committed, so the first download finds it ready."""
    if settings.CERTPATH_PDF_AFTER_SAVE:
        page_size = page_size_for(assessment, None)
        # robust: the save stands even if the queue cannot be reached; a download queues it then.
        transaction.on_commit(
            lambda: _get_or_queue(assessment=assessment, page_size=page_size), robust=True
        )

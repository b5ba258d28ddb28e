"""Background work, run by django-tasks (the database backend's `db_worker` in development and
production, the immediate backend in tests).

The PDF is the one slow rendering (over a second), so it is made right after an assessment is
saved, off the request path, and a reader who downloads it gets the kept copy. A download that
arrives while the task is queued or running is told the PDF is being prepared and comes back a
moment later; only when no worker shows signs of life does a download render the PDF itself."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django_tasks import task

from assessments.models import Assessment
from assessments.report.pdf import PdfRenderError, assessment_render_pdf_queued, page_size_for
from assessments.report.rendered import pdf_queued

logger = logging.getLogger(__name__)


@task()
def assessment_pdf_render(assessment_id: str) -> None:
    """Render and keep the assessment's PDF in the page size its reader will ask for first."""
    assessment = Assessment.objects.filter(pk=assessment_id).first()
    if assessment is None:
        return  # deleted before the task ran: nothing to keep
    try:
        assessment_render_pdf_queued(
            assessment=assessment, page_size=page_size_for(assessment, None)
        )
    except PdfRenderError:
        # The download will try again and show the reader what went wrong.
        logger.warning("pdf render after submit failed id=%s", assessment_id, exc_info=True)


def assessment_pdf_schedule(assessment: Assessment) -> None:
    """Queue the PDF once the assessment's row is committed, so the worker can read it, and
    mark it queued, so a download leaves it to the worker instead of rendering the same PDF in
    a web worker."""
    if settings.CERTPATH_PDF_AFTER_SAVE:
        pk, page_size = str(assessment.pk), page_size_for(assessment, None)

        def queue() -> None:
            pdf_queued(pk, page_size)
            assessment_pdf_render.enqueue(pk)

        transaction.on_commit(queue)

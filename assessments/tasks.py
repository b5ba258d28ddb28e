"""Background work, run by django-tasks (the database backend's `db_worker` in development and
production, the immediate backend in tests).

The PDF is the one slow rendering (about 0.7 s), so it is made right after an assessment is
saved, off the request path, and the first download is served from the kept copy. A download
that arrives before the task has run renders the PDF itself, as it always could."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django_tasks import task

from .models import Assessment
from .pdf import PdfRenderError, assessment_render_pdf, page_size_for

logger = logging.getLogger(__name__)


@task()
def assessment_pdf_render(assessment_id: str) -> None:
    """Render and keep the assessment's PDF in the page size its reader will ask for first."""
    assessment = Assessment.objects.filter(pk=assessment_id).first()
    if assessment is None:
        return  # deleted before the task ran: nothing to keep
    try:
        assessment_render_pdf(assessment=assessment, page_size=page_size_for(assessment, None))
    except PdfRenderError:
        # The download will try again and show the reader what went wrong.
        logger.warning("pdf render after submit failed id=%s", assessment_id, exc_info=True)


def assessment_pdf_schedule(assessment: Assessment) -> None:
    """Queue the PDF once the assessment's row is committed, so the worker can read it."""
    if settings.CERTPATH_PDF_AFTER_SAVE:
        pk = str(assessment.pk)
        transaction.on_commit(lambda: assessment_pdf_render.enqueue(pk))

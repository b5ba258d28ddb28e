"""The one cache layer: renderings of a saved report, kept in the shared cache.

A saved result never changes, so what is drawn from it alone (the report page's sections and
the PDF) can be kept until the code or templates that draw it change. The page around the
sections (the owner's actions, forms with CSRF tokens, the list of versions) is drawn on every
request. Callers look the assessment up by its link before asking, so a kept rendering of a
deleted assessment, or behind a revoked link, is never served.

`make bench` shows why these are kept: drawing the sections takes about 16 ms against 1.5 ms
for a kept copy, and a PDF about 0.7 s against well under a millisecond."""

from __future__ import annotations

import functools
import hashlib
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from .models import Assessment
from .report_context import report_context
from .report_model import saved_report

SECTIONS_TEMPLATE = "assessments/report/_screen_sections.html"
PAGE_SIZES = ("letter", "a4")


def _render_files(root: Path) -> list[Path]:
    """Every file that shapes a kept rendering: the report's templates and print styles, and the
    app's modules that build what they show (labels, charts, wording)."""
    return [
        *sorted((root / "templates/assessments/report").rglob("*.html")),
        root / "templates/assessments/report_pdf.html",
        root / "static/css/print.css",
        *sorted((root / "assessments").glob("*.py")),
        *sorted((root / "assessments/engine").glob("*.py")),
    ]


def files_digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@functools.cache
def render_version() -> str:
    """A fingerprint of the files above, taken once per process on first use. A deploy that
    changes any of them makes every kept rendering stale at once."""
    return files_digest(_render_files(Path(settings.BASE_DIR)))


def _sections_key(assessment_id) -> str:
    return f"certpath:report:{assessment_id}:{render_version()}"


def pdf_key(assessment_id, page_size: str) -> str:
    return f"certpath:pdf:{assessment_id}:{render_version()}:{page_size}"


def report_sections(assessment: Assessment) -> SafeString:
    """The report's sections as HTML, drawn on the first request and kept after that."""
    key = _sections_key(assessment.pk)
    sections = cache.get(key)
    if sections is None:
        sections = render_to_string(SECTIONS_TEMPLATE, report_context(saved_report(assessment)))
        cache.set(key, str(sections), timeout=None)
    # What is kept is only what our own autoescaping templates produced above.
    return SafeString(sections)  # nosec B703


def pdf_kept(assessment_id, page_size: str) -> bytes | None:
    return cache.get(pdf_key(assessment_id, page_size))


def pdf_keep(assessment_id, page_size: str, content: bytes) -> None:
    cache.set(pdf_key(assessment_id, page_size), content, timeout=None)


def _claim_key(assessment_id, page_size: str) -> str:
    return pdf_key(assessment_id, page_size) + ":rendering"


QUEUED, RENDERING = "queued", "rendering"
# How long a download waits for a queued task to be taken up before it renders the PDF itself;
# a running worker takes a task within its polling interval (a second by default).
QUEUED_SECONDS = 5


def pdf_claim(assessment_id, page_size: str, *, seconds: float) -> bool:
    """Say this process renders the PDF now; False when another process already does, or a
    task to render it is queued."""
    return cache.add(_claim_key(assessment_id, page_size), RENDERING, timeout=seconds)


def pdf_queued(assessment_id, page_size: str) -> None:
    """Say a task will render the PDF, so a download waits for it for a few seconds."""
    cache.add(_claim_key(assessment_id, page_size), QUEUED, timeout=QUEUED_SECONDS)


def pdf_claim_queued(assessment_id, page_size: str, *, seconds: float) -> bool:
    """The task's claim: take over its own queued mark; False when a download already renders."""
    key = _claim_key(assessment_id, page_size)
    if cache.get(key) == RENDERING:
        return False
    cache.set(key, RENDERING, timeout=seconds)
    return True


def pdf_release(assessment_id, page_size: str) -> None:
    cache.delete(_claim_key(assessment_id, page_size))


def pdf_wait(assessment_id, page_size: str, *, seconds: float, poll: float = 0.1) -> bytes | None:
    """The PDF another process is rendering, once it is kept; None if that render ends (or
    `seconds` pass) without one."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (content := pdf_kept(assessment_id, page_size)) is not None:
            return content
        if cache.get(_claim_key(assessment_id, page_size)) is None:
            return pdf_kept(assessment_id, page_size)  # kept just before the claim ended, or failed
        time.sleep(poll)
    return None


def renderings_forget(*, assessment_id) -> None:
    """Drop every kept rendering of the assessment (after it was deleted)."""
    keys = [_sections_key(assessment_id), *(pdf_key(assessment_id, s) for s in PAGE_SIZES)]
    cache.delete_many(keys)

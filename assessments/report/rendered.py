"""The one cache layer: renderings of a saved report, kept in the shared cache.

A saved result never changes, so what is drawn from it alone (the report page's sections and
the PDF) can be kept until the code or templates that draw it change. The page around the
sections (the owner's actions, forms with CSRF tokens, the list of versions) is drawn on every
request. Callers look the assessment up by its link before asking, so a kept rendering of a
deleted assessment, or behind a revoked link, is never served.

`make bench` shows why these are kept: drawing the sections takes about 10 ms against about
1 ms for a kept copy, and a PDF over a second against a few milliseconds."""

from __future__ import annotations

import functools
import hashlib
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from assessments.models import Assessment
from assessments.report.context import report_context
from assessments.report.model import saved_report

SECTIONS_TEMPLATE = "assessments/report/_screen_sections.html"
PAGE_SIZES = ("letter", "a4")


def _render_files(root: Path) -> list[Path]:
    """Every file that shapes a kept rendering: the report's templates and print styles, and the
    app's modules that build what they show (labels, charts, wording)."""
    return [
        *sorted((root / "templates/assessments/report").rglob("*.html")),
        root / "templates/assessments/report_pdf.html",
        root / "static/css/print.css",
        # Every module of the app, its subpackages (engine, charts …) included.
        *sorted((root / "assessments").rglob("*.py")),
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


# Who is preparing a PDF that is not kept yet: a task queued for it ("queued:<when>"), or a
# process rendering it now. A download never waits for either: it is told to come back.
QUEUED, RENDERING = "queued", "rendering"
# A queued PDF is left to the worker while the worker shows signs of life (it beats at every
# task), and for this long in any case, as an idle worker takes a task within its polling
# interval. After that, with no sign of a worker, a download renders the PDF itself.
QUEUED_GRACE_SECONDS = 5
QUEUED_LIFETIME = 60 * 60
WORKER_KEY, WORKER_BEAT_SECONDS = "certpath:pdf-worker:beat", 60


def pdf_queued(assessment_id, page_size: str) -> None:
    """Say a task will render the PDF, so downloads leave it to the worker."""
    mark = f"{QUEUED}:{time.time():.3f}"
    cache.add(_claim_key(assessment_id, page_size), mark, timeout=QUEUED_LIFETIME)


def pdf_worker_beat() -> None:
    """The task worker is alive: it is taking a task now."""
    cache.set(WORKER_KEY, time.time(), timeout=WORKER_BEAT_SECONDS)


def pdf_pending(assessment_id, page_size: str) -> bool:
    """True while another process is preparing the PDF: rendering it now, or a task is queued
    for it and a worker will take it."""
    state = cache.get(_claim_key(assessment_id, page_size))
    if state is None:
        return False
    if state == RENDERING:
        return True
    queued_at = float(state.partition(":")[2] or 0)
    return time.time() - queued_at < QUEUED_GRACE_SECONDS or cache.get(WORKER_KEY) is not None


def pdf_claim(assessment_id, page_size: str, *, seconds: float) -> bool:
    """Say this process renders the PDF now, taking over a queued mark; False when another
    process is rendering it. The claim lapses after `seconds` if its holder dies."""
    key = _claim_key(assessment_id, page_size)
    if cache.add(key, RENDERING, timeout=seconds):
        return True
    if cache.get(key) == RENDERING:
        return False
    cache.set(key, RENDERING, timeout=seconds)
    return True


def pdf_release(assessment_id, page_size: str) -> None:
    cache.delete(_claim_key(assessment_id, page_size))


def renderings_forget(*, assessment_id) -> None:
    """Drop every kept rendering of the assessment (after it was deleted)."""
    keys = [_sections_key(assessment_id), *(pdf_key(assessment_id, s) for s in PAGE_SIZES)]
    cache.delete_many(keys)

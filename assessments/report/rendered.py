"""The one cache layer: the report page's sections, kept in the shared cache.

A saved result never changes, so what is drawn from it alone can be kept until the code or
templates that draw it change (`render_version`, which also stamps each kept PDF file, see
tasks.py). The page around the sections (the owner's actions, forms with CSRF tokens, the
list of versions) is drawn on every request. Callers look the assessment up by its link
before asking, so a kept rendering of a deleted assessment, or behind a revoked link, is never
served.

`make bench` shows why the sections are kept: drawing them takes about 23 ms of a report page
against about 3 ms with a kept copy."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from assessments.models import Assessment
from assessments.report.context import report_context
from assessments.report.model import saved_report

SECTIONS_TEMPLATE = "assessments/report/_screen_sections.html"


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


def report_sections(assessment: Assessment) -> SafeString:
    """The report's sections as HTML, drawn on the first request and kept after that."""
    key = _sections_key(assessment.pk)
    sections = cache.get(key)
    if sections is None:
        sections = render_to_string(SECTIONS_TEMPLATE, report_context(saved_report(assessment)))
        cache.set(key, str(sections), timeout=None)
    # What is kept is only what our own autoescaping templates produced above.
    return SafeString(sections)  # nosec B703


def renderings_forget(*, assessment_id) -> None:
    """Drop the assessment's kept sections (after it was deleted or its links revoked)."""
    cache.delete(_sections_key(assessment_id))

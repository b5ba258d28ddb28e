"""One fingerprint of every file that shapes a rendered report, on screen or in the PDF.

Saved results never change, so a rendered report can be kept until the code or templates that
draw it change. Cache keys carry this fingerprint; a deploy that touches any of these files
makes every kept rendering stale at once."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings


def _render_files(root: Path) -> list[Path]:
    return [
        *sorted((root / "templates/assessments/report").rglob("*.html")),
        root / "templates/assessments/report_pdf.html",
        root / "static/css/print.css",
        *sorted((root / "assessments").glob("*.py")),
        root / "assessments/engine/answers.py",  # the labels answers are shown with
        root / "assessments/engine/schemes.py",  # the labels schemes are shown with
    ]


def files_digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RENDER_VERSION = files_digest(_render_files(Path(settings.BASE_DIR)))

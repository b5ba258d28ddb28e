"""Names for the files a report downloads as."""

from __future__ import annotations

from django.utils.text import slugify

from assessments.models import Assessment


def download_name(assessment: Assessment, extension: str, what: str = "") -> str:
    """certpath-<company>[-<what>]-<date>.<ext>, safe for any file system and header."""
    name = slugify(assessment.answers.get("company_name") or "")[:60].strip("-") or "assessment"
    middle = f"{name}-{what}" if what else name
    return f"certpath-{middle}-{assessment.created_at:%Y-%m-%d}.{extension}"

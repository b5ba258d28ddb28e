"""The report page's sections, rendered once per assessment and render version.

The sections are drawn from the saved result alone, which never changes, so they are rendered
on the first view and kept: the most recent ones in this process, all of them in the shared
cache. The page around them (the owner's actions, forms with CSRF tokens, the list of
versions) is rendered on every request. Callers look the assessment up before asking, so a
kept rendering of a deleted assessment is never served."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from .models import Assessment
from .process_lru import ProcessLRU
from .render_version import RENDER_VERSION
from .report_context import report_context
from .report_model import saved_report

LOCAL_LIMIT = 64  # renderings kept in each process, about 100 kB each
SECTIONS_TEMPLATE = "assessments/report/_screen_sections.html"


@dataclass(frozen=True)
class ReportBody:
    company: str
    headline: str
    sections: SafeString  # rendered by our autoescaping templates


_local: ProcessLRU[ReportBody] = ProcessLRU(LOCAL_LIMIT)


def _key(assessment_id) -> str:
    return f"certpath:report:{assessment_id}:{RENDER_VERSION}"


def report_body(assessment_id) -> ReportBody:
    key = _key(assessment_id)
    body = _local.get(key)
    if body is not None:
        return body
    stored = cache.get(key)
    if stored is None:
        body = _render(assessment_id)
        cache.set(key, _pack(body), timeout=None)
    else:
        body = _unpack(stored)
    _local.put(key, body)
    return body


def _pack(body: ReportBody) -> dict:
    # Compressed, the sections take about a sixth of the space in the shared cache table.
    return {
        "company": body.company,
        "headline": body.headline,
        "sections": zlib.compress(body.sections.encode(), 6),
    }


def _unpack(stored: dict) -> ReportBody:
    return ReportBody(
        company=stored["company"],
        headline=stored["headline"],
        # The bytes are what our own autoescaping templates produced in `_render`.
        sections=SafeString(zlib.decompress(stored["sections"]).decode()),  # nosec B703
    )


def _render(assessment_id) -> ReportBody:
    assessment = Assessment.objects.get(pk=assessment_id)
    return ReportBody(
        company=assessment.company_name,
        headline=assessment.result["headline"],
        sections=render_to_string(SECTIONS_TEMPLATE, report_context(saved_report(assessment))),
    )


def report_forget(*, assessment_id) -> None:
    key = _key(assessment_id)
    cache.delete(key)
    _local.discard(key)

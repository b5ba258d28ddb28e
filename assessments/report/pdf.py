"""The board pack: a decision memo of at most eight pages (see board_pack.py), rendered by
WeasyPrint.

The renderer may read our own static files and small inline images, nothing else: no file
system paths, no network. Rendering runs in a child process with a time limit. Each
assessment's PDF is rendered by a background task right after it is saved (see tasks.py) and
kept (see rendered.py). A download never waits on another process's render: while one is
under way it is told to come back; with nobody preparing the PDF it renders it itself."""

from __future__ import annotations

import gc
import hashlib
import logging
import mimetypes
import multiprocessing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from assessments.models import Assessment
from assessments.report.board_pack import board_pack_context
from assessments.report.downloads import download_name
from assessments.report.model import saved_report
from assessments.report.rendered import (
    pdf_claim,
    pdf_keep,
    pdf_kept,
    pdf_key,
    pdf_pending,
    pdf_release,
    pdf_worker_beat,
)

logger = logging.getLogger(__name__)

BASE_URL = "https://certpath.internal/"
RENDER_TIMEOUT_SECONDS = getattr(settings, "CERTPATH_PDF_TIMEOUT", 20)
DATA_URL_MAX_BYTES = 64 * 1024
DATA_URL_TYPES = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/svg+xml")
LETTER, A4 = "letter", "a4"


class PdfRenderError(Exception):
    """The PDF could not be produced in time or at all."""


def page_size_for(assessment: Assessment, requested: str | None) -> str:
    """US Letter for dollar budgets or North American companies, A4 for everyone else."""
    if requested in (LETTER, A4):
        return requested
    answers = assessment.answers
    markets = set(answers.get("customer_regions", [])) | set(answers.get("selling_now", []))
    if answers.get("currency") == "USD" or markets == {"north_america"}:
        return LETTER
    return A4


class StaticOnlyFetcher:
    """A WeasyPrint URL fetcher that serves our static files and small inline images only."""

    _fail_on_errors = False

    def __call__(self, url: str):
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        if url.startswith(DATA_URL_TYPES) and len(url) <= DATA_URL_MAX_BYTES:
            return URLFetcher(allowed_protocols={"data"}).fetch(url)
        parts = urlsplit(url)
        base = urlsplit(BASE_URL)
        if (parts.scheme, parts.netloc) == (base.scheme, base.netloc) and parts.path.startswith(
            settings.STATIC_URL
        ):
            relative = unquote(parts.path[len(settings.STATIC_URL) :])
            if ".." not in Path(relative).parts:
                found = finders.find(relative)
                if found:
                    body = Path(found).read_bytes()
                    mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": mime})
        logger.warning("PDF renderer refused to fetch %s", url[:200])
        raise ValueError(f"Certpath's PDF renderer does not fetch {url[:80]}")


def assessment_pdf_html(*, assessment: Assessment, page_size: str) -> str:
    """The board pack as HTML. Its links to our own pages are absolute, on the public site's
    address (CERTPATH_SITE_URL); BASE_URL only names our static files to the renderer."""
    site = settings.CERTPATH_SITE_URL.rstrip("/") + "/" if settings.CERTPATH_SITE_URL else BASE_URL
    context = board_pack_context(saved_report(assessment), base_url=site)
    context["page_size"] = "Letter" if page_size == LETTER else "A4"
    return render_to_string("assessments/report_pdf.html", context)


def _render_in_child(html: str, connection) -> None:
    # Everything inherited from the parent outlives this short process: keep the garbage
    # collector from scanning it again on each full collection (about 60 ms apiece).
    gc.freeze()
    try:
        from weasyprint import HTML

        pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()
        connection.send(("ok", pdf))
    except Exception as exc:  # noqa: BLE001 - the parent reports it
        connection.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        connection.close()


_warmed = False


def _warm_up() -> None:
    """Parse WeasyPrint's default stylesheets once in the parent, so every forked child
    starts with them ready instead of parsing them again."""
    global _warmed
    if not _warmed:
        from weasyprint import HTML

        HTML(string="<p></p>", url_fetcher=StaticOnlyFetcher()).render()
        _warmed = True


def html_to_pdf(html: str, *, timeout: float = RENDER_TIMEOUT_SECONDS) -> bytes:
    """Render in a forked child so a runaway document can be stopped and its memory freed."""
    _warm_up()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_render_in_child, args=(html, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise PdfRenderError(f"Rendering took longer than {timeout:g} s and was stopped.")
        status, payload = receiver.recv()
    except EOFError:
        raise PdfRenderError("The renderer stopped without producing a PDF.") from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(1)
    if status != "ok":
        raise PdfRenderError(payload)
    return payload


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    etag: str
    filename: str


RENDER_CLAIM_SECONDS = RENDER_TIMEOUT_SECONDS + 5


def assessment_pdf(*, assessment: Assessment, page_size: str) -> RenderedPdf | None:
    """The assessment's PDF: the kept one, or rendered now and kept. None while another process
    prepares it (its task is queued for a live worker, or a render is under way): the caller
    asks again shortly instead of holding a web worker while it waits."""
    pk = assessment.pk
    content = pdf_kept(pk, page_size)
    if content is None:
        if pdf_pending(pk, page_size) or not pdf_claim(pk, page_size, seconds=RENDER_CLAIM_SECONDS):
            return None
        content = _render_and_keep(assessment, page_size)
    etag = '"' + hashlib.sha256(pdf_key(pk, page_size).encode()).hexdigest()[:32] + '"'
    return RenderedPdf(content=content, etag=etag, filename=download_name(assessment, "pdf"))


def assessment_render_pdf_queued(*, assessment: Assessment, page_size: str) -> None:
    """The task's part: render the PDF its save queued, unless it is kept already or a download
    that came first is rendering it."""
    pdf_worker_beat()
    pk = assessment.pk
    if pdf_kept(pk, page_size) is None and pdf_claim(pk, page_size, seconds=RENDER_CLAIM_SECONDS):
        _render_and_keep(assessment, page_size)
    pdf_worker_beat()


def _render_and_keep(assessment: Assessment, page_size: str) -> bytes:
    """Render under this process's claim, keep the PDF, and give the claim up either way."""
    try:
        content = html_to_pdf(assessment_pdf_html(assessment=assessment, page_size=page_size))
        pdf_keep(assessment.pk, page_size, content)
        logger.info("pdf rendered id=%s size=%s bytes=%d", assessment.pk, page_size, len(content))
        return content
    finally:
        pdf_release(assessment.pk, page_size)

"""The board pack: a decision memo of at most eight pages (see board_pack.py), rendered by
WeasyPrint.

The renderer may read our own static files and small inline images, nothing else: no file
system paths, no network. Only the task worker renders (see tasks.py), each PDF in a child
process of its own with a time limit; the web never does."""

from __future__ import annotations

import gc
import logging
import math
import mimetypes
import multiprocessing
import os
import resource
import signal
import sys
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from assessments.models import Assessment, PageSize
from assessments.report.board_pack import board_pack_context
from assessments.report.model import saved_report

logger = logging.getLogger(__name__)

BASE_URL = "https://certpath.internal/"
DATA_URL_MAX_BYTES = 64 * 1024
DATA_URL_TYPES = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/svg+xml")
LETTER, A4 = PageSize.LETTER, PageSize.A4
PR_SET_PDEATHSIG = 1  # Linux's prctl option: a signal for the child when its parent dies


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


def _render_in_child(
    html: str, timeout: float, parent: int, receiver: Connection, sender: Connection
) -> None:
    # The child must not outlive the worker that waits for it: it holds a copy of the worker's
    # memory and database connection. It closes its copy of the pipe's reading end, so a send
    # to a dead parent fails instead of blocking; Linux kills it when the parent dies, and the
    # kernel stops it after the time limit's worth of CPU in any case.
    receiver.close()
    if sys.platform == "linux":
        import ctypes

        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))
        if os.getppid() != parent:
            os._exit(1)  # the parent died before the line above took effect
    cpu_seconds = math.ceil(timeout) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    # What the child inherits outlives its one render: keep the garbage collector from
    # scanning the worker's objects again on every full collection (see README, Performance).
    gc.freeze()
    try:
        from weasyprint import HTML

        pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()
        sender.send(("ok", pdf))
    except Exception as exc:  # noqa: BLE001 - the parent reports it
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()


def render_timeout() -> float:
    return float(settings.CERTPATH_PDF_TIMEOUT)


def html_to_pdf(html: str, *, timeout: float | None = None) -> bytes:
    """Render in a child process, so a runaway document is stopped after `timeout` seconds
    (CERTPATH_PDF_TIMEOUT by default) and the memory it took is given back."""
    # Loaded once in the process that asks (the task worker), not in every child: importing
    # WeasyPrint takes about a second; the web processes never load it.
    import weasyprint  # noqa: F401

    timeout = render_timeout() if timeout is None else timeout
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_render_in_child,
        args=(html, timeout, os.getpid(), receiver, sender),
        daemon=True,
    )
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

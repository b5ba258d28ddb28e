import io
import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from pypdf import PdfReader

from assessments import tasks
from assessments.report import pdf as pdf_module
from assessments.report.pdf import PdfRenderError, StaticOnlyFetcher, html_to_pdf
from tests.factories import answers_eu_supplier, answers_us_saas, assessment_create

pytestmark = pytest.mark.django_db

HEADINGS = (
    "The decision",
    "The plan",
    "Cost by year against the budget",
    "Readiness and where to start",
    "Sources and the detail",
)


def _pdf_url(assessment, query: str = "") -> str:
    return f"{assessment.get_absolute_url()}report.pdf{query}"


def _download(client, assessment, query: str = "") -> bytes:
    response = client.get(_pdf_url(assessment, query))
    assert response.status_code == 200, response.status_code
    return response.getvalue()


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_pdf_download_is_a_named_attachment(client):
    assessment = assessment_create()
    response = client.get(_pdf_url(assessment))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = response.getvalue()
    assert content.startswith(b"%PDF")
    assert int(response["Content-Length"]) == len(content)
    expected = f"certpath-acme-analytics-{assessment.created_at:%Y-%m-%d}.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    assert response["Cache-Control"] == "private, no-store"


def test_pdf_holds_the_answer_company_and_every_section_that_applies(client):
    assessment = assessment_create()
    text = _text(_download(client, assessment))
    assert "Acme Analytics" in text
    assert "Get SOC 2 Type II." in text and "our answer" in text.lower()
    for heading in HEADINGS:
        assert heading in text, heading


def test_pdf_has_metadata_and_bookmarks(client):
    reader = PdfReader(io.BytesIO(_download(client, assessment_create())))
    meta = reader.metadata
    assert meta.author == "Certpath"
    assert "Acme Analytics" in meta.title
    assert meta.subject
    assert meta.creation_date is not None
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:2] == ["Cover", "The decision"] and "Cost by year against the budget" in titles


def test_page_size_follows_the_currency_and_can_be_overridden(client):
    us = assessment_create(answers_us_saas())
    eu = assessment_create(answers_eu_supplier())
    letter = PdfReader(io.BytesIO(_download(client, us))).pages[0].mediabox
    a4 = PdfReader(io.BytesIO(_download(client, eu))).pages[0].mediabox
    assert round(float(letter.width)) == 612 and round(float(letter.height)) == 792
    assert round(float(a4.width)) == 595 and round(float(a4.height)) == 842
    forced = _download(client, eu, "?size=letter")
    assert round(float(PdfReader(io.BytesIO(forced)).pages[0].mediabox.width)) == 612


def test_a_second_download_streams_the_kept_file_without_rendering_again(client):
    assessment = assessment_create()
    with mock.patch.object(tasks, "html_to_pdf", wraps=html_to_pdf) as render:
        first = client.get(_pdf_url(assessment))
        second = client.get(_pdf_url(assessment))
    assert render.call_count == 1
    assert first.getvalue() == second.getvalue()
    assert first["ETag"] == second["ETag"]
    not_modified = client.get(_pdf_url(assessment), HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304


def test_unknown_assessment_pdf_is_a_404(client):
    response = client.get("/assessments/00000000-0000-4000-8000-000000000000/report.pdf")
    assert response.status_code == 404


HOSTILE = '<img src="file:///etc/passwd"><link rel="stylesheet" href="http://example.com/x.css">'


def test_injected_markup_in_user_fields_is_neither_fetched_nor_rendered(client):
    assessment = assessment_create(answers_us_saas(company_name=HOSTILE))
    html = pdf_module.assessment_pdf_html(assessment=assessment, page_size="a4")
    assert "<img src=" not in html and "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html

    from weasyprint import HTML

    fetched = []

    class Recording(StaticOnlyFetcher):
        def __call__(self, url):
            fetched.append(url)
            return super().__call__(url)

    content = HTML(string=html, base_url=pdf_module.BASE_URL, url_fetcher=Recording()).write_pdf()
    assert fetched and all(u.startswith(pdf_module.BASE_URL + "static/") for u in fetched)
    assert "file:///etc/passwd" in _text(content)  # shown as text, never loaded


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.css",
        "https://certpath.internal/etc/passwd",
        "https://certpath.internal/static/../../config/settings/base.py",
        "data:text/html;base64," + "A" * 100,
        "data:image/png;base64," + "A" * 100_000,
    ],
)
def test_fetcher_refuses_anything_but_our_static_files(url, caplog):
    with (
        caplog.at_level(logging.WARNING, logger="assessments.report.pdf"),
        pytest.raises(ValueError),
    ):
        StaticOnlyFetcher()(url)
    assert "refused" in caplog.text


def test_fetcher_serves_our_stylesheet_and_small_images():
    response = StaticOnlyFetcher()(pdf_module.BASE_URL + "static/css/print.css")
    assert b"@page" in response.read()
    tiny_png = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk"
        "YAAAAAYAAjCB0C8AAAAASUVORK5CYII="
    )
    assert StaticOnlyFetcher()(tiny_png).read().startswith(b"\x89PNG")


def test_rendering_is_time_bound():
    with pytest.raises(PdfRenderError, match="longer than"):
        html_to_pdf("<p>" + "slow " * 20000 + "</p>", timeout=0.01)


def test_rtl_and_emoji_company_names_render(client):
    name = "شركة الأمان 🚀 Ünïcödé"
    assessment = assessment_create(answers_us_saas(company_name=name))
    response = client.get(_pdf_url(assessment))
    assert response.status_code == 200 and response.getvalue().startswith(b"%PDF")
    assert "certpath-" in response["Content-Disposition"]


def test_report_page_links_to_the_pdf(client):
    assessment = assessment_create()
    body = client.get(assessment.get_absolute_url()).content.decode()
    assert f'href="{_pdf_url(assessment)}"' in body


def _children(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:
            continue
        # The command name may hold spaces; the fields after its closing bracket do not.
        if stat and int(stat[stat.rindex(")") + 2 :].split()[1]) == parent:
            pids.append(int(entry.name))
    return pids


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"  # a zombie has stopped, just not been reaped


def _wait_for(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.05)
    return condition()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's /proc")
def test_a_render_child_does_not_outlive_the_process_that_asked_for_it():
    """Kill -9 a process in the middle of a render: its render child must go with it, not keep
    its memory, its database connection and its sockets."""
    script = textwrap.dedent(
        """
        import os, django, weasyprint
        django.setup()
        from assessments.report.pdf import html_to_pdf
        print(os.getpid(), flush=True)  # after the imports, which run programs of their own
        html_to_pdf("<p>" + "slow " * 400_000 + "</p>", timeout=120)
        """
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    asker = subprocess.Popen(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE
    )
    try:
        pid = int(asker.stdout.readline())
        children = _wait_for(lambda: _children(pid), 30)
        assert children, "no render child was started"
        time.sleep(0.5)  # well into the render
        assert all(_running(child) for child in children)
        os.kill(pid, signal.SIGKILL)
        asker.wait(10)
        assert _wait_for(lambda: not any(_running(child) for child in children), 5)
    finally:
        asker.kill()
        asker.wait()
        asker.stdout.close()

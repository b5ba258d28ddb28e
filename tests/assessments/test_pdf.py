import io
import logging
from unittest import mock

import pytest
from pypdf import PdfReader

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


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_pdf_download_is_a_named_attachment(client):
    assessment = assessment_create()
    response = client.get(_pdf_url(assessment))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    expected = f"certpath-acme-analytics-{assessment.created_at:%Y-%m-%d}.pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
    assert response["Cache-Control"] == "private, no-store"


def test_pdf_holds_the_answer_company_and_every_section_that_applies(client):
    assessment = assessment_create()
    text = _text(client.get(_pdf_url(assessment)).content)
    assert "Acme Analytics" in text
    assert "Get SOC 2 Type II." in text and "our answer" in text.lower()
    for heading in HEADINGS:
        assert heading in text, heading


def test_pdf_has_metadata_and_bookmarks(client):
    reader = PdfReader(io.BytesIO(client.get(_pdf_url(assessment_create())).content))
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
    letter = PdfReader(io.BytesIO(client.get(_pdf_url(us)).content)).pages[0].mediabox
    a4 = PdfReader(io.BytesIO(client.get(_pdf_url(eu)).content)).pages[0].mediabox
    assert round(float(letter.width)) == 612 and round(float(letter.height)) == 792
    assert round(float(a4.width)) == 595 and round(float(a4.height)) == 842
    forced = client.get(_pdf_url(eu, "?size=letter")).content
    assert round(float(PdfReader(io.BytesIO(forced)).pages[0].mediabox.width)) == 612


def test_second_download_comes_from_the_cache(client):
    assessment = assessment_create()
    with mock.patch.object(pdf_module, "html_to_pdf", wraps=pdf_module.html_to_pdf) as render:
        first = client.get(_pdf_url(assessment))
        second = client.get(_pdf_url(assessment))
    assert render.call_count == 1
    assert first.content == second.content
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
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "certpath-" in response["Content-Disposition"]


def test_report_page_links_to_the_pdf(client):
    assessment = assessment_create()
    body = client.get(assessment.get_absolute_url()).content.decode()
    assert f'href="{_pdf_url(assessment)}"' in body

"""The report's sections are rendered once and kept; everything personal around them is drawn
for each visitor, and nothing kept outlives the assessment (the PDF files: test_pdf_files.py)."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Assessment
from assessments.report import rendered
from tests.assessments.pages import report_page
from tests.assessments.wizard_helpers import complete_wizard
from tests.factories import assessment_create

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _page(client, assessment) -> str:
    return TOKEN.sub("", report_page(client, assessment))


def test_a_repeat_view_shows_the_same_report(client):
    assessment = assessment_create()
    first = _page(client, assessment)
    repeat = _page(client, assessment)
    assert repeat == first
    assert "Why: demands first, then what you hold, then signals" in repeat


def test_the_sections_drawn_at_submit_match_a_drawing_from_the_saved_row():
    submitted = assessment_create()
    kept = rendered.report_sections(submitted)
    cache.clear()
    reloaded = Assessment.objects.get(pk=submitted.pk)
    assert rendered.report_sections(reloaded) == kept


def _no_render(*_args, **_kwargs):
    raise AssertionError("rendered again")


def test_a_repeat_view_uses_the_rendering_kept_in_the_shared_cache(client, monkeypatch):
    assessment = assessment_create()
    first = _page(client, assessment)
    monkeypatch.setattr(rendered, "render_to_string", _no_render)
    assert _page(client, assessment) == first


def test_a_change_to_the_report_code_or_templates_makes_kept_renderings_stale(client, monkeypatch):
    assessment = assessment_create()
    _page(client, assessment)
    monkeypatch.setattr(rendered, "render_version", lambda: "after-a-deploy")
    drawn = []
    real = rendered.render_to_string
    monkeypatch.setattr(
        rendered, "render_to_string", lambda *a, **k: drawn.append(1) or real(*a, **k)
    )
    _page(client, assessment)
    assert drawn == [1]


def test_the_render_version_follows_the_content_of_the_files(tmp_path):
    template = tmp_path / "a.html"
    template.write_text("<p>one</p>")
    before = rendered.files_digest([template])
    template.write_text("<p>two</p>")
    assert rendered.files_digest([template]) != before


def test_only_the_owner_sees_delete_even_after_a_stranger_filled_the_cache(client):
    complete_wizard(client)
    assessment = Assessment.objects.get()
    stranger = Client().get(assessment.get_absolute_url()).content.decode()
    owner = client.get(assessment.get_absolute_url()).content.decode()
    delete_url = reverse("assessments:delete", args=[assessment.pk])
    assert delete_url not in stranger
    assert delete_url in owner


def test_forms_on_a_kept_page_carry_the_visitors_own_csrf_token():
    assessment = assessment_create()
    Client().get(assessment.get_absolute_url())  # someone else fills the cache
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(assessment.get_absolute_url()).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = visitor.post(
        reverse("assessments:recalculate", args=[assessment.pk]),
        {"csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_a_newer_version_is_listed_on_a_report_seen_before(client):
    first = assessment_create()
    assert "This version" not in _page(client, first)
    second = assessment_create(predecessor=first)
    page = _page(client, first)
    assert "This version" in page
    assert second.get_absolute_url() in page


def test_deleting_an_assessment_drops_its_kept_rendering(
    client, django_capture_on_commit_callbacks
):
    complete_wizard(client)
    assessment = Assessment.objects.get()
    client.get(assessment.get_absolute_url())
    key = rendered._sections_key(assessment.pk)
    assert cache.get(key) is not None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("assessments:delete", args=[assessment.pk]))
    assert cache.get(key) is None
    assert client.get(assessment.get_absolute_url()).status_code == 404


def test_a_long_chain_of_versions_costs_no_more_queries_than_a_short_one(client):
    def queries_for_report_of_a_chain(length: int) -> tuple[int, str, list]:
        chain = [assessment_create()]
        for _ in range(length - 1):
            chain.append(assessment_create(predecessor=chain[-1]))
        client.get(chain[-1].get_absolute_url())  # keep the sections
        with CaptureQueriesContext(connection) as queries:
            page = client.get(chain[-1].get_absolute_url()).content.decode()
        return len(queries), page, chain

    short, _, _ = queries_for_report_of_a_chain(2)
    long, page, chain = queries_for_report_of_a_chain(6)
    assert long == short
    # Every earlier version is listed, nearest first, with its headline.
    positions = [page.index(v.get_absolute_url()) for v in reversed(chain[:-1])]
    assert positions == sorted(positions)
    assert page.count(f"— {chain[0].result['headline']}") == len(chain)


def test_a_recalculated_version_has_its_report_ready_before_the_first_view(client, monkeypatch):
    original = assessment_create()
    client.post(reverse("assessments:recalculate", args=[original.pk]))
    newer = Assessment.objects.exclude(pk=original.pk).get()

    monkeypatch.setattr(rendered, "render_to_string", _no_render)
    assert client.get(newer.get_absolute_url()).status_code == 200


def test_the_render_version_covers_the_chart_and_board_pack_code():
    from django.conf import settings

    from assessments.report.rendered import _render_files

    names = {p.relative_to(settings.BASE_DIR).as_posix() for p in _render_files(settings.BASE_DIR)}
    assert {"assessments/report/charts/costs.py", "assessments/report/board_pack.py"} <= names
    assert "assessments/engine/evaluate.py" in names

import csv
import io

import pytest
from django.urls import reverse

from assessments.models import Assessment

from .wizard_helpers import complete_wizard, practice_answers

pytestmark = pytest.mark.django_db
REMOTE = "Fully remote company: no offices, every system runs in the cloud."


def _assessment_with_practices(client, level="in_place", na_physical=True) -> Assessment:
    overrides = {}
    if na_physical:
        answers = practice_answers(level)
        key = next(k for k in answers["practices2"] if "office" in k)
        overrides["practices2"] = {key: "na", key.replace("q_", "note_"): "=" + REMOTE}
    complete_wizard(client, overrides=overrides, level=level)
    return Assessment.objects.get()


def test_soa_page_lists_all_93_annex_a_controls(client):
    assessment = _assessment_with_practices(client)
    body = client.get(reverse("assessments:soa", args=[assessment.pk])).content.decode()
    assert "Draft Statement of Applicability" in body
    assert body.count("Applicable ·") + body.count("Excluded:") == 93


def test_soa_csv_has_93_rows_the_right_columns_and_reasons_for_exclusions(client):
    assessment = _assessment_with_practices(client)
    response = client.get(reverse("assessments:soa_csv", args=[assessment.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "statement-of-applicability" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 93
    assert list(rows[0]) == [
        "control_id",
        "title",
        "theme",
        "applicable",
        "reason",
        "implementation",
    ]
    excluded = [r for r in rows if r["applicable"] == "no"]
    assert excluded and all(r["reason"].strip() for r in excluded)
    # A reason that looks like a spreadsheet formula is written as plain text.
    assert all(r["reason"].startswith("'=") for r in excluded)


def test_soa_csv_is_404_without_practice_answers(client):
    from tests.factories import assessment_create

    assessment = assessment_create()
    assert client.get(reverse("assessments:soa_csv", args=[assessment.pk])).status_code == 404


def test_deep_dive_saves_a_new_version_and_leaves_the_old_one(client):
    first = _assessment_with_practices(client, na_physical=False)
    url = reverse("assessments:deep_dive", args=[first.pk, "iso27001"])
    page = client.get(url)
    assert page.status_code == 200
    controls = page.context["form"].controls
    index = next(i for i, c in enumerate(controls) if c["ref"] == "A.5.1")
    response = client.post(url, {f"s_{index}": "met", f"n_{index}": "Signed policy set, 2026"})
    second = Assessment.objects.exclude(pk=first.pk).get()
    assert response["Location"] == second.get_absolute_url()
    assert second.predecessor == first
    assert second.answers["control_overrides"] == {
        "iso27001:A.5.1": {"status": "met", "note": "Signed policy set, 2026"}
    }
    status = {c["ref"]: c for c in second.result["readiness"]["controls"]}
    assert status["A.5.1"]["status"] == "met"
    first.refresh_from_db()
    assert "control_overrides" not in first.answers or not first.answers["control_overrides"]
    old = {c["ref"]: c for c in first.result["readiness"]["controls"]}
    assert old["A.5.1"]["status"] != "met"


def test_deep_dive_refuses_to_exclude_a_clause_or_exclude_without_reason(client):
    assessment = _assessment_with_practices(client, na_physical=False)
    url = reverse("assessments:deep_dive", args=[assessment.pk, "iso27001"])
    controls = client.get(url).context["form"].controls
    clause = next(i for i, c in enumerate(controls) if c["ref"] == "9.2.1")
    annex = next(i for i, c in enumerate(controls) if c["ref"] == "A.7.1")
    response = client.post(url, {f"s_{clause}": "not_applicable", f"s_{annex}": "not_applicable"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "cannot be excluded" in " ".join(errors[f"s_{clause}"])
    assert "Say in a sentence why" in " ".join(errors[f"n_{annex}"])
    assert Assessment.objects.count() == 1


def test_deep_dive_unknown_framework_is_404(client):
    assessment = _assessment_with_practices(client, na_physical=False)
    assert client.get(f"/assessments/{assessment.pk}/deep-dive/pci/").status_code == 404


def test_report_readiness_section_links_to_deep_dive_and_soa(client):
    assessment = _assessment_with_practices(client)
    body = client.get(assessment.get_absolute_url()).content.decode()
    assert reverse("assessments:soa", args=[assessment.pk]) in body
    assert reverse("assessments:deep_dive", args=[assessment.pk, "soc2"]) in body


def test_pdf_appendix_holds_readiness_gaps_and_the_soa(client):
    from pypdf import PdfReader

    assessment = _assessment_with_practices(client, level="partly")
    content = client.get(f"{assessment.get_absolute_url()}report.pdf").content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Readiness and gaps" in text and "things to do first" in text
    assert "Draft Statement of Applicability" in text and "A.8.34" in text

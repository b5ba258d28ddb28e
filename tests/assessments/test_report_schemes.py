"""The report's "other schemes" section on screen, in the PDF and in the CLI summary, for new
results and for results saved by engine 1.0 before schemes were matched."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Assessment
from assessments.report.pdf import assessment_pdf_html, html_to_pdf
from tests.assessments.pages import report_page
from tests.assessments.test_pdf import _text
from tests.factories import answers_us_saas, assessment_create, assessment_engine_one

pytestmark = pytest.mark.django_db

HEADING = "Other schemes your buyers or regulators may expect"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "assessment_engine_1_0.json"
ROOT = Path(__file__).resolve().parents[2]


def test_each_scheme_shows_its_severity_what_it_is_why_advice_and_source(client):
    answers = answers_us_saas(data_types=("payment_card", "personal"))
    body = report_page(client, assessment_create(answers))
    assert HEADING in body
    section = body[body.index(HEADING) :]
    assert "PCI DSS" in section and "Required" in section
    assert "The card industry&#x27;s data security standard" in section
    assert "<li>You handle payment card data.</li>" in section
    # Required schemes open on screen; the others are a click away.
    assert '<details class="scheme scheme-required" id="scheme-pci_dss" open>' in section
    assert "Shrink the card environment first" in section
    assert 'href="https://www.pcisecuritystandards.org/standards/pci-dss/"' in section


def test_schemes_are_listed_required_first(client):
    answers = answers_us_saas(
        data_types=("payment_card",), requests=("soc2",), segments=("enterprise",)
    )
    body = report_page(client, assessment_create(answers))
    assert body.index('id="scheme-pci_dss"') < body.index('id="scheme-soc3"')
    assert body.index('id="scheme-soc3"') < body.index('id="scheme-csa_star"')


def test_the_users_own_words_are_repeated_escaped_with_what_we_made_of_them(client):
    answers = answers_us_saas(
        tender_other='<script>alert("x")</script> TISAX & "C5"',
        existing_other="Cyber Essentials <b>2025</b>",
        industry_other="Drones <i>&</i> robotics",
        public_sector_other="Italy's <em>PA</em>",
    )
    body = report_page(client, assessment_create(answers))
    assert "<script>alert" not in body and "<b>2025</b>" not in body and "<i>&</i>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; TISAX &amp; &quot;C5&quot;" in body
    assert "We matched it to TISAX and BSI C5; check anything else it names yourself." in body
    assert "Cyber Essentials &lt;b&gt;2025&lt;/b&gt;" in body
    assert "We matched it to Cyber Essentials; check anything else it names yourself." in body
    assert "Drones &lt;i&gt;&amp;&lt;/i&gt; robotics" in body
    assert "We have no scheme rules for this industry" in body
    assert "Italy&#x27;s &lt;em&gt;PA&lt;/em&gt;" in body
    assert "We have no scheme rules for this country" in body
    # The schemes those words named are in the list, the tender's as required.
    assert 'id="scheme-tisax"' in body and "A tender asks for it: you wrote “TISAX”." in body


def test_an_other_answer_we_do_not_recognise_is_said_so_not_dropped(client):
    answers = answers_us_saas(tender_other="FooCert level 3 for all suppliers")
    body = report_page(client, assessment_create(answers))
    assert "<q>FooCert level 3 for all suppliers</q>" in body
    assert "We could not match it to a scheme we know; check what it requires." in body


def test_naming_iso_27001_in_free_text_points_to_the_rest_of_the_report(client):
    body = report_page(
        client, assessment_create(answers_us_saas(tender_other="ISO 27001 and 27017"))
    )
    assert (
        "We matched it to ISO/IEC 27017; check anything else it names yourself. "
        "The rest of this report covers ISO 27001." in body
    )


def test_a_company_nothing_points_to_is_told_so(client):
    answers = answers_us_saas(requests=("questionnaires",), segments=("smb",), data_types=())
    body = report_page(client, assessment_create(answers))
    assert "None of your answers points to another certification" in body


def test_a_result_saved_by_engine_1_0_still_renders_and_offers_a_recalculation(client):
    assessment = assessment_engine_one()
    body = report_page(client, assessment)
    assert HEADING in body
    assert "This report was made before Certpath checked other certifications" in body
    assert "We could not match" not in body
    # The rest of the old report is still there.
    assert "About this report" in body and "Acme Analytics" in body


def test_recalculating_an_engine_1_0_result_lists_its_schemes(client):
    assessment = assessment_engine_one()
    response = client.post(reverse("assessments:recalculate", kwargs={"key": assessment.link_key}))
    assert response.status_code == 302
    newer = Assessment.objects.exclude(pk=assessment.pk).get()
    assert "schemes" in newer.result
    # EU customers and personal data: GDPR; EU financial buyers: DORA.
    assert {"gdpr", "dora"} <= {s["key"] for s in newer.result["schemes"]}


def test_the_pdf_has_the_section_for_new_and_engine_1_0_results():
    new = assessment_create(answers_us_saas(data_types=("payment_card",)))
    text = _text(html_to_pdf(assessment_pdf_html(assessment=new, page_size="letter")))
    assert "Other schemes that apply" in text
    assert "PCI DSS" in text and "You handle payment card data." in text
    old = assessment_engine_one()
    html = assessment_pdf_html(assessment=old, page_size="letter")
    assert "This report was made before Certpath checked" in html


def test_the_cli_summary_lists_the_schemes_with_their_reasons(tmp_path):
    data = json.loads((ROOT / "docs" / "example-answers.json").read_text(encoding="utf-8"))
    data["data_types"] = ["payment_card", "personal"]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("assess", "--answers", str(path), stdout=out)
    summary = out.getvalue()
    lines = summary[summary.index("Other schemes:") :].splitlines()
    assert "  [Required] PCI DSS: You handle payment card data." in lines
    assert any(line.startswith("  [Required] GDPR: ") for line in lines)

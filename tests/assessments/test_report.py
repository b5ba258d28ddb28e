import pytest
from django.urls import reverse

from assessments.engine.evaluate import ENGINE_VERSION
from assessments.models import Assessment
from frameworks.models import DecisionFactor
from tests.assessments.wizard_helpers import complete_wizard, practice_answers
from tests.factories import (
    answers_eu_supplier,
    answers_us_saas,
    assessment_create,
    assessment_engine_one,
    client_owns,
)

pytestmark = pytest.mark.django_db

SECTIONS = (
    "Recommendation",
    "Why: demands first, then what you hold, then signals",
    "Timeline",
    "SOC 2 and ISO 27001 side by side",
    "Costs against your budget, year by year",
    "Readiness and gaps",
    "Implement once",
    "Next steps",
    "About this report",
)


def test_report_has_every_section_and_the_self_assessment_notice(client):
    assessment = assessment_create()
    body = client.get(assessment.get_absolute_url()).content.decode()
    for heading in SECTIONS:
        assert heading in body
    assert "not an auditor's opinion" in body
    assert assessment.reference_version in body
    assert body.count("<svg") >= 4


def test_report_shows_the_verdict_and_reasons_tied_to_answers(client):
    body = client.get(assessment_create().get_absolute_url()).content.decode()
    assert "We recommend" in body
    assert "What buyers demand" in body
    assert "A SOC 2 Type II report" in body and "Customers" in body
    assert "Customers in North America." in body
    assert "+20" in body


def test_company_name_is_escaped(client):
    assessment = assessment_create(answers_us_saas(company_name="<script>alert(1)</script>"))
    body = client.get(assessment.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_report_is_noindex(client):
    body = client.get(assessment_create().get_absolute_url()).content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in body


def test_unknown_id_is_a_404(client):
    response = client.get("/assessments/00000000-0000-4000-8000-000000000000/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_sequential_ids_do_not_resolve(client):
    assert client.get("/assessments/1/").status_code == 404


def test_report_renders_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    assessment = assessment_create()
    with django_assert_max_num_queries(6):
        response = client.get(assessment.get_absolute_url())
    assert response.status_code == 200


def test_report_does_not_change_when_the_reference_data_changes(client):
    assessment = assessment_create()
    before = client.get(assessment.get_absolute_url()).content.decode()
    DecisionFactor.objects.filter(key="customers_north_america").update(weight=1)
    after = client.get(assessment.get_absolute_url()).content.decode()
    assert "+20" in after
    assert before.count("+20") == after.count("+20")


def test_recalculate_makes_a_new_version_with_current_data(client):
    assessment = assessment_create()
    client_owns(client, assessment)
    DecisionFactor.objects.filter(key="customers_north_america").update(weight=1)
    response = client.post(reverse("assessments:recalculate", args=[assessment.pk]))
    newer = Assessment.objects.exclude(pk=assessment.pk).get()
    assert response["Location"] == newer.get_absolute_url()
    assert newer.predecessor == assessment
    assert newer.reference_version != assessment.reference_version
    assert any(r["points"] == 1 for r in newer.result["reasons"])
    assessment.refresh_from_db()
    assert any(r["points"] == 20 for r in assessment.result["reasons"])


def test_recalculate_needs_post(client):
    assessment = assessment_create()
    assert client.get(reverse("assessments:recalculate", args=[assessment.pk])).status_code == 405


def test_edit_answers_prefills_the_wizard_and_saves_a_new_version(client):
    complete_wizard(client)
    first = Assessment.objects.get()
    confirm = client.get(reverse("assessments:edit", args=[first.pk]))
    assert (
        confirm.status_code == 200 and "Submitting saves a new version" in confirm.content.decode()
    )
    response = client.post(reverse("assessments:edit", args=[first.pk]))
    assert response["Location"].endswith("/assess/review/")
    review = client.get(response["Location"]).content.decode()
    assert "Acme Analytics" in review and "editing the answers of an earlier report" in review

    from tests.assessments.wizard_helpers import post_step

    post_step(
        client,
        "customers",
        {"segments": ["enterprise"], "customer_regions": ["north_america", "eu", "uk"]},
    )
    post_step(client, "demands", {"requests": ["soc2", "iso27001"], "deals_iso": "3"})
    client.get("/assess/review/")
    done = post_step(client, "review", {})
    second = Assessment.objects.exclude(pk=first.pk).get()
    assert done["Location"] == second.get_absolute_url()
    assert second.predecessor == first
    assert second.answers["customer_regions"] == ["north_america", "eu", "uk"]
    first.refresh_from_db()
    assert first.answers["customer_regions"] == ["north_america"]
    assert first.result["verdict"] == "soc2"
    assert second.result["verdict"] == "both"


def test_edit_keeps_the_readiness_answers(client):
    complete_wizard(client, level="evidence")
    first = Assessment.objects.get()
    client.post(reverse("assessments:edit", args=[first.pk]))
    step = client.get("/assess/practices1/")
    key = next(iter(practice_answers()["practices1"]))
    assert step.context["form"][key].value() == "evidence"


def test_compare_shows_what_changed_between_versions(client):
    first = assessment_create()
    second = assessment_create(answers_eu_supplier(), predecessor=first)
    body = client.get(reverse("assessments:compare", args=[second.pk, first.pk])).content.decode()
    assert "Compare two versions" in body
    assert "table-warning" in body
    assert "ISO 27001" in body


def test_versions_are_listed_on_the_report(client):
    first = assessment_create()
    second = assessment_create(predecessor=first)
    body = client.get(second.get_absolute_url()).content.decode()
    assert "This version" in body
    assert first.get_absolute_url() in body


def test_readiness_gaps_list_control_ids_of_both_frameworks(client):
    complete_wizard(client, level="partly")
    assessment = Assessment.objects.get()
    body = client.get(assessment.get_absolute_url()).content.decode()
    assert "things to do first" in body
    assert "badge-soc2" in body and "badge-iso27001" in body
    assert "An auditor will want to see" in body


def test_a_report_saved_by_engine_one_still_opens_as_it_was_computed(client):
    old = assessment_engine_one()
    body = client.get(old.get_absolute_url()).content.decode()
    assert old.result["headline"] in body
    assert "Computed by engine 1.0" in body
    assert "Deadline for proof" in body and "2027-03-31" in body
    pdf = client.get(reverse("assessments:report_pdf", args=[old.pk]))
    assert pdf.status_code == 200


def test_recalculating_an_engine_one_report_moves_it_to_the_current_engine(client):
    old = assessment_engine_one()
    client.post(reverse("assessments:recalculate", args=[old.pk]))
    newer = Assessment.objects.exclude(pk=old.pk).get()
    assert newer.engine_version == newer.result["engine_version"] == ENGINE_VERSION
    # The one deadline engine 1 asked for now belongs to the framework that was asked for.
    assert newer.answers["deadline_soc2"] == "2027-03-31"
    assert [o["framework"] for o in newer.result["obligations"]] == ["soc2"]


def test_a_not_yet_report_says_why_and_what_would_change_it(client):
    answers = answers_us_saas(headcount="1-10", requests=("none",), budget_amount=5_000)
    body = client.get(assessment_create(answers).get_absolute_url()).content.decode()
    assert "Not yet" in body
    assert "What would change this answer" in body
    assert "Nobody has named SOC 2 or ISO 27001 yet" in body
    assert "No audit is planned yet" in body


def test_the_report_reads_reference_texts_from_the_version_it_was_computed_with():
    from assessments.report.context import report_context
    from assessments.report.model import saved_report
    from frameworks.models import ComparisonText

    assessment = assessment_create()
    first = ComparisonText.objects.filter(framework__code="soc2").order_by("pk").first()
    before = first.text
    ComparisonText.objects.filter(pk=first.pk).update(text="An edit made after the report.")
    context = report_context(saved_report(assessment))
    texts = [aspect.texts["soc2"] for aspect in context["comparison"]]
    assert before in texts
    assert "An edit made after the report." not in texts
    assert "comparison" not in assessment.result
    assert "shared" not in assessment.result["overlap"]


def test_a_report_reads_the_reference_data_it_was_computed_with_after_the_data_changes():
    from assessments.report.model import saved_report
    from frameworks.models import Control

    before = assessment_create()
    control = Control.objects.get(framework__code="iso27001", ref="A.5.1")
    old_title = control.title
    control.title = "Policies for information security (renamed)"
    control.save()
    after = assessment_create()

    def title(assessment) -> str:
        return next(
            c.title for c in saved_report(assessment).reference.controls if c.ref == "A.5.1"
        )

    assert before.reference_version != after.reference_version
    assert title(before) == old_title
    assert title(after) == control.title

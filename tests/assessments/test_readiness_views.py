import csv
import io
import re

import pytest
from django.urls import reverse

from assessments.models import Assessment
from tests.assessments.pages import report_page
from tests.assessments.wizard_helpers import complete_wizard, practice_answers

pytestmark = pytest.mark.django_db
REMOTE = "Fully remote company: no offices, every system runs in the cloud."


def _assessment_with_practices(
    client, level="in_place", na_physical=True, categories=None
) -> Assessment:
    overrides = {}
    if categories:
        overrides["budget"] = {"soc2_categories": list(categories)}
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
    assert body.count('<td data-label="Applicable">') == 93


def test_soa_csv_has_93_rows_the_right_columns_and_reasons_for_exclusions(client):
    assessment = _assessment_with_practices(client)
    response = client.get(reverse("assessments:soa_csv", args=[assessment.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "statement-of-applicability" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 93
    assert list(rows[0]) == [
        "Control",
        "Title",
        "Applicable",
        "Justification for inclusion",
        "Implemented",
        "Justification for exclusion",
    ]
    excluded = [r for r in rows if r["Applicable"] == "No"]
    assert excluded and all(r["Justification for exclusion"].strip() for r in excluded)
    # A reason that looks like a spreadsheet formula is written as plain text.
    assert all(r["Justification for exclusion"].startswith("'=") for r in excluded)


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


def test_pdf_holds_readiness_and_the_first_90_days_and_leaves_the_soa_to_its_workbook(client):
    from pypdf import PdfReader

    assessment = _assessment_with_practices(client, level="partly")
    content = client.get(f"{assessment.get_absolute_url()}report.pdf").getvalue()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "Readiness and the first 90 days" in text and "The first 90 days" in text
    assert "Statement of Applicability" in text and "A.8.34" not in text


def _gap_assessment(client) -> Assessment:
    """Everything answered "in place with evidence" except MFA, answered "in place"."""
    answers = practice_answers("evidence")
    answers["practices1"]["q_mfa_enforced"] = "in_place"
    complete_wizard(client, overrides=answers, level="evidence")
    return Assessment.objects.get()


def test_report_says_how_much_was_assessed_and_shows_each_gap_s_own_evidence(client):
    from frameworks.models import Control, ReadinessQuestion

    assessment = _gap_assessment(client)
    body = client.get(assessment.get_absolute_url()).content.decode()
    # Security, Availability and Confidentiality are in scope for this SaaS company (38 criteria).
    assert "38 of 38 SOC 2 criteria</strong> and" in body
    assert "123 of 123 ISO 27001 requirements</strong> were assessed" in body
    question = ReadinessQuestion.objects.get(key="mfa_enforced")
    assert f"<strong>{question.title}</strong>" in body
    assert "In place but without evidence · moves 2 SOC 2 criteria and 2 ISO 27001" in body
    assert question.auditor_evidence in body
    # Not the text of the first control the question maps to, as the report once showed.
    first = Control.objects.get(framework__code="soc2", ref="CC6.1")
    assert first.auditor_evidence not in body


def test_pdf_puts_each_gap_under_its_owner_and_leaves_the_evidence_to_the_gap_register(client):
    from frameworks.models import ReadinessQuestion

    assessment = _gap_assessment(client)
    text = _pdf_text(client, assessment)
    question = ReadinessQuestion.objects.get(key="mfa_enforced")
    assert f"{question.title} (week 1)" in text
    assert "the gap register lists every one" not in text  # no gap beyond the 90 days
    assert "Gap register: every gap with its owner, effort, evidence and due date" in text


def test_report_counts_only_the_assessed_requirements_when_the_optional_step_is_skipped(client):
    skipped = dict.fromkeys(practice_answers()["practices_more"], "")
    complete_wizard(client, overrides={"practices_more": skipped}, level="evidence")
    body = client.get(Assessment.objects.get().get_absolute_url()).content.decode()
    assert "37 of 38 SOC 2 criteria</strong>" in body
    assert "111 of 123 ISO 27001 requirements</strong>" in body
    assert "15 questions were left unanswered" in body
    assert "answer the remaining questions" in body


def test_overlap_says_how_much_is_covered_in_full_and_in_part(client):
    assessment = _assessment_with_practices(client, na_physical=False)
    overlap = assessment.result["overlap"]
    body = " ".join(client.get(assessment.get_absolute_url()).content.decode().split())
    soc2_partial = overlap["soc2_linked"][0] - overlap["soc2_full"]
    assert (
        f"{overlap['soc2_full']} of its 61 criteria in full and {soc2_partial} more in part" in body
    )
    assert "(61 of 61 criteria)" not in body


def test_deep_dive_refuses_to_exclude_a_common_criterion_or_without_a_real_reason(client):
    assessment = _assessment_with_practices(
        client, na_physical=False, categories=("security", "privacy")
    )
    url = reverse("assessments:deep_dive", args=[assessment.pk, "soc2"])
    page = client.get(url)
    controls = page.context["form"].controls
    common = next(i for i, c in enumerate(controls) if c["ref"] == "CC6.4")
    privacy = next(i for i, c in enumerate(controls) if c["ref"] == "P5.1")
    body = page.content.decode()
    # "Not applicable" is offered only where it is allowed.
    for index, offered in ((common, False), (privacy, True)):
        select = body.split(f'name="s_{index}"', 1)[1].split("</select>", 1)[0]
        assert ('value="not_applicable"' in select) is offered
    response = client.post(
        url,
        {
            f"s_{common}": "not_applicable",
            f"n_{common}": REMOTE,
            f"s_{privacy}": "not_applicable",
            f"n_{privacy}": "n/a",
        },
    )
    errors = response.context["form"].errors
    assert "common criteria (CC1–CC9)" in " ".join(errors[f"s_{common}"])
    assert "Give a real reason" in " ".join(errors[f"n_{privacy}"])
    assert Assessment.objects.count() == 1
    saved = client.post(url, {f"s_{privacy}": "not_applicable", f"n_{privacy}": REMOTE})
    assert saved.status_code == 302 and Assessment.objects.count() == 2


def test_the_soc2_deep_dive_lists_only_the_categories_in_scope(client):
    assessment = _assessment_with_practices(client, categories=("security",))
    page = client.get(reverse("assessments:deep_dive", args=[assessment.pk, "soc2"]))
    refs = {c["ref"] for c in page.context["form"].controls}
    assert "CC6.1" in refs and len(refs) == 33
    assert not refs & {"A1.2", "C1.1", "PI1.1", "P5.1"}
    assert assessment.result["readiness"]["coverage"]["soc2"][1] == 33


def test_deep_dive_refuses_met_without_evidence_and_na_the_profile_contradicts(client):
    first = _assessment_with_practices(client, na_physical=False)
    url = reverse("assessments:deep_dive", args=[first.pk, "iso27001"])
    controls = client.get(url).context["form"].controls
    at = {c["ref"]: i for i, c in enumerate(controls)}
    response = client.post(
        url,
        {
            f"s_{at['A.5.1']}": "met",
            f"n_{at['A.5.1']}": "done",
            f"s_{at['A.8.13']}": "not_applicable",
            f"n_{at['A.8.13']}": "Our cloud provider keeps copies of everything for us.",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "names no evidence" in errors[f"n_{at['A.5.1']}"][0]
    assert "does not fit your answers" in errors[f"s_{at['A.8.13']}"][0]
    assert "hosted service" in errors[f"s_{at['A.8.13']}"][0]
    assert Assessment.objects.count() == 1


def test_practice_pages_offer_not_applicable_only_where_it_could_stand(client):
    from tests.assessments.wizard_helpers import VALID, post_step, step_url

    client.get(reverse("assessments:wizard_start"))
    for step in ("company", "customers", "regions", "demands", "budget", "current"):
        assert post_step(client, step, VALID[step]).status_code == 302
    pages = {}
    for step in ("practices1", "practices2", "practices_more"):
        pages[step] = client.get(step_url(step)).content.decode()
    page = "".join(pages.values())
    # MFA covers SOC 2 common criteria; capacity is necessary for a hosted service.
    assert not re.search(r'name="practices\d-q_mfa_enforced"[^>]*value="na"', page)
    assert not re.search(r'name="practices_more-q_capacity_monitoring"[^>]*value="na"', page)
    assert "does not fit your answers: You run a hosted service" in page
    # Equipment of its own is a real choice for a cloud company.
    assert re.search(r'name="practices_more-q_equipment_protection"[^>]*value="na"', page)


def _saas_assessment(levels=None, notes=None, overrides=None) -> Assessment:
    """A SaaS company handling personal data, every question "in place with evidence" except
    `levels`, saved by the same service the wizard and the CLI use."""
    from frameworks.models import ReadinessQuestion
    from tests.factories import answers_us_saas, assessment_create

    readiness = dict.fromkeys(ReadinessQuestion.objects.values_list("key", flat=True), "evidence")
    answers = answers_us_saas(
        readiness=readiness | (levels or {}),
        readiness_notes=notes or {},
        control_overrides=overrides or {},
    )
    return assessment_create(answers)


def _page(client, assessment) -> str:
    return " ".join(report_page(client, assessment).split())


def _pdf_text(client, assessment) -> str:
    from pypdf import PdfReader

    content = client.get(f"{assessment.get_absolute_url()}report.pdf").getvalue()
    return " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages
    )


def test_report_names_an_exclusion_the_profile_contradicts_and_counts_it_as_not_in_place(client):
    from frameworks.models import NecessityRule, ReadinessQuestion

    generic = "We are a software company."
    assessment = _saas_assessment(
        levels={"privacy_notice_current": "na", "capacity_monitoring": "na"},
        notes={"privacy_notice_current": generic, "capacity_monitoring": generic},
    )
    body = _page(client, assessment)
    for key in ("privacy_notice_current", "capacity_monitoring"):
        title = ReadinessQuestion.objects.get(key=key).title
        because = NecessityRule.objects.get(target=key).because
        assert f"Exclusion refused: {title}." in body
        # The message says which answer makes it necessary.
        assert because.replace("'", "&#x27;") in body
    assert "It counts as not in place" in body
    # Refused, it is a gap like any other "not in place".
    privacy = ReadinessQuestion.objects.get(key="privacy_notice_current").title
    assert f"<strong>{privacy}</strong> <span" in body


def test_report_flags_an_override_an_answer_contradicts_or_no_evidence_backs(client):
    from frameworks.models import ReadinessQuestion

    assessment = _saas_assessment(
        levels={"incident_response_plan": "not_in_place"},
        overrides={
            "iso27001:A.5.24": {"status": "met", "note": "Runbook <b>v2</b>, drill minutes"},
            "iso27001:A.8.8": {"status": "met", "note": "Done"},
            "soc2:CC6.6": {"status": "partial", "note": "WAF <i>only</i>; VPN half done"},
        },
    )
    body = _page(client, assessment)
    incident = ReadinessQuestion.objects.get(key="incident_response_plan").title
    problems = body.split("What does not count as you answered", 1)[1].split("First 90 days")[0]
    assert (
        "A.5.24" in problems and f"your answer to “{incident}” says it is not in place" in problems
    )
    assert "A.8.8" in problems and "the note names no evidence" in problems
    assert problems.count("it counts as “partly”") == 2
    assert "CC6.6" not in problems
    # Every override is listed with its note, user text escaped.
    verdicts = body.split("Your control-by-control verdicts", 1)[1]
    for ref in ("A.5.24", "A.8.8", "CC6.6"):
        assert f'<span class="control-ref">{ref}</span>' in verdicts
    assert "Runbook &lt;b&gt;v2&lt;/b&gt;, drill minutes" in verdicts
    assert "WAF &lt;i&gt;only&lt;/i&gt;; VPN half done" in verdicts
    assert "<b>v2</b>" not in body and "<i>only</i>" not in body
    assert "2 do not count as you set them" in verdicts


def test_report_plans_the_first_90_days_with_owner_weeks_and_what_done_looks_like(client):
    from frameworks.models import ReadinessQuestion

    assessment = _saas_assessment(
        levels={
            "isms_scope_defined": "not_in_place",
            "risk_register_maintained": "partly",
            "mfa_enforced": "partly",
            "intellectual_property_respected": "not_in_place",
        }
    )
    body = _page(client, assessment)
    q = {k: ReadinessQuestion.objects.get(key=k) for k in ("isms_scope_defined", "mfa_enforced")}
    plan = body.split("First 90 days", 1)[1].split("things to do first")[0]
    scope, mfa = q["isms_scope_defined"], q["mfa_enforced"]
    assert (
        f'<th scope="row">{scope.title}</th><td data-label="Owner">{scope.owner_role}</td>' in plan
    )
    assert f'<th scope="row">{mfa.title}</th><td data-label="Owner">{mfa.owner_role}</td>' in plan
    assert mfa.auditor_evidence.replace("'", "&#x27;") in plan
    assert 'class="plan-weeks">Weeks 1–3</td>' in plan or 'class="plan-weeks">Week 1</td>' in plan
    gaps = body.split("things to do first", 1)[1]
    # The risk assessment waits for the scope; partly enforced MFA comes before licences.
    risk = ReadinessQuestion.objects.get(key="risk_register_maintained").title
    licences = ReadinessQuestion.objects.get(key="intellectual_property_respected").title
    assert f"after: {scope.title}" in gaps.split(risk, 1)[1].split("</li>")[0]
    assert gaps.index(mfa.title) < gaps.index(licences)
    assert "Priority 5 of 5" in gaps.split(mfa.title, 1)[1].split("</li>")[0]
    assert f"Owner: {mfa.owner_role}" in gaps


def test_pdf_shows_the_plan_and_the_problems_but_not_every_override(client):
    assessment = _saas_assessment(
        levels={"incident_response_plan": "not_in_place", "mfa_enforced": "partly"},
        overrides={
            "iso27001:A.5.24": {"status": "met", "note": "Runbook v2, drill minutes"},
            "soc2:CC6.6": {"status": "partial", "note": "Web application firewall only"},
        },
    )
    text = _pdf_text(client, assessment)
    assert "The first 90 days" in text
    assert "you set “met, with evidence”, it counts as “partly”" in text
    assert "Runbook v2, drill minutes" in text
    # An override that stands is counted, not listed, in the board pack.
    assert "Web application firewall only" not in text
    assert "The online report lists every verdict with its note" in text

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments.models import Assessment
from assessments.wizard.steps import STEP_TITLES, STEPS
from tests.assessments.wizard_helpers import (
    PREFIX,
    VALID,
    complete_wizard,
    future,
    post_step,
    practice_answers,
    step_url,
)

pytestmark = pytest.mark.django_db


def test_start_redirects_to_the_first_step(client):
    response = client.get(reverse("assessments:wizard_start"))
    assert response.status_code == 302
    assert response["Location"] == step_url("company")


def test_each_step_shows_progress_and_names_the_step(client):
    response = client.get(step_url("company"))
    body = response.content.decode()
    assert f"Step 1 of {len(STEPS)}" in body
    assert 'role="progressbar"' in body and 'aria-valuenow="0"' in body
    assert f"<title>Company · step 1 of {len(STEPS)} · Certpath</title>" in body
    assert 'aria-current="step"' in body


def test_the_step_list_marks_the_steps_done_the_current_one_and_those_to_come(client):
    client.get(reverse("assessments:wizard_start"))
    post_step(client, "company", VALID["company"])
    post_step(client, "customers", VALID["customers"])
    body = client.get(step_url("regions")).content.decode()
    titles = [escape(STEP_TITLES[name]) for name, _ in STEPS]
    assert f"Step 3 of {len(STEPS)}" in body
    for number, title in enumerate(titles[:2], start=1):
        assert f'wizard-step-done">{number}. {title}<span class="visually-hidden"> (done)' in body
    assert f'<span aria-current="step" class="fw-semibold">3. {titles[2]}</span>' in body
    assert body.count('aria-current="step"') == 1
    for number, title in enumerate(titles[3:], start=4):
        assert f'<span class="text-muted-strong">{number}. {title}</span>' in body
    assert body.count("(done)") == 2


def test_a_valid_step_moves_on_and_the_answers_survive_going_back(client):
    client.get(reverse("assessments:wizard_start"))
    response = post_step(client, "company", VALID["company"])
    assert response.status_code == 302 and response["Location"] == step_url("customers")
    back = post_step(client, "customers", {"segments": ["smb"]}, wizard_goto_step="company")
    assert back["Location"] == step_url("company")
    page = client.get(step_url("company")).content.decode()
    assert 'value="Acme Analytics"' in page
    # What was typed on the page we left is kept too.
    customers = client.get(step_url("customers")).content.decode()
    assert (
        'value="smb" checked' in customers
        or 'checked value="smb"' in customers
        or ('value="smb"' in customers and "checked" in customers)
    )


def test_answers_survive_a_reload(client):
    client.get(reverse("assessments:wizard_start"))
    post_step(client, "company", VALID["company"])
    post_step(client, "customers", VALID["customers"])
    page = client.get(step_url("customers"))
    assert page.context["form"]["customer_regions"].value() == ["north_america"]


@pytest.mark.parametrize(
    "step,data,field,message",
    [
        ("company", {**VALID["company"], "delivery": []}, "delivery", "at least one way"),
        ("company", {**VALID["company"], "company_name": "x" * 201}, "company_name", "at most 200"),
        (
            "company",
            {**VALID["company"], "company_name": "Ac\x00me"},
            "company_name",
            "null characters",
        ),
        (
            "company",
            {**VALID["company"], "company_name": "Ac\x07me"},
            "company_name",
            "control characters",
        ),
        ("company", {**VALID["company"], "headcount": "9999"}, "headcount", "valid choice"),
        (
            "customers",
            {**VALID["customers"], "customer_regions": []},
            "customer_regions",
            "at least one region",
        ),
        (
            "company",
            {**VALID["company"], "industry": "other", "industry_other": ""},
            "industry_other",
            "say which industry",
        ),
        (
            "customers",
            {**VALID["customers"], "public_sector_countries": ["other"]},
            "public_sector_other",
            "say which country",
        ),
        ("regions", {"selling_now": []}, "selling_now", "at least one region"),
        (
            "demands",
            {**VALID["demands"], "requests": ["none", "soc2"]},
            "requests",
            "cannot be combined",
        ),
        (
            "demands",
            {**VALID["demands"], "deals_soc2": "-1"},
            "deals_soc2",
            "greater than or equal to 0",
        ),
        (
            "demands",
            {**VALID["demands"], "deadline_soc2": "2001-01-01"},
            "deadline_soc2",
            "in the future",
        ),
        (
            "demands",
            {**VALID["demands"], "deadline_soc2": future(365 * 7)},
            "deadline_soc2",
            "within 5 years",
        ),
        (
            "demands",
            {**VALID["demands"], "deadline_iso": future(90)},
            "deadline_iso",
            "no customer or tender asks for iso 27001",
        ),
        (
            "demands",
            {**VALID["demands"], "tender_requirements": ["other"], "tender_other": "  "},
            "tender_other",
            "say which certification",
        ),
        (
            "budget",
            {**VALID["budget"], "budget_amount": "-100"},
            "budget_amount",
            "cannot be negative",
        ),
        (
            "budget",
            {**VALID["budget"], "budget_amount": "999999999"},
            "budget_amount",
            "check the amount",
        ),
        ("budget", {**VALID["budget"], "budget_amount": "NaN"}, "budget_amount", "whole number"),
        (
            "budget",
            {**VALID["budget"], "budget_yearly": "-5"},
            "budget_yearly",
            "yearly budget cannot be negative",
        ),
        (
            "budget",
            {**VALID["budget"], "internal_people": "-1"},
            "internal_people",
            "greater than or equal to 0",
        ),
        ("current", {"maturity": ""}, "maturity", "required"),
        (
            "current",
            {"maturity": "basic", "existing": ["soc2_type2"], "soc2_period_end": "2001-01-01"},
            "soc2_period_end",
            "must be in the future",
        ),
        (
            "current",
            {"maturity": "basic", "iso_expiry": future(200)},
            "iso_expiry",
            "tick an iso 27001:2022 certificate",
        ),
        (
            "current",
            {"maturity": "basic", "existing": ["other"]},
            "existing_other",
            "say which certification or report",
        ),
    ],
)
def test_invalid_input_gets_a_message_next_to_the_field(client, step, data, field, message):
    complete_steps = list(VALID)
    client.get(reverse("assessments:wizard_start"))
    for previous in complete_steps[: complete_steps.index(step)]:
        post_step(client, previous, VALID[previous])
    response = post_step(client, step, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message.lower() in " ".join(errors[field]).lower()
    assert f'id="error_1_id_{step}-{field}"' in response.content.decode() or (
        "invalid-feedback" in response.content.decode()
    )


REMOTE = "Fully remote company: no offices, every system runs in the cloud."


def _practices_with(step: str, key: str, level: str, note: str | None = None) -> dict:
    from tests.assessments.wizard_helpers import practice_answers

    data = {**practice_answers()[step], f"q_{key}": level}
    if note is not None:
        data[f"note_{key}"] = note
    return data


def test_not_applicable_needs_a_reason_in_a_sentence(client):
    complete_wizard_until(client, "practices2")
    for note, message in (
        (None, "Say in a sentence why this does not apply"),
        ("n/a", "Give a real reason"),
        ("-", "Give a real reason"),
        ("no office", "Give a real reason"),
    ):
        data = _practices_with("practices2", "office_physical_security", "na", note)
        response = post_step(client, "practices2", data)
        assert response.status_code == 200
        errors = response.context["form"].errors["note_office_physical_security"]
        assert message in " ".join(errors), note
    data = _practices_with("practices2", "office_physical_security", "na", REMOTE)
    assert post_step(client, "practices2", data).status_code == 302


def test_not_applicable_is_refused_for_common_criteria_and_isms_clause_questions(client):
    complete_wizard_until(client, "practices1")
    for key, message in (
        ("mfa_enforced", "covers SOC 2 CC6.1, CC6.6. The SOC 2 common criteria (CC1–CC9)"),
        ("risk_register_maintained", "ISO 27001 clauses 4–10 apply to every ISMS"),
    ):
        response = post_step(client, "practices1", _practices_with("practices1", key, "na", REMOTE))
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors[f"q_{key}"])


def test_the_optional_step_can_be_skipped_and_says_so(client):
    from assessments.models import Assessment

    complete_wizard_until(client, "practices_more")
    page = client.get(step_url("practices_more")).content.decode()
    assert "Complete your readiness" in page and "(optional)" in page
    assert "earns nothing" in page and "skip this page" in page
    response = post_step(client, "practices_more", {}, wizard_goto_step="review")
    assert response["Location"] == step_url("review")
    assert post_step(client, "review", {}).status_code == 302
    readiness = Assessment.objects.get().result["readiness"]
    assert readiness["unanswered"] and len(readiness["unanswered"]) == 15
    # In scope: Security, Availability and Confidentiality, as recommended for this SaaS company
    # holding confidential data (33 + 3 + 2 criteria).
    assert readiness["coverage"]["soc2"] == [37, 38]


def test_the_optional_step_keeps_the_answers_given_and_the_rules(client):
    from assessments.models import Assessment

    complete_wizard_until(client, "practices_more")
    refused = post_step(
        client,
        "practices_more",
        {"q_penetration_testing": "na", "note_penetration_testing": REMOTE},
    )
    assert "CC4.1, CC7.1" in " ".join(refused.context["form"].errors["q_penetration_testing"])
    data = {"q_capacity_monitoring": "evidence", "q_consent_and_choice": "partly"}
    assert post_step(client, "practices_more", data).status_code == 302
    post_step(client, "review", {})
    answers = Assessment.objects.get().answers["readiness"]
    assert answers["capacity_monitoring"] == "evidence" and "penetration_testing" not in answers


def complete_wizard_until(client, stop: str) -> None:
    from tests.assessments.wizard_helpers import practice_answers

    steps = {**VALID, **practice_answers()}
    client.get(reverse("assessments:wizard_start"))
    for step, data in steps.items():
        if step == stop:
            return
        post_step(client, step, data)


def test_review_shows_every_answer_with_edit_links(client):
    complete_wizard_until(client, "review")
    response = client.get(step_url("review"))
    body = response.content.decode()
    assert "Acme Analytics" in body and "Mid-market, Enterprise" in body
    for step in (*VALID, "practices1"):
        assert f'href="{step_url(step)}"' in body


def test_submit_saves_one_assessment_and_redirects_to_its_report(client):
    response = complete_wizard(client)
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == assessment.get_absolute_url()
    assert assessment.answers["company_name"] == "Acme Analytics"
    assert assessment.result["verdict"] == "soc2"
    assert assessment.reference_version.startswith("rd-")


def test_a_get_of_the_done_url_never_creates_an_assessment(client):
    complete_wizard_until(client, "review")
    response = client.get(step_url("done"))
    assert response.status_code == 302
    assert Assessment.objects.count() == 0


def test_tampered_management_form_restarts_cleanly(client):
    client.get(reverse("assessments:wizard_start"))
    post_step(client, "company", VALID["company"])
    response = client.post(step_url("customers"), {f"{PREFIX}-current_step": "bogus"})
    assert response.status_code == 302
    assert response["Location"] == step_url("company")
    missing = client.post(step_url("customers"), {"customers-segments": ["smb"]})
    assert missing.status_code == 302


def test_tampered_step_name_in_the_url_goes_back_to_the_start(client):
    response = client.get("/assess/not_a_step/")
    assert response.status_code == 302
    assert response["Location"] == step_url("company")


def test_expired_session_restarts_with_a_message(client):
    client.get(reverse("assessments:wizard_start"))
    post_step(client, "company", VALID["company"])
    client.session.flush()
    client.cookies.clear()
    response = post_step(client, "budget", VALID["budget"])
    assert response.status_code == 302
    assert response["Location"] == step_url("company")
    page = client.get(response["Location"])
    assert "session expired" in page.content.decode()


def test_wizard_works_without_javascript_and_uses_real_buttons(client):
    body = client.get(step_url("company")).content.decode()
    assert '<form method="post"' in body
    assert 'type="submit"' in body
    assert "csrfmiddlewaretoken" in body


def test_deadline_limit_handles_the_29th_of_february():
    import datetime
    from unittest import mock

    from assessments.wizard.forms import DemandsForm

    leap_day = datetime.date(2028, 2, 29)
    with mock.patch("django.utils.timezone.localdate", return_value=leap_day):
        form = DemandsForm(data={**VALID["demands"], "deadline_soc2": "2033-02-28"})
        assert form.is_valid(), form.errors
        late = DemandsForm(data={**VALID["demands"], "deadline_soc2": "2033-03-01"})
        assert "within 5 years" in " ".join(late.errors["deadline_soc2"])


def test_review_shows_money_with_its_currency_and_labels_not_codes(client):
    complete_wizard_until(client, "review")
    body = client.get(step_url("review")).content.decode()
    assert "$90,000" in body
    assert "None held" in body
    assert "A SOC 2 report" in body


def test_after_review_an_edited_step_can_return_straight_to_review(client):
    complete_wizard_until(client, "review")
    client.get(step_url("review"))
    page = client.get(step_url("demands")).content.decode()
    assert "Save and return to review" in page
    response = post_step(
        client, "demands", {**VALID["demands"], "deals_soc2": "7"}, return_to_review="1"
    )
    assert response["Location"] == step_url("review")
    assert "7" in client.get(step_url("review")).content.decode()


def test_return_to_review_is_not_offered_before_the_review_was_reached(client):
    client.get(reverse("assessments:wizard_start"))
    post_step(client, "company", VALID["company"])
    assert "Save and return to review" not in client.get(step_url("customers")).content.decode()


def test_demands_step_hides_follow_up_questions_until_they_apply_but_works_without_js(client):
    complete_wizard_until(client, "demands")
    body = client.get(step_url("demands")).content.decode()
    # Every field is in the page (no JavaScript needed); the script hides what does not apply.
    assert 'data-show-when="requests=soc2|tender_requirements=soc2,either"' in body
    assert 'name="demands-deadline_iso"' in body


def test_a_follow_up_answer_for_a_framework_nobody_asked_for_is_refused_not_dropped(client):
    complete_wizard_until(client, "demands")
    response = post_step(client, "demands", {"requests": ["questionnaires"], "deals_iso": "3"})
    assert response.status_code == 200
    assert "tick it there" in " ".join(response.context["form"].errors["deals_iso"])


def test_engine_one_answers_reopen_in_the_new_steps():
    from assessments.selectors import readiness_questions_load
    from assessments.wizard.steps import steps_from_answers

    old = {
        "headcount": "11-50",
        "requests": ["iso27001"],
        "deals_at_stake": 4,
        "deadline": "2027-06-30",
        "budget_amount": 50000,
    }
    data = steps_from_answers(old, questions=readiness_questions_load())
    assert data["demands"]["demands-deals_iso"] == ["4"]
    assert data["demands"]["demands-deadline_iso"] == ["2027-06-30"]
    assert "demands-deadline_soc2" not in data["demands"]


def test_a_demanded_scheme_is_saved_with_its_date_and_deals_and_planned(client):
    deadline = future(200)
    response = complete_wizard(
        client,
        {
            "demands": {
                "demanded_schemes": ["tisax"],
                "scheme_deadline_tisax": deadline,
                "scheme_deals_tisax": "2",
            }
        },
    )
    assert response.status_code == 302
    saved = Assessment.objects.latest("created_at")
    assert saved.answers["demanded_schemes"] == {"tisax": {"deadline": deadline, "deals": 2}}
    assert any(item["framework"] == "tisax" for item in saved.result["plan"])
    report = client.get(response.url)
    assert "TISAX" in report.content.decode()


def test_the_demands_step_offers_every_scheme_and_another_one(client):
    client.get(reverse("assessments:wizard_start"))
    for step in ("company", "customers", "regions"):
        post_step(client, step, VALID[step])
    page = client.get(step_url("demands")).content.decode()
    assert 'value="cyber_essentials_plus"' in page and 'value="other"' in page
    assert 'data-show-when="demanded_schemes=tisax"' in page


def test_the_budget_page_prefills_the_categories_the_company_answers_call_for(client):
    def prefilled(company: dict) -> set[str]:
        client.get(reverse("assessments:wizard_start") + "?reset")
        post_step(client, "company", company)
        for step in ("customers", "regions", "demands"):
            post_step(client, step, VALID[step])
        page = client.get(step_url("budget"))
        return set(page.context["form"].initial["soc2_categories"])

    # SaaS holding confidential data: availability and confidentiality join security.
    assert prefilled(VALID["company"]) == {"security", "availability", "confidentiality"}
    # The same company keeping no confidential data: confidentiality is no longer prefilled.
    assert prefilled({**VALID["company"], "data_types": ["personal"]}) == {
        "security",
        "availability",
    }


NO_PERSONAL_DATA = (
    "Our product stores no personal data at all: it only processes machine telemetry from "
    "industrial sensors, and no person can be identified from it."
)


def test_the_review_shows_the_answers_given_and_the_submit_rechecks_them(client):
    # "Not applicable" to consent is accepted for a company without personal data ...
    company = {**VALID["company"], "data_types": ["confidential"]}
    steps = {**VALID, "company": company, **practice_answers()}
    steps["practices_more"] = {
        "q_consent_and_choice": "na",
        "note_consent_and_choice": NO_PERSONAL_DATA,
    }
    client.get(reverse("assessments:wizard_start"))
    for step, data in steps.items():
        assert post_step(client, step, data).status_code == 302, step
    # ... then the company says it holds personal data after all.
    post_step(client, "company", VALID["company"], return_to_review="1")
    review = client.get(step_url("review")).content.decode()
    assert escape(NO_PERSONAL_DATA) in review  # what was given, shown as given
    submitted = post_step(client, "review", {})
    assert submitted["Location"] == step_url("practices_more")
    assert Assessment.objects.count() == 0
    page = client.get(submitted["Location"])
    errors = " ".join(page.context["form"].errors["q_consent_and_choice"])
    assert "personal data" in errors


def test_the_review_reads_an_answer_kept_from_an_unfinished_page_as_unanswered(client):
    # Going back keeps what was typed, valid or not; only a level is shown as an answer.
    complete_wizard_until(client, "practices_more")
    post_step(
        client,
        "practices_more",
        {"q_capacity_monitoring": "<b>bogus</b>", "q_consent_and_choice": "partly"},
        wizard_goto_step="review",
    )
    review = client.get(step_url("review")).content.decode()
    assert "bogus" not in review
    assert "Partly" in review  # the valid answer on the same page is shown

"""The journeys of DESIGN.md, each walked once in a real browser."""

import datetime
import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from frameworks.models import Control, DecisionFactor
from tests.e2e.flows import (
    EU_COMPANY,
    REPORT_URL,
    US_SAAS,
    WIZARD_STEPS,
    answer_practices,
    complete_wizard,
    expect_step,
    field,
    fill_step,
    focus_is_visible,
    next_step,
    start,
    submit,
    tab_to,
    walk_to,
)

pytestmark = pytest.mark.e2e


def test_us_saas_cto_gets_soc2_with_reasons_and_downloads_the_pdf(page, site):
    page.goto(site + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("SOC 2 or ISO 27001")
    walk_to(page, site, US_SAAS, until="practices1")

    # Back once, to change how mature security is; the earlier answer is still selected.
    page.get_by_role("button", name="Back").click()
    expect_step(page, "current")
    expect(field(page, "current", "maturity", "basic")).to_be_checked()
    field(page, "current", "maturity", "documented").check()
    next_step(page, "practices1")
    answer_practices(page)
    next_step(page, "practices2")
    answer_practices(page)
    next_step(page, "practices_more")
    expect(page.locator("main")).to_contain_text("You can skip this page")
    page.get_by_role("button", name="skip this page and go to the review").click()
    expect_step(page, "review")
    expect(page.locator("main")).to_contain_text("Documented: policies exist")
    submit(page)

    expect(page.locator(".verdict-name")).to_have_text("SOC 2")
    demanded = page.locator("#reasons .obligations-table tbody tr")
    expect(demanded.first).to_contain_text("A SOC 2 Type II report")
    expect(demanded.first.locator("[data-label='By']")).to_have_text("Customers")
    signals = page.locator("#reasons .reasons-table tbody tr")
    expect(signals.first.locator("[data-label='Your answer']")).to_contain_text("North America")
    assert signals.count() >= 3

    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    content = download.path().read_bytes()
    assert content.startswith(b"%PDF-") and len(content) > 10_000
    assert "Acme Cloud Inc." in PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_eu_company_gets_iso_and_editing_answers_makes_a_new_version(page, site):
    complete_wizard(page, site, EU_COMPANY)
    expect(page.locator(".verdict-name")).to_contain_text("ISO 27001")
    old_url = page.url
    old_summary = page.locator("#summary").inner_text()
    old_reasons = page.locator("#reasons").inner_text()
    assert "Selling in North America now" not in old_reasons

    page.get_by_role("link", name="Edit answers").click()
    page.get_by_role("button", name="Open the answers").click()  # a GET only asks
    expect_step(page, "review")
    expect(page.locator(".alert-info")).to_contain_text("editing the answers of an earlier report")
    page.get_by_role("link", name="Edit Markets").click()
    expect_step(page, "regions")
    expect(field(page, "regions", "selling_now", "eu")).to_be_checked()
    field(page, "regions", "selling_now", "north_america").check()
    for following in WIZARD_STEPS[WIZARD_STEPS.index("regions") + 1 :]:
        next_step(page, following)
    expect(page.locator("#review-regions").locator("xpath=../..")).to_contain_text("North America")
    submit(page)

    assert page.url != old_url
    expect(page.locator("#reasons")).to_contain_text("Selling in North America now")
    expect(page.locator("#h-versions")).to_be_visible()

    page.goto(old_url)
    assert page.locator("#summary").inner_text() == old_summary
    assert page.locator("#reasons").inner_text() == old_reasons


def test_invalid_answers_are_explained_beside_their_fields_and_nothing_is_lost(page, site):
    walk_to(page, site, US_SAAS, until="budget")
    fill_step(
        page,
        "budget",
        {"budget_amount": "-5000", "budget_yearly": "", "currency": "EUR", "internal_people": "2"},
    )
    next_step(page)  # "How will you get there?" is left unanswered

    expect_step(page, "budget")
    expect(page.get_by_role("alert")).to_contain_text("Please correct the answers marked below")
    budget = page.locator("#div_id_budget-budget_amount")
    expect(budget.locator(".invalid-feedback")).to_have_text("The budget cannot be negative.")
    expect(field(page, "budget", "budget_amount")).to_have_attribute("aria-invalid", "true")
    expect(field(page, "budget", "budget_amount")).to_be_focused()
    approach = page.locator("#div_id_budget-approach")
    expect(approach.locator(".invalid-feedback")).to_contain_text("This field is required")
    # Everything else typed on the page is still there.
    expect(field(page, "budget", "budget_amount")).to_have_value("-5000")
    expect(field(page, "budget", "currency")).to_have_value("EUR")
    expect(field(page, "budget", "internal_people")).to_have_value("2")

    fill_step(page, "budget", {"budget_amount": "75000", "approach": "consultant"})
    next_step(page, "current")
    page.get_by_role("button", name="Back").click()
    expect_step(page, "budget")
    expect(field(page, "budget", "budget_amount")).to_have_value("75000")
    expect(field(page, "budget", "approach", "consultant")).to_be_checked()
    # Earlier steps kept their answers as well.
    for earlier in ("demands", "regions", "customers", "company"):
        page.get_by_role("button", name="Back").click()
        expect_step(page, earlier)
    expect(field(page, "company", "company_name")).to_have_value("Acme Cloud Inc.")
    expect(field(page, "company", "industry")).to_have_value("saas")


def _log_in(page, site, username, password):
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Frameworks, controls")).to_be_visible()


def _revert_to_previous_version(page, change_url):
    page.goto(change_url)
    page.get_by_role("link", name="History").click()
    page.locator("#change-history tbody tr").nth(1).get_by_role("link").first.click()
    expect(page.locator("#content")).to_contain_text("Press the 'Revert' button below")
    page.get_by_role("button", name="Revert").first.click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")


def test_admin_edits_reference_data_sees_it_in_history_and_reverts_it(
    page, new_page, site, django_user_model
):
    django_user_model.objects.create_superuser("maintainer", "m@example.com", "pw-123456")
    control = Control.objects.get(framework__code="iso27001", ref="A.8.16")
    factor = DecisionFactor.objects.get(key="customers_eu")
    original_description, original_weight = control.description, factor.weight
    _log_in(page, site, "maintainer", "pw-123456")

    page.get_by_role("link", name="Controls").first.click()
    page.locator("#searchbar").fill("A.8.16")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="A.8.16", exact=True).click()
    page.get_by_label("Description").fill("Networks and systems are watched for anomalies.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{site}/admin/frameworks/decisionfactor/")
    page.get_by_label(f"Weight: {factor.name}").fill(str(original_weight + 5))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    change_url = f"{site}/admin/frameworks/control/{control.pk}/change/"
    page.goto(change_url)
    page.get_by_role("link", name="History").click()
    latest = page.locator("#change-history tbody tr").first
    expect(latest).to_contain_text("Changed")
    expect(latest).to_contain_text("maintainer")
    expect(latest).to_contain_text("watched for anomalies")
    _revert_to_previous_version(page, change_url)
    control.refresh_from_db()
    assert control.description == original_description

    factor_url = f"{site}/admin/frameworks/decisionfactor/{factor.pk}/change/"
    page.goto(factor_url)
    page.get_by_role("link", name="History").click()
    expect(page.locator("#change-history tbody tr").first).to_contain_text(
        f"{original_weight} → {original_weight + 5}"
    )
    _revert_to_previous_version(page, factor_url)
    factor.refresh_from_db()
    assert factor.weight == original_weight

    anonymous = new_page()
    for url in (change_url, f"{site}/admin/frameworks/decisionfactor/"):
        anonymous.goto(url)
        expect(anonymous).to_have_url(f"{site}/admin/login/?next=" + url.removeprefix(site))
        expect(anonymous.locator("#content")).not_to_contain_text("A.8.16")


# What to do at each field, in page order: a key to press, or text to type.
KEYBOARD_ANSWERS = {
    "company": [
        ("company_name", "Keyboard Ltd"),
        ("headcount", "Space"),
        ("industry", "ArrowDown"),
        ("delivery", "Space"),
    ],
    "customers": [("segments", "Space"), ("customer_regions", "Space")],
    "regions": [("selling_now", "Space")],
    "demands": [("requests", "Space")],
    "budget": [("budget_amount", "60000"), ("approach", "Space")],
    "current": [("maturity", "Space")],
}
KEYS = ("Space", "Enter", "ArrowDown")


def _press(page, key):
    assert focus_is_visible(page), page.evaluate("document.activeElement.outerHTML")
    page.keyboard.press(key)


def test_wizard_can_be_completed_with_the_keyboard_only(page, site):
    page.goto(site + "/")
    tab_to(page, "a[href='/assess/']")
    _press(page, "Enter")
    for step in WIZARD_STEPS[:-1]:
        expect_step(page, step)
        expect(page.locator("#step-heading")).to_be_focused()
        answers = KEYBOARD_ANSWERS.get(step)
        if answers is None:  # practices: the first answer, "not in place", to every question
            names = page.locator("input[type=radio][value=not_in_place]").evaluate_all(
                "radios => radios.map(radio => radio.name.split('-')[1])"
            )
            answers = [(name, "Space") for name in names]
        for name, action in answers:
            tab_to(page, f"[name='{step}-{name}']")
            if action in KEYS:
                _press(page, action)
            else:
                page.keyboard.type(action)
        tab_to(page, "button[type=submit]:not([name])")
        _press(page, "Enter")

    expect_step(page, "review")
    tab_to(page, "button[type=submit]:not([name])")
    _press(page, "Enter")
    expect(page).to_have_url(REPORT_URL)
    expect(page.locator("h1")).to_contain_text("Keyboard Ltd")
    expect(page.locator(".verdict-name")).to_be_visible()


def test_leaving_the_wizard_with_unsaved_answers_asks_first(page, site):
    start(page, site)
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    name = field(page, "company", "company_name")
    name.click()
    page.keyboard.type("Unsaved Ltd")
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Frameworks").click()
    assert dialogs == ["beforeunload"]
    expect_step(page, "company")
    expect(name).to_have_value("Unsaved Ltd")

    with page.expect_event("dialog"):
        page.get_by_role("link", name="Start over").click()
    assert dialogs[-1] == "confirm"
    expect(name).to_have_value("Unsaved Ltd")

    # A page sent back with errors holds answers the server has not kept yet.
    next_step(page)
    expect(page.get_by_role("alert")).to_be_visible()
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Frameworks").click()
    assert dialogs[-1] == "beforeunload"
    expect(name).to_have_value("Unsaved Ltd")

    # Answers saved by "Next" are safe, so leaving then asks nothing.
    fill_step(page, "company", US_SAAS["company"])
    next_step(page, "customers")
    page.get_by_role("link", name="Frameworks").click()
    expect(page).to_have_url(site + "/frameworks/")
    assert len(dialogs) == 3


def test_follow_up_questions_appear_only_when_they_apply(page, site):
    walk_to(page, site, US_SAAS, until="demands")
    iso_deadline = field(page, "demands", "deadline_iso")
    other = field(page, "demands", "tender_other")
    expect(iso_deadline).to_be_hidden()
    expect(other).to_be_hidden()
    field(page, "demands", "requests", "iso27001").check()
    expect(iso_deadline).to_be_visible()
    field(page, "demands", "tender_requirements", "other").check()
    expect(other).to_be_visible()
    other.fill("TISAX")
    field(page, "demands", "requests", "iso27001").uncheck()
    expect(iso_deadline).to_be_hidden()


def test_a_pdf_still_being_prepared_downloads_by_itself_once_it_is_ready(page, site, settings):
    from assessments.models import RenderedPdf
    from assessments.tasks import assessment_pdf_render
    from tests.factories import assessment_create

    # The worker is busy with others: the download's task waits in the queue.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    assessment = assessment_create()
    page.goto(site + assessment.get_absolute_url())
    page.get_by_role("link", name="Download PDF").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your PDF is being prepared")
    queued = RenderedPdf.objects.get(assessment=assessment)
    with page.expect_download() as info:  # the page asks again by itself
        assessment_pdf_render.call(queued.pk, str(queued.attempt))  # the worker gets to it
    queued.refresh_from_db()
    with queued.file.open("rb") as kept:
        assert info.value.path().read_bytes() == kept.read()
    page.get_by_role("link", name="Back to the report").click()
    expect(page.locator(".verdict-name")).to_have_text("SOC 2")


def test_a_uk_company_asked_for_cyber_essentials_plus_sees_it_planned_not_told_to_wait(page, site):
    """A small UK firm whose public-sector tender demands Cyber Essentials Plus by a date: the
    demands step asks the date only once the scheme is ticked, and the report plans it."""
    uk = {
        **US_SAAS,
        "company": {**US_SAAS["company"], "headcount": "11-50", "company_name": "Leeds Apps Ltd"},
        "customers": {"segments": ["smb"], "customer_regions": ["uk"]},
        "regions": {"selling_now": ["uk"], "selling_planned": []},
        "demands": {"requests": ["none"]},
        "budget": {**US_SAAS["budget"], "currency": "GBP"},
    }
    walk_to(page, site, uk, until="demands")
    fill_step(page, "demands", uk["demands"])
    deadline = field(page, "demands", "scheme_deadline_cyber_essentials_plus")
    expect(deadline).to_be_hidden()
    field(page, "demands", "demanded_schemes", "cyber_essentials_plus").check()
    expect(deadline).to_be_visible()
    deadline.fill(future_day(120))
    next_step(page, "budget")
    for step in WIZARD_STEPS[WIZARD_STEPS.index("budget") : WIZARD_STEPS.index("practices1")]:
        fill_step(page, step, uk[step])
        next_step(page, WIZARD_STEPS[WIZARD_STEPS.index(step) + 1])
    for step in ("practices1", "practices2"):
        answer_practices(page)
        next_step(page, WIZARD_STEPS[WIZARD_STEPS.index(step) + 1])
    page.get_by_role("button", name="skip this page and go to the review").click()
    expect_step(page, "review")
    expect(page.locator("main")).to_contain_text("Cyber Essentials Plus (by ")
    submit(page)

    expect(page.locator("main")).to_contain_text("Cyber Essentials → Cyber Essentials Plus")
    expect(page.locator("main")).not_to_contain_text("start the audit when the first buyer asks")


def future_day(days: int) -> str:
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()

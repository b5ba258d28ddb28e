"""axe-core on every kind of page, and the wizard's cues for people who cannot see the screen."""

import pprint
import uuid

import pytest
from django.contrib import admin
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.flows import (
    STEP_TITLES,
    US_SAAS,
    WIZARD_STEPS,
    answer_practices,
    axe_violations,
    fill_step,
    next_step,
    start,
    submit,
)

pytestmark = pytest.mark.e2e


def test_landing_wizard_report_and_404_have_no_serious_axe_violations(axe_page, site, axe_source):
    page, found = axe_page, {}

    def check(name):
        if violations := axe_violations(page, axe_source):
            found[name] = violations

    page.goto(site + "/")
    check("landing")
    start(page, site)
    next_step(page)
    check("company, nothing answered")
    for number, (step, following) in enumerate(zip(WIZARD_STEPS, WIZARD_STEPS[1:], strict=False)):
        expect(page).to_have_title(f"{STEP_TITLES[step]} · step {number + 1} of 8 · Certpath")
        check(step)
        if step in US_SAAS:
            fill_step(page, step, US_SAAS[step])
        else:
            answer_practices(page)
        if step == "practices1":
            page.locator("input[type=radio][value=na]").first.check()
            next_step(page)
            check("practices1, not applicable without a reason")
            answer_practices(page)
        next_step(page, following)
    expect(page).to_have_title("Review · step 8 of 8 · Certpath")
    check("review")
    submit(page)
    check("report")
    page.goto(f"{site}/assessments/{uuid.uuid4()}/")
    check("404")
    assert not found, pprint.pformat(found, width=120)


def test_admin_changelists_have_no_serious_axe_violations(
    axe_page, site, axe_source, django_user_model
):
    django_user_model.objects.create_superuser("maintainer", "m@example.com", "pw-123456")
    page, found = axe_page, {}
    page.goto(site + reverse("admin:login"))
    page.get_by_label("Username").fill("maintainer")
    page.get_by_label("Password").fill("pw-123456")
    page.get_by_role("button", name="Log in").click()
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    for url in urls:
        page.goto(site + url)
        expect(page.locator("#content")).to_be_visible()
        if violations := axe_violations(page, axe_source):
            found[url] = violations
    assert not found, pprint.pformat(found, width=120)


def test_each_step_is_named_shown_in_the_progress_bar_and_announced(page, site):
    start(page, site)
    expect(page).to_have_title("Company · step 1 of 8 · Certpath")
    heading = page.locator("#step-heading")
    expect(heading).to_be_focused()
    expect(heading).to_have_accessible_description("Step 1 of 8: Company")

    fill_step(page, "company", US_SAAS["company"])
    next_step(page, "customers")
    expect(page).to_have_title("Customers · step 2 of 8 · Certpath")
    expect(heading).to_be_focused()
    expect(heading).to_have_accessible_description("Step 2 of 8: Customers")
    progress = page.get_by_role("progressbar", name="Assessment progress")
    expect(progress).to_be_visible()
    expect(progress).to_have_attribute("aria-valuenow", "14")
    expect(progress).to_have_attribute("aria-valuetext", "Step 2 of 8")
    steps = page.get_by_role("navigation", name="Assessment steps")
    expect(steps.locator("[aria-current=step]")).to_have_text("2. Customers")
    expect(steps.get_by_text("1. Company")).to_contain_text("(done)")


def test_missing_page_is_in_the_site_style_with_a_favicon(page, site):
    response = page.goto(f"{site}/assessments/{uuid.uuid4()}/")
    assert response.status == 404
    expect(page).to_have_title("Page not found · Certpath")
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_contain_text("self-assessment")
    page.get_by_role("link", name="Back to the start").click()
    expect(page.get_by_role("link", name="Start the assessment")).to_be_visible()

    icon = page.locator("link[rel=icon]")
    expect(icon).to_have_attribute("type", "image/svg+xml")
    favicon = page.request.get(site + icon.get_attribute("href"))
    assert favicon.ok and favicon.headers["content-type"].startswith("image/svg+xml")

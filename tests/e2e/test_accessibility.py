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
    tried_na = False
    for number, (step, following) in enumerate(zip(WIZARD_STEPS, WIZARD_STEPS[1:], strict=False)):
        expect(page).to_have_title(
            f"{STEP_TITLES[step]} · step {number + 1} of {len(WIZARD_STEPS)} · Certpath"
        )
        check(step)
        if step in US_SAAS:
            fill_step(page, step, US_SAAS[step])
        else:
            answer_practices(page)
        # "Not applicable" is offered only where it could stand (engine 2.2): try it, without
        # a reason, on the first practice page that offers it.
        offered = page.locator("input[type=radio][value=na]")
        if step.startswith("practices") and not tried_na and offered.count():
            offered.first.check()
            next_step(page)
            check(f"{step}, not applicable without a reason")
            answer_practices(page)
            tried_na = True
        next_step(page, following)
    assert tried_na
    expect(page).to_have_title(
        f"Review · step {len(WIZARD_STEPS)} of {len(WIZARD_STEPS)} · Certpath"
    )
    check("review")
    submit(page)
    check("report")
    page.goto(f"{site}/assessments/{uuid.uuid4()}/")
    check("404")
    assert not found, pprint.pformat(found, width=120)


def test_wizard_report_and_deep_dive_have_no_serious_axe_violations_on_a_phone(
    axe_page, site, axe_source
):
    page, found = axe_page, {}
    page.set_viewport_size({"width": 390, "height": 844})

    def check(name):
        if violations := axe_violations(page, axe_source):
            found[name] = violations

    start(page, site)
    for step, following in zip(WIZARD_STEPS, WIZARD_STEPS[1:], strict=False):
        check(step)
        if step in US_SAAS:
            fill_step(page, step, US_SAAS[step])
        else:
            answer_practices(page)
        next_step(page, following)
    check("review")
    submit(page)
    check("report")
    report = page.url
    for framework in ("soc2", "iso27001"):
        page.goto(f"{report}deep-dive/{framework}/")
        check(f"deep dive {framework}")
    assert not found, pprint.pformat(found, width=120)


def _admin_violations(page, site, axe_source, user_model, urls) -> dict:
    user_model.objects.create_superuser("maintainer", "m@example.com", "pw-123456")
    page.goto(site + reverse("admin:login"))
    page.get_by_label("Username").fill("maintainer")
    page.get_by_label("Password").fill("pw-123456")
    page.get_by_role("button", name="Log in").click()
    found = {}
    for url in urls:
        page.goto(site + url)
        expect(page.locator("#content")).to_be_visible()
        if violations := axe_violations(page, axe_source):
            found[url] = violations
    return found


def test_admin_changelists_have_no_serious_axe_violations(
    axe_page, site, axe_source, django_user_model
):
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    found = _admin_violations(axe_page, site, axe_source, django_user_model, urls)
    assert not found, pprint.pformat(found, width=120)


def test_admin_change_forms_have_no_serious_axe_violations(
    axe_page, site, axe_source, django_user_model, reference_data
):
    # The forms the data maintainer works in: one existing row of each reference-data model.
    urls = [
        reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
            args=[model.objects.order_by("pk").first().pk],
        )
        for model in admin.site._registry
        if model._meta.app_label == "frameworks"
    ]
    found = _admin_violations(axe_page, site, axe_source, django_user_model, urls)
    assert not found, pprint.pformat(found, width=120)

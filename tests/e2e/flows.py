"""What a user does in the browser, step by step, shared by the browser tests."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from tests.assessments.wizard_helpers import VALID

WIZARD_STEPS = (
    "company",
    "customers",
    "regions",
    "budget",
    "current",
    "practices1",
    "practices2",
    "review",
)
STEP_TITLES = {
    "company": "Company",
    "customers": "Customers",
    "regions": "Markets",
    "budget": "Budget & timeline",
    "current": "Where you stand",
    "practices1": "Practices (1 of 2)",
    "practices2": "Practices (2 of 2)",
    "review": "Review",
}
US_SAAS = {**VALID, "company": {**VALID["company"], "company_name": "Acme Cloud Inc."}}
EU_COMPANY = {
    **VALID,
    "company": {**VALID["company"], "company_name": "Berlin Data GmbH"},
    "customers": {
        "segments": ["enterprise"],
        "customer_regions": ["eu"],
        "requests": ["iso27001", "questionnaires"],
        "deals_at_stake": "1",
    },
    "regions": {"selling_now": ["eu"], "selling_planned": []},
    "budget": {**VALID["budget"], "currency": "EUR"},
}


def field(page: Page, step: str, name: str, value: str | None = None):
    selector = f'[name="{step}-{name}"]'
    if value is not None:
        selector += f'[value="{value}"]'
    return page.locator(selector)


def fill_step(page: Page, step: str, data: dict) -> None:
    """Enter one step's answers (as in wizard_helpers.VALID), replacing what is there."""
    for name, value in data.items():
        inputs = field(page, step, name)
        kind = inputs.first.evaluate("el => el.type")
        if kind == "checkbox":
            wanted = set(value)
            for box in inputs.all():
                box.set_checked(box.get_attribute("value") in wanted)
        elif kind == "radio":
            field(page, step, name, value).check()
        elif kind.startswith("select"):
            inputs.select_option(value)
        else:
            inputs.fill(value)


def answer_practices(page: Page, level: str = "in_place") -> None:
    for radio in page.locator(f'input[type=radio][value="{level}"]').all():
        radio.check()


def expect_step(page: Page, step: str) -> None:
    expect(page.locator("#step-status")).to_contain_text(STEP_TITLES[step])


def next_step(page: Page, then: str | None = None) -> None:
    page.get_by_role("button", name="Next").click()
    if then:
        expect_step(page, then)


def start(page: Page, site: str) -> None:
    page.goto(site + "/")
    page.get_by_role("link", name="Start the assessment").click()
    expect_step(page, "company")


def complete_wizard(page: Page, site: str, answers: dict, level: str = "in_place") -> None:
    """From the landing page to the report, with the given answers for the first five steps."""
    start(page, site)
    for step, following in zip(WIZARD_STEPS[:-1], WIZARD_STEPS[1:], strict=True):
        if step in answers:
            fill_step(page, step, answers[step])
        else:
            answer_practices(page, level)
        next_step(page, following)
    submit(page)


def submit(page: Page) -> None:
    page.get_by_role("button", name="Submit and see the report").click()
    expect(page).to_have_url(REPORT_URL)


REPORT_URL = re.compile(r"/assessments/[0-9a-f-]{36}/$")

AXE_BLOCKING = ("serious", "critical")


def axe_violations(page: Page, axe_source: str, impacts=AXE_BLOCKING) -> list[str]:
    """Serious and critical axe-core findings on the current page, one readable line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + json.dumps([n["target"] for n in v["nodes"]][:5])
        for v in results["violations"]
        if v["impact"] in impacts
    ]

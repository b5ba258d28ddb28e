"""What a user does in the browser, step by step, shared by the browser tests."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from assessments.wizard.steps import STEP_TITLES, STEPS
from tests.assessments.wizard_helpers import VALID

WIZARD_STEPS = tuple(name for name, _ in STEPS)
REPORT_URL = re.compile(r"/assessments/[0-9a-f-]{36}/$")

US_SAAS = {**VALID, "company": {**VALID["company"], "company_name": "Acme Cloud Inc."}}
EU_COMPANY = {
    **VALID,
    "company": {**VALID["company"], "company_name": "Berlin Data GmbH"},
    "customers": {"segments": ["enterprise"], "customer_regions": ["eu"]},
    "regions": {"selling_now": ["eu"], "selling_planned": []},
    "demands": {"requests": ["iso27001", "questionnaires"], "deals_iso": "1"},
    "budget": {**VALID["budget"], "currency": "EUR"},
}


def field(page: Page, step: str, name: str, value: str | None = None):
    selector = f'[name="{step}-{name}"]'
    if value is not None:
        selector += f'[value="{value}"]'
    return page.locator(selector)


def fill_step(page: Page, step: str, data: dict) -> None:
    """Enter one step's answers (shaped like wizard_helpers.VALID), replacing what is there."""
    for name, value in data.items():
        inputs = field(page, step, name)
        kind = inputs.first.evaluate("el => el.type")
        if kind == "checkbox":
            states = inputs.evaluate_all("boxes => boxes.map(b => [b.value, b.checked])")
            for box_value, checked in states:
                if checked != (box_value in value):
                    field(page, step, name, box_value).click()
        elif kind == "radio":
            field(page, step, name, value).check()
        elif kind.startswith("select"):
            inputs.select_option(value)
        else:
            inputs.fill(value)


def answer_practices(page: Page, level: str = "in_place") -> None:
    """Give every readiness question on the page the same answer (a click on each, in one go)."""
    page.locator(f'input[type=radio][value="{level}"]').evaluate_all(
        "radios => radios.forEach(radio => radio.click())"
    )


def expect_step(page: Page, step: str) -> None:
    """The wizard shows `step`, and its script has run (it moves the focus)."""
    expect(page.locator("#step-status")).to_contain_text(STEP_TITLES[step])
    page.wait_for_load_state("domcontentloaded")


def next_step(page: Page, then: str | None = None) -> None:
    page.get_by_role("button", name="Next").click()
    if then:
        expect_step(page, then)


def start(page: Page, site: str) -> None:
    page.goto(site + "/")
    page.get_by_role("link", name="Start the assessment").click()
    expect_step(page, "company")


def walk_to(page: Page, site: str, answers: dict, until: str, level: str = "in_place") -> None:
    """From the landing page to the step `until`, answering every step before it."""
    start(page, site)
    for step, following in zip(WIZARD_STEPS, WIZARD_STEPS[1:], strict=False):
        if step == until:
            return
        if step in answers:
            fill_step(page, step, answers[step])
        else:
            answer_practices(page, level)
        next_step(page, following)


def submit(page: Page) -> None:
    page.get_by_role("button", name="Submit and see the report").click()
    expect(page).to_have_url(REPORT_URL)


def complete_wizard(page: Page, site: str, answers: dict, level: str = "in_place") -> None:
    walk_to(page, site, answers, until="review", level=level)
    submit(page)


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches; fail if the keyboard never gets there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def focus_is_visible(page: Page) -> bool:
    """The focused element shows a ring: an outline, or a box shadow where Bootstrap drops it."""
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
            return outline || style.boxShadow !== "none";
        }"""
    )


AXE_BLOCKING = ("serious", "critical")


def axe_violations(page: Page, axe_source: str, impacts=AXE_BLOCKING) -> list[str]:
    """axe-core's findings on the current page at the given impacts, one readable line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + json.dumps([node["target"] for node in v["nodes"]][:5])
        for v in results["violations"]
        if v["impact"] in impacts
    ]

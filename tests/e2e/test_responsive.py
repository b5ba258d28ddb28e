"""The landing page, a wizard step and the report on a phone and a desktop, with screenshots."""

import pytest
from playwright.sync_api import expect

from tests.assessments.wizard_helpers import complete_wizard as complete_wizard_by_post
from tests.e2e.flows import US_SAAS, walk_to

pytestmark = pytest.mark.e2e

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1440, "height": 900}}


def _expect_fits(page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, (
        f"{page.url} scrolls sideways: {scroll_width}px on a {width}px screen"
    )
    clipped = page.locator("svg.chart text").evaluate_all(
        "texts => texts.filter(t => t.getBBox().x < 0).map(t => t.textContent)"
    )
    assert not clipped, f"chart labels cut off at the left: {clipped}"


def test_pages_fit_phone_and_desktop_without_sideways_scrolling(page, site, client, screenshots):
    report_url = complete_wizard_by_post(client)["Location"]
    walk_to(page, site, US_SAAS, until="practices1")
    for screen, size in SCREENS.items():
        page.set_viewport_size(size)
        for name, path in (
            ("landing", "/"),
            ("wizard-practices", "/assess/practices1/"),
            ("report", report_url),
        ):
            page.goto(site + path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            _expect_fits(page, size["width"])
            page.screenshot(path=screenshots / f"{name}-{screen}.png", full_page=True)

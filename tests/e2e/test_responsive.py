"""The site on a 390 px phone and a desktop: no page scrolls sideways, chart text stays legible
(10 px or more as drawn) and inside its drawing, and every form control is wide enough for what
it holds, on every wizard step, the deep dive, the SoA, the report and the account pages."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.assessments.wizard_helpers import complete_wizard as complete_wizard_by_post
from tests.e2e.flows import US_SAAS, WIZARD_STEPS, answer_practices, fill_step, next_step, start
from tests.factories import answers_us_saas, assessment_create

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
SCREENS = {"phone": PHONE, "desktop": {"width": 1280, "height": 900}}
LEAST_CHART_PX = 10

# Each visible SVG text: its type size as drawn (its computed size times the drawing's scale),
# and whether its box leaves the drawing's box.
CHART_TEXT = """() => [...document.querySelectorAll("svg.chart")]
  .filter(svg => svg.getClientRects().length)
  .flatMap(svg => {
    const frame = svg.getBoundingClientRect();
    return [...svg.querySelectorAll("text")].filter(t => t.textContent.trim()).map(t => {
      const box = t.getBoundingClientRect();
      return {
        text: t.textContent.trim(),
        px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
        outside: box.left < frame.left - 1 || box.right > frame.right + 1
          || box.top < frame.top - 1 || box.bottom > frame.bottom + 1,
      };
    });
  })"""

# Every visible select, input, textarea and button that is too narrow for what it holds: a
# select narrower than its longest option (measured in its own font), a text field under 200 px,
# a button or other field whose content overflows it; and any that leaves the screen.
CRAMPED_CONTROLS = """() => {
  const found = [], width = document.documentElement.clientWidth;
  const ruler = document.createElement("canvas").getContext("2d");
  const texts = ["", "text", "email", "password", "search", "url", "tel"];
  for (const el of document.querySelectorAll("select, input, textarea, button")) {
    const type = (el.getAttribute("type") || "").toLowerCase();
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (["hidden", "checkbox", "radio"].includes(type) || box.width <= 1 || box.height <= 1
        || style.visibility === "hidden") continue;
    const name = el.name || el.id || el.textContent.trim().slice(0, 40);
    if (box.left < -0.5 || box.right > width + 0.5) found.push(`${name}: leaves the screen`);
    if (el.tagName === "SELECT") {
      ruler.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const widest = Math.max(...[...el.options].map(o => ruler.measureText(o.text).width));
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (widest > room + 0.5) found.push(`${name}: ${Math.round(room)} px for ${Math.round(widest)} px of text`);
    } else if (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && texts.includes(type))) {
      if (box.width < 200) found.push(`${name}: ${Math.round(box.width)} px wide`);
    } else if (el.scrollWidth > el.clientWidth + 1) {
      found.push(`${name}: ${el.scrollWidth} px of content in ${el.clientWidth} px`);
    }
  }
  return found;
}"""


def _expect_no_sideways_scrolling(page, width: int) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} scrolls sideways: {scroll_width}px on {width}px"


def _cramped(page) -> list[str]:
    page.wait_for_load_state("load")
    return [f"{page.url}: {problem}" for problem in page.evaluate(CRAMPED_CONTROLS)]


def _demanding_company():
    """A UK, EU and US company asked for SOC 2, ISO 27001 and Cyber Essentials Plus, with every
    practice answered: the longest labels, a scheme's rows and a named deadline in the charts."""
    soon = datetime.date.today()
    return answers_us_saas(
        company_name="Brick Cloud Ltd",
        headcount="51-200",
        customer_regions=("uk", "eu", "north_america"),
        selling_now=("uk", "eu"),
        currency="GBP",
        requests=("soc2", "iso27001"),
        deals_soc2=2,
        deadline_soc2=soon + datetime.timedelta(weeks=30),
        demanded_schemes={
            "cyber_essentials_plus": {"deadline": soon + datetime.timedelta(weeks=13), "deals": 1}
        },
        scheme_other="TISAX",
        budget_amount=120_000,
        budget_yearly=60_000,
        readiness={"security_policies_approved": "evidence"},
    )


def test_pages_fit_phone_and_desktop_without_sideways_scrolling(page, site, client, screenshots):
    report_url = complete_wizard_by_post(client)["Location"]
    start(page, site)
    for screen, size in SCREENS.items():
        page.set_viewport_size(size)
        for name, path in (("landing", "/"), ("wizard-company", "/assess/company/"),
                           ("report", report_url)):  # fmt: skip
            page.goto(site + path)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            _expect_no_sideways_scrolling(page, size["width"])
            page.screenshot(path=screenshots / f"{name}-{screen}.png", full_page=True)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_chart_text_is_legible_and_inside_its_drawing(page, site, screen, screenshots):
    assessment = assessment_create(_demanding_company())
    page.set_viewport_size(SCREENS[screen])
    page.goto(site + assessment.get_absolute_url())
    texts = page.evaluate(CHART_TEXT)
    # Every chart is there: the scores, the route with the scheme and its deadline, the weeks
    # to first proof, the costs with their axis, readiness. (A label wrapped onto lines reads
    # without the spaces between them.)
    drawn = {t["text"].replace(" ", "") for t in texts}
    assert {"CyberEssentialsPlus", "CyberEssentialsPlusdeadline", "SOC2overall"} <= drawn
    assert len(page.locator("svg.chart:visible").all()) == 5
    small = sorted({(round(t["px"], 1), t["text"]) for t in texts if t["px"] < LEAST_CHART_PX})
    assert not small, f"chart text under {LEAST_CHART_PX}px on a {screen}: {small}"
    outside = [t["text"] for t in texts if t["outside"]]
    assert not outside, f"chart text cut off at the drawing's edge: {outside}"
    assert not any(t["text"].endswith("…") for t in texts), "a label was cut short"
    for n, chart in enumerate(page.locator(".chart-wrap:visible").all()):
        chart.screenshot(path=screenshots / f"chart-{n}-{screen}.png")


def test_every_form_control_fits_what_it_holds_on_a_phone(page, site, client):
    page.set_viewport_size(PHONE)
    found = []
    start(page, site)
    for step, following in zip(WIZARD_STEPS, WIZARD_STEPS[1:], strict=False):
        found += _cramped(page)
        if step in US_SAAS:
            fill_step(page, step, US_SAAS[step])
        else:
            answer_practices(page)
        next_step(page, following)
    found += _cramped(page)  # the review
    key = assessment_create(_demanding_company()).link_key
    for path in (
        f"/assessments/{key}/",
        f"/assessments/{key}/deep-dive/soc2/",
        f"/assessments/{key}/deep-dive/iso27001/",
        f"/assessments/{key}/soa/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ):
        page.goto(site + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        _expect_no_sideways_scrolling(page, PHONE["width"])
        found += _cramped(page)
    assert not found, f"{len(found)} cramped controls:\n" + "\n".join(found[:20])

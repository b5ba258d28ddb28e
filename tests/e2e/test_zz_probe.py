import pytest

from tests.assessments.wizard_helpers import complete_wizard as client_wizard
from tests.e2e.flows import *

pytestmark = pytest.mark.e2e


def test_probe(new_page, site, client):
    client_wizard(client)
    from assessments.models import Assessment

    a = Assessment.objects.get()
    for w, h in ((390, 844), (1440, 900)):
        page = new_page(viewport={"width": w, "height": h})
        page.goto(site + "/")
        page.screenshot(path=f"/tmp/shots/landing-{w}.png", full_page=True)
        print(w, "landing", page.evaluate("document.documentElement.scrollWidth"))
        start(page, site)
        fill_step(page, "company", VALID["company"])
        next_step(page, "customers")
        field(page, "customers", "segments", "smb").check()
        fill_step(page, "customers", {"deals_at_stake": "-1"})
        next_step(page)
        page.screenshot(path=f"/tmp/shots/customers-err-{w}.png", full_page=True)
        print(w, "customers", page.evaluate("document.documentElement.scrollWidth"))
        fill_step(page, "customers", VALID["customers"])
        next_step(page, "regions")
        fill_step(page, "regions", VALID["regions"])
        next_step(page, "budget")
        fill_step(page, "budget", VALID["budget"])
        next_step(page, "current")
        fill_step(page, "current", VALID["current"])
        next_step(page, "practices1")
        page.screenshot(path=f"/tmp/shots/practices-{w}.png", full_page=True)
        answer_practices(page)
        next_step(page, "practices2")
        answer_practices(page)
        next_step(page, "review")
        page.screenshot(path=f"/tmp/shots/review-{w}.png", full_page=True)
        page.goto(site + a.get_absolute_url())
        page.screenshot(path=f"/tmp/shots/report-{w}.png", full_page=True)
        print(w, "report", page.evaluate("document.documentElement.scrollWidth"))
        page.goto(site + "/nope/")
        page.screenshot(path=f"/tmp/shots/404-{w}.png", full_page=True)

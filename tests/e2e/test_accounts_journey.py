"""A returning user's journey in a real browser: sign up, confirm the email, run the wizard,
find the assessment in My assessments, share it, and revoke the link."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.flows import US_SAAS, complete_wizard

pytestmark = pytest.mark.e2e
EMAIL = "cto@acme.example"
PASSWORD = "a-long-and-private-passphrase-7"
CONFIRM = re.compile(r"(/accounts/confirm-email/[^\s/]+/)")


def _confirmation_path() -> str:
    for message in reversed(mail.outbox):
        if EMAIL in message.to and (match := CONFIRM.search(message.body)):
            return match.group(1)
    raise AssertionError(f"no confirmation mail in {[m.subject for m in mail.outbox]}")


def test_sign_up_run_find_share_and_revoke(page, new_page, site, screenshots):
    mail.outbox.clear()
    page.goto(site + "/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_role("link", name="sign up").click()
    page.get_by_label("Email").fill(EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.screenshot(path=screenshots / "accounts-signup.png", full_page=True)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")

    page.goto(site + _confirmation_path())
    page.screenshot(path=screenshots / "accounts-confirm.png", full_page=True)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My assessments")
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    expect(page.locator("main")).to_contain_text("No assessments yet")

    complete_wizard(page, site, US_SAAS)
    first_link = page.url
    page.get_by_role("link", name="My assessments").click()
    row = page.locator(".workspace-table tbody tr")
    expect(row).to_have_count(1)
    expect(row.first).to_contain_text("Acme Cloud Inc.")
    expect(row.first).to_contain_text("SOC 2")
    page.screenshot(path=screenshots / "accounts-workspace.png", full_page=True)
    row.first.get_by_role("link", name="Acme Cloud Inc.", exact=True).click()

    shared = page.get_by_label("Link to this report").input_value()
    assert shared == first_link
    page.locator(".share-panel").screenshot(path=screenshots / "accounts-share-panel.png")
    colleague = new_page(viewport={"width": 1280, "height": 900})
    colleague.goto(shared)
    expect(colleague.locator(".verdict-name")).to_have_text("SOC 2")
    expect(colleague.locator("main")).to_contain_text("You are viewing a report shared with you")
    expect(colleague.get_by_role("link", name="Revoke links")).to_have_count(0)

    page.get_by_role("link", name="Revoke links").click()
    page.screenshot(path=screenshots / "accounts-revoke-confirm.png", full_page=True)
    page.get_by_role("button", name="Replace the links").click()
    expect(page.locator("main")).to_contain_text("The old links stopped working")
    new_link = page.get_by_label("Link to this report").input_value()
    assert new_link != shared and page.url == new_link
    page.screenshot(path=screenshots / "accounts-after-revoke.png", full_page=True)

    response = colleague.goto(shared)
    assert response.status == 404
    expect(colleague.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    colleague.screenshot(path=screenshots / "accounts-revoked-link.png", full_page=True)

    page.get_by_role("link", name="My assessments").click()
    expect(page.locator(".workspace-table tbody th a")).to_have_attribute(
        "href", new_link.removeprefix(site)
    )


def test_a_wrong_password_shows_a_clear_message(page, site, screenshots):
    page.goto(site + "/accounts/login/")
    page.get_by_label("Email").fill("nobody@acme.example")
    page.get_by_label("Password").fill("wrong-password-123")
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("main")).to_contain_text("are not correct")
    page.screenshot(path=screenshots / "accounts-login-error.png", full_page=True)


def test_account_pages_workspace_and_sharing_have_no_serious_axe_violations(
    axe_page, site, axe_source
):
    from tests.e2e.flows import axe_violations

    page, found = axe_page, {}

    def check(name):
        if violations := axe_violations(page, axe_source):
            found[name] = violations

    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        page.goto(site + path)
        check(path)
    complete_wizard(page, site, US_SAAS)
    check("report with the share panel")
    report = page.url
    page.get_by_role("link", name="Revoke links").click()
    check("revoke confirmation")
    page.goto(report)
    page.get_by_role("link", name="Edit answers").click()
    check("edit confirmation")
    page.goto(site + "/my-assessments/")
    check("my assessments")
    page.goto(site + "/my-assessments/?q=nothing-matches")
    check("my assessments, nothing found")
    assert not found, found

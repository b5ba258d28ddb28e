"""Browser fixtures: Debian's Chromium, driven by Playwright, against pytest-django's live server."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CERTPATH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
INSTALL_HINT = "apt-get install chromium"
TIMEOUT_MS = 10_000


def _unavailable(reason: str) -> None:
    """Skip on a developer's machine; in CI a missing browser is a failure, not a quiet skip."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} (CI=true, so browser tests may not skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"Chromium not found at {CHROMIUM}; install it with `{INSTALL_HINT}`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed; run `make install`")
    # Playwright's sync API keeps an event loop running in the test thread, which makes
    # Django refuse ORM calls there (fixtures, flushes) unless told the thread is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def site(reference_data, live_server):
    """The live server's base URL, with the reference data back after the previous flush."""
    return live_server.url


def _new_page(browser, **options):
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def page(browser, site):
    context, page = _new_page(browser, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def axe_page(browser, site):
    """A page whose CSP lets the injected axe-core script run; the app itself allows no inline script."""
    context, page = _new_page(browser, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield page
    context.close()


@pytest.fixture
def new_page(browser, site):
    """Open further pages, each in its own context (its own cookies), closed after the test."""
    contexts = []

    def open_page(**options):
        context, page = _new_page(browser, **options)
        contexts.append(context)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing; run `npm ci`", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS

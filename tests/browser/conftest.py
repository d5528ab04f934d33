"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between browser steps are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# Every Content-Security-Policy violation any page of a browser test causes,
# reader and admin alike; a test with one fails (no_csp_violations).
CSP_VIOLATIONS = []


def watch_for_csp_violations(context):
    def console(message):
        if "Content Security Policy" in message.text:
            page = message.page.url if message.page else "?"
            CSP_VIOLATIONS.append(f"{page}: {message.text}")

    context.on("console", console)
    return context


def watching_new_contexts(browser_class):
    """Browser.new_context that watches each new context (those made by tests too)."""
    original = browser_class.new_context

    def new_context(self, *args, **kwargs):
        return watch_for_csp_violations(original(self, *args, **kwargs))

    return original, new_context


@pytest.fixture(autouse=True)
def no_csp_violations(request):
    CSP_VIOLATIONS.clear()
    yield
    if "browser" in request.fixturenames and CSP_VIOLATIONS:
        found = "\n".join(CSP_VIOLATIONS)
        CSP_VIOLATIONS.clear()
        pytest.fail(f"Content-Security-Policy violations:\n{found}", pytrace=False)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() and shutil.which(CHROMIUM)):
        reason = f"Chromium not found at {CHROMIUM}: install Debian's chromium to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(reason + " (a missing browser is a failure in CI)", pytrace=False)
        pytest.skip(f"!!! BROWSER TESTS SKIPPED !!! {reason}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed (requirements-dev.txt)", pytrace=False)
        pytest.skip("!!! BROWSER TESTS SKIPPED !!! playwright is not installed")
    from playwright.sync_api import Browser

    original, watching = watching_new_contexts(Browser)
    Browser.new_context = watching
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        Browser.new_context = original


@pytest.fixture
def site(live_server, settings, media_root):
    """The live site, with uploaded media served as the web server would."""
    settings.ROOT_URLCONF = "tests.browser.urls"
    settings.DEBUG = False
    return live_server


@pytest.fixture
def page(browser, site):
    context = browser.new_context(
        locale="ar", viewport={"width": 1280, "height": 900}, base_url=site.url
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
